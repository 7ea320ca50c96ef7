// The docs-site test: the example MkDocs Material site (static/docs-site), built by the real
// tool with the release dist/ copied in as the README says, served on 127.0.0.1 and read in
// headless Chromium. ./dev.sh test builds the site and runs this (its docs-site phase):
//   NODE_PATH=~/.cache/stride-tools/node_modules node tests/e2e/docs-site.cjs <built site> [dist]
// With dist, it also opens the article the release build shipped in dist/docs/. Screenshots of
// the article (light and dark, 1280x800 and 390x844) go to target/e2e/; with
// STRIDE_README_SHOTS=static/readme the README's two go there too.
"use strict";

const { serve, waitForServer, launch } = require("./serve.cjs");
const fs = require("node:fs");
const path = require("node:path");

const site = path.resolve(process.argv[2] || "target/docs-site/site");
const dist = process.argv[3] ? path.resolve(process.argv[3]) : null;
const shots = path.resolve(process.env.STRIDE_SCREENSHOTS || "target/e2e");
const readmeShots = process.env.STRIDE_README_SHOTS ? path.resolve(process.env.STRIDE_README_SHOTS) : null;

const { check, assert, checkNoErrors, run } = require("./harness.cjs");

// Every Stride figure on the page: its id, its height, its content's height, whether it is on
// screen, whether it is dark, and the iteration its read-out shows (null before it is up).
function figures(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll("iframe[data-stride]"), (f) => {
    const doc = f.contentDocument;
    const main = doc && doc.querySelector("main.stride");
    const r = f.getBoundingClientRect();
    const it = doc && doc.getElementById("ro-iteration");
    return {
      id: f.id,
      frame: f.clientHeight,
      content: main ? main.getBoundingClientRect().height : null,
      scroll: doc ? doc.documentElement.scrollHeight : null,
      seen: r.bottom > 0 && r.top < innerHeight,
      dark: doc ? doc.documentElement.classList.contains("dark") : null,
      iteration: it ? Number(it.textContent.replace(/[^0-9]/g, "")) : null,
      url: doc ? doc.location.search : null,
    };
  }));
}

// Waits until every figure is up and sized to its content by embed.js.
async function allSized(page, timeout = 60000) {
  await page.waitForFunction(() => Array.from(document.querySelectorAll("iframe[data-stride]")).every((f) => {
    const main = f.contentDocument && f.contentDocument.querySelector("main.stride");
    return main && f.contentDocument.getElementById("regime") &&
      Math.abs(f.clientHeight - main.getBoundingClientRect().height) <= 3;
  }), null, { timeout, polling: 200 });
}

const toggle = (page) => page.locator("label.md-header__button[for^='__palette']:not([hidden])").click();
const scheme = (page) => page.evaluate(() => document.body.getAttribute("data-md-color-scheme"));

async function main() {
  assert(fs.existsSync(path.join(site, "index.html")), `${site}/index.html missing: build the site first`);
  assert(fs.existsSync(path.join(site, "stride", "embed.js")), "the site has no stride/ folder: copy dist/ to docs/stride/");
  fs.mkdirSync(shots, { recursive: true });
  // The strict policy on Stride's own files, as a strict host sends it; the docs pages are
  // MkDocs Material's, with its inline scripts.
  const server = await serve(site, { policyFor: (p) => p.startsWith("/stride/") });
  const base = `http://127.0.0.1:${server.port}`;
  const shipped = dist ? await serve(dist, { policyFor: (p) => !p.startsWith("/docs/") }) : null;
  let browser;
  try {
    await waitForServer(`${base}/index.html`);
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
    const errors = [];
    const offsite = [];
    const local = (u) => u.startsWith("http://127.0.0.1:") || u.startsWith("data:") || u.startsWith("blob:") || u === "about:blank";
    context.on("request", (r) => !local(r.url()) && offsite.push(r.url()));
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && errors.push(`console error: ${m.text()}`));
    let workers = 0;
    page.on("worker", (w) => {
      workers++;
      w.on("console", (m) => m.type() === "error" && errors.push(`worker console error: ${m.text()}`));
    });

    // Each check can run alone (E2E_ONLY): it opens the article if no check before it did.
    const open = async () => {
      if (!page.url().startsWith(`${base}/index.html`)) {
        await page.goto(`${base}/index.html`);
        await allSized(page);
      }
    };

    await check("the article loads at the top; only the figures on screen train", async () => {
      const t0 = Date.now();
      await page.goto(`${base}/index.html`);
      await allSized(page);
      console.log(`     all ${(await figures(page)).length} figures up and sized ${Date.now() - t0} ms after navigation`);
      // The line's figure at the top draws its run; the ones below, networks all, wait.
      await page.waitForTimeout(2000);
      const figs = await figures(page);
      assert(figs.length === 10, `${figs.length} figures`);
      const unseen = figs.filter((f) => !f.seen);
      assert(unseen.length >= 8, `on screen: ${figs.filter((f) => f.seen).map((f) => f.id)}`);
      const moved = unseen.filter((f) => f.iteration !== 0);
      assert(moved.length === 0, `trained while never seen: ${moved.map((f) => `${f.id} ${f.iteration}`)}`);
      assert(workers === 0, `${workers} landscape workers before any network figure was seen`);
      // Seen, a network figure trains; the others stay where they were.
      await page.locator("#fig-decay").scrollIntoViewIfNeeded();
      await page.waitForFunction(() => Number(document.getElementById("fig-decay").contentDocument.getElementById("ro-iteration").textContent.replace(/[^0-9]/g, "")) > 0, null, { timeout: 15000 });
      await page.waitForTimeout(500);
      const later = await figures(page);
      const idle = later.filter((f) => !f.seen && ["fig-finder", "fig-lr0-lrf", "fig-fine-tune"].includes(f.id));
      assert(idle.length > 0 && idle.every((f) => f.iteration === 0), `below the decay figure: ${JSON.stringify(idle.map((f) => [f.id, f.iteration]))}`);
      // Scrolled away, it stops.
      await page.evaluate(() => scrollTo(0, 0));
      await page.waitForTimeout(300);
      const away = (await figures(page)).find((f) => f.id === "fig-decay").iteration;
      await page.waitForTimeout(1000);
      const still = (await figures(page)).find((f) => f.id === "fig-decay").iteration;
      assert(still === away, `the decay figure trained off screen: ${away} -> ${still}`);
      console.log(`     decay figure: 0 until seen, ${away} when scrolled away, ${still} a second later`);
    });

    await check("every figure sizes to its content, with no scrollbar inside", async () => {
      await open();
      for (const [w, h] of [[1280, 800], [390, 844]]) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(500);
        await allSized(page, 10000).catch(() => {});
        for (const f of await figures(page)) {
          assert(Math.abs(f.frame - f.content) <= 3, `${w}x${h} ${f.id}: frame ${f.frame} px for ${f.content} px of content`);
          assert(f.scroll <= f.frame + 1, `${w}x${h} ${f.id}: inner scrollbar (${f.scroll} px in ${f.frame} px)`);
          assert(f.frame > 300 && f.frame !== 900, `${w}x${h} ${f.id}: not sized by embed.js (${f.frame} px)`);
        }
        console.log(`     ${w}x${h}: ${(await figures(page)).map((f) => `${f.id.replace("fig-", "")} ${f.frame}`).join(", ")} px`);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await check("Material's palette toggle switches every figure's theme within a second", async () => {
      await open();
      const before = await figures(page);
      assert((await scheme(page)) === "default" && before.every((f) => f.dark === false), `start: ${await scheme(page)} ${JSON.stringify(before.map((f) => f.dark))}`);
      for (const [want, dark] of [["slate", true], ["default", false], ["slate", true]]) {
        const t0 = Date.now();
        await toggle(page);
        assert((await scheme(page)) === want, `Material's scheme is ${await scheme(page)}`);
        await page.waitForFunction((dark) => Array.from(document.querySelectorAll("iframe[data-stride]"))
          .every((f) => f.contentDocument.documentElement.classList.contains("dark") === dark), dark, { timeout: 1000, polling: 20 });
        const ms = Date.now() - t0;
        // The charts follow, not only the page's colours: the loss chart's paper.
        const paper = await page.evaluate(() => Array.from(document.getElementById("fig-mountain").contentDocument.getElementById("loss").getContext("2d").getImageData(2, 2, 1, 1).data.slice(0, 3)));
        assert(dark ? paper.every((c) => c < 40) : paper.every((c) => c > 240), `${want}: loss chart paper ${paper}`);
        console.log(`     ${want}: all 10 figures ${dark ? "dark" : "light"} ${ms} ms after the click`);
      }
      // Material remembers the palette across pages and reloads; the figures take it on load.
      await page.reload();
      await allSized(page);
      await page.waitForFunction(() => Array.from(document.querySelectorAll("iframe[data-stride]"))
        .every((f) => f.contentDocument.documentElement.classList.contains("dark")), null, { timeout: 5000 });
      await toggle(page);
      assert((await scheme(page)) === "default", "back to light");
    });

    await check("axe finds no critical or serious accessibility problem on the article, light and dark", async () => {
      await open();
      const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
      const found = [];
      for (const [w, h] of [[1280, 800], [390, 844]]) {
        await page.setViewportSize({ width: w, height: h });
        for (let k = 0; k < 2; k++) {
          await page.waitForTimeout(500);
          if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: axeSource });
          // The figures are Stride's own pages, which the end-to-end test checks with axe.
          const result = await page.evaluate(() => window.axe.run({ exclude: [["iframe[data-stride]"]] }, { resultTypes: ["violations"], iframes: false }));
          for (const v of result.violations.filter((v) => ["critical", "serious"].includes(v.impact))) {
            found.push(`${w}x${h} ${await scheme(page)}: ${v.id} (${v.impact}) on ${v.nodes.length} nodes: ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")}`);
          }
          await toggle(page);
        }
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      assert(found.length === 0, found.join("\n"));
    });

    await check("screenshots of the article at 1280x800 and 390x844, light and dark", async () => {
      await open();
      for (const [w, h] of [[1280, 800], [390, 844]]) {
        await page.setViewportSize({ width: w, height: h });
        for (const want of ["default", "slate"]) {
          if ((await scheme(page)) !== want) await toggle(page);
          const name = want === "slate" ? "dark" : "light";
          await page.evaluate(() => scrollTo(0, 0));
          await page.waitForTimeout(1500);
          await page.screenshot({ path: path.join(shots, `docs-${name}-${w}x${h}.png`) });
          // The first section with its live figure, as a reader meets it.
          await page.locator("#a-step-down-the-mountain").evaluate((e) => e.scrollIntoView());
          await page.waitForTimeout(2500);
          const shot = await page.screenshot({ path: path.join(shots, `docs-${name}-${w}x${h}-figure.png`) });
          if (readmeShots && w === 1280) fs.writeFileSync(path.join(readmeShots, `docs-${name}.png`), shot);
          await page.screenshot({ path: path.join(shots, `docs-${name}-${w}x${h}-full.png`), fullPage: true });
        }
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      console.log(`     in ${shots}: docs-{light,dark}-{1280x800,390x844}{,-figure,-full}.png`);
    });

    if (shipped) {
      await check("the release build ships the article in docs/, and the playground links to it", async () => {
        const home = `http://127.0.0.1:${shipped.port}`;
        await page.goto(`${home}/index.html`);
        await page.waitForSelector("#regime");
        await page.locator("footer a[href='docs/index.html']").click();
        await page.waitForURL(`${home}/docs/index.html`);
        await allSized(page);
        const figs = await figures(page);
        assert(figs.length === 10, `${figs.length} figures in the shipped article`);
        const srcs = await page.$$eval("iframe[data-stride]", (fs) => fs.map((f) => f.getAttribute("src")));
        assert(srcs.every((s) => s.startsWith("../?")), `figures point at the playground beside it: ${srcs[0]}`);
        assert(!fs.existsSync(path.join(dist, "docs", "stride")), "no second copy of Stride inside docs/");
      });
    }

    await checkNoErrors(errors, offsite);
  } finally {
    if (browser) await browser.close();
    server.stop();
    if (shipped) shipped.stop();
  }
}

run(main);
