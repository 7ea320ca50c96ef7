// Screenshots of every lesson and the default page at 1280x800 and 390x844, first screen and
// whole page, for reviewing what a learner sees (and for the README). Not part of the test run:
//   NODE_PATH=~/.cache/stride-tools/node_modules node tests/e2e/shots.cjs dist [out dir] [query...]
// SHOTS_SIZES=1920x1080,1280x720 takes other screen sizes (presenter mode: present=1&course=N);
// SHOTS_RATIO=2 takes them at devicePixelRatio 2.
// With --readme as the only query, it makes the README's pictures of the panels and lessons:
//   node tests/e2e/shots.cjs dist static/readme --readme
"use strict";

const { serve, waitForServer, launch } = require("./serve.cjs");
const fs = require("node:fs");
const path = require("node:path");

// The README's pictures: each view as a reader sees it after the one click it needs.
async function readme(browser, base, out) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const open = async (q) => {
    await page.goto(`${base}/?${q}`);
    await page.waitForSelector("#regime");
  };
  const settle = () => page
    .waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true" && !document.querySelector(".landscape .overlay"), null, { timeout: 60000 })
    .catch(() => {});
  // The part of the page from the top of `from` to the bottom of `to`.
  const between = async (from, to, file) => {
    const a = await page.locator(from).first().boundingBox();
    const b = await page.locator(to).first().boundingBox();
    const stage = await page.locator(".stage").boundingBox();
    await page.screenshot({
      path: path.join(out, file),
      fullPage: true,
      clip: { x: stage.x, y: a.y - 4, width: stage.width, height: b.y + b.height - a.y + 8 },
    });
  };
  const net = "task=moons&epochs=30&batch=16&nbs=16&momentum=0.9";
  await open(`${net}&sweep=1&finder=1&predict=0`);
  // The address runs both: the finder at once, the sweep once the run has ended.
  await page.waitForSelector("#sweep-best", { timeout: 60000 });
  await page.locator("#sweep").screenshot({ path: path.join(out, "sweep.png") });
  await page.waitForSelector("#finder-sentence");
  await page.locator("#finder").screenshot({ path: path.join(out, "finder.png") });
  await open("preset=too-high");
  await between("#predict", ".charts", "predict-ask.png");
  await page.locator("[data-guess='zig-zag']").click();
  await page.waitForSelector("#predict-result.missed", { timeout: 10000 });
  await settle();
  await between(".lesson-box", ".charts", "predict-result.png");
  await open("preset=clipping");
  await settle();
  await page.locator("figure.grad").screenshot({ path: path.join(out, "grad.png") });
  await open("preset=sgd-vs-adam");
  await settle();
  await between(".lesson-box", ".charts", "sgd-vs-adam.png");
  await open("preset=momentum&predict=0");
  await settle();
  await between(".lesson-box", ".charts", "momentum.png");
  await open("preset=local-minimum");
  await settle();
  await between(".lesson-box", ".charts", "local-minimum.png");
  for (const f of fs.readdirSync(out)) console.log(`${out}/${f}`);
}

async function main() {
  const dist = path.resolve(process.argv[2] || "dist");
  const out = path.resolve(process.argv[3] || "target/e2e/lessons");
  const extra = process.argv.slice(4);
  const sizes = (process.env.SHOTS_SIZES || "1280x800,390x844").split(",").map((s) => s.split("x").map(Number));
  fs.mkdirSync(out, { recursive: true });
  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.port}`;
  await waitForServer(`${base}/index.html`);
  const browser = await launch();
  try {
    if (extra[0] === "--readme") return await readme(browser, base, out);
    const queries = extra.length
      ? extra
      : ["", "preset=too-high", "preset=too-low", "preset=just-right", "preset=warmup", "preset=step-decay",
         "preset=cosine-vs-linear", "preset=batch-lr", "preset=batch-ultralytics", "preset=fine-tune",
         "preset=ultralytics-defaults", "preset=momentum", "preset=sgd-vs-adam", "preset=clipping", "preset=local-minimum", "task=moons&epochs=30&batch=16&nbs=16&momentum=0.9&sweep=1&finder=1", "task=spirals", "embed=1&preset=warmup", "theme=dark&preset=too-high"];
    for (const [w, h] of sizes) {
      // SHOTS_RATIO=2 takes them at devicePixelRatio 2; a phone-wide screen is a touch screen.
      const ratio = Number(process.env.SHOTS_RATIO || 1);
      const context = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: ratio, hasTouch: w <= 480 });
      const page = await context.newPage();
      for (const q of queries) {
        await page.goto(`${base}/?${q}`);
        // The course's closing slide has no run.
        await page.waitForSelector("#regime, #course-end");
        // Let runs finish and landscapes fill (up to 60 s).
        await page
          .waitForFunction(
            () => (document.querySelector("#play")?.dataset.finished === "true" || document.querySelector("#predict-question"))
              && !document.querySelector(".landscape .overlay"),
            null,
            { timeout: 60000 },
          )
          .catch(() => {});
        // An open finder or sweep panel is shown run, as a reader would see it after one click.
        for (const [panel, done] of [["finder", "#finder-sentence"], ["sweep", "#sweep-best"]]) {
          if (new URLSearchParams(q).get(panel) === "1") {
            await page.locator(`#${panel}-run`).click();
            await page.waitForSelector(done, { timeout: 60000 }).catch(() => {});
          }
        }
        await page.waitForTimeout(300);
        const name = (q || "default").replace(/[^a-z0-9=-]+/gi, "_");
        await page.screenshot({ path: path.join(out, `${name}-${w}.png`) });
        await page.screenshot({ path: path.join(out, `${name}-${w}-full.png`), fullPage: true });
        for (const panel of ["finder", "sweep"]) {
          if (new URLSearchParams(q).get(panel) === "1") {
            await page.locator(`#${panel}`).screenshot({ path: path.join(out, `${name}-${w}-${panel}.png`) });
          }
        }
        if (await page.locator("#regime").count()) {
          console.log(`${name}-${w}: ${await page.locator("#regime").textContent()} · ${await page.locator("#regime-why").textContent()}`);
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
