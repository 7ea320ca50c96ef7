// Screenshots of every lesson and the default page at 1280x800 and 390x844, first screen and
// whole page, for reviewing what a learner sees (and for the README). Not part of the test run:
//   NODE_PATH=~/.cache/stride-tools/node_modules node tests/e2e/shots.cjs dist [out dir] [query...]
"use strict";

const { serve, waitForServer, launch } = require("./serve.cjs");
const fs = require("node:fs");
const path = require("node:path");

async function main() {
  const dist = path.resolve(process.argv[2] || "dist");
  const out = path.resolve(process.argv[3] || "target/e2e/lessons");
  const extra = process.argv.slice(4);
  fs.mkdirSync(out, { recursive: true });
  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.port}`;
  await waitForServer(`${base}/index.html`);
  const browser = await launch();
  try {
    const queries = extra.length
      ? extra
      : ["", "preset=too-high", "preset=too-low", "preset=just-right", "preset=warmup", "preset=step-decay",
         "preset=cosine-vs-linear", "preset=batch-lr", "preset=batch-ultralytics", "preset=fine-tune",
         "preset=ultralytics-defaults", "preset=momentum", "preset=sgd-vs-adam", "preset=clipping", "task=moons&epochs=30&batch=16&nbs=16&momentum=0.9&sweep=1&finder=1", "task=spirals", "embed=1&preset=warmup", "theme=dark&preset=too-high"];
    for (const [w, h] of [[1280, 800], [390, 844]]) {
      const context = await browser.newContext({ viewport: { width: w, height: h } });
      const page = await context.newPage();
      for (const q of queries) {
        await page.goto(`${base}/?${q}`);
        await page.waitForSelector("#regime");
        // Let runs finish and landscapes fill (up to 60 s).
        await page
          .waitForFunction(
            () => (document.querySelector("#play")?.disabled || document.querySelector("#predict-question"))
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
        console.log(`${name}-${w}: ${await page.locator("#regime").textContent()} · ${await page.locator("#regime-why").textContent()}`);
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
