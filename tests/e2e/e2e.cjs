// End-to-end test of the release build: serve dist/ over HTTP on 127.0.0.1, open it in headless
// Chromium, and use the page the way a person would. Usage: node tests/e2e/e2e.cjs <dist dir>
// Needs playwright-core on NODE_PATH (./dev.sh test installs it) and Debian's chromium.
"use strict";

const { serve, waitForServer, launch, browsersRss } = require("./serve.cjs");

const fs = require("node:fs");
const path = require("node:path");

const dist = path.resolve(process.argv[2] || "dist");
// Optional: a site root holding a build made with --public-url SUBPATH, and that SUBPATH.
const subRoot = process.argv[3] ? path.resolve(process.argv[3]) : null;
const subPath = process.argv[4] || "/stride/demo/";
const shots = path.resolve(process.env.STRIDE_SCREENSHOTS || "target/e2e");

const { check, assert, checkNoErrors, run, swipe: fingerSwipe } = require("./harness.cjs");
const { firstScreenWords } = require("./words.cjs");

// The tools below the charts sit under one closed "More tools" line: open it, then the panel.
async function openTools(p) {
  const more = p.locator("#more-tools");
  await more.waitFor({ state: "attached", timeout: 5000 });
  if (!(await more.evaluate((d) => d.open))) await p.locator("#more-tools > summary").click();
}
async function openPanel(p, id) {
  await openTools(p);
  await p.locator(`#${id} > summary`).click();
}

async function main() {
  assert(fs.existsSync(path.join(dist, "index.html")), `${dist}/index.html missing: run trunk build --release first`);
  fs.mkdirSync(shots, { recursive: true });

  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.port}`;
  let subServer = null;
  let subBase = null;
  if (subRoot) {
    subServer = await serve(subRoot);
    subBase = `http://127.0.0.1:${subServer.port}${subPath}`;
  }
  let browser;
  try {
    await waitForServer(`${base}/index.html`);
    if (subBase) await waitForServer(`${subBase}index.html`);
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Every Content Security Policy violation is recorded, in the page and its workers.
    await context.addInitScript(() => {
      window.__cspViolations = [];
      const record = (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      (self.document || self).addEventListener("securitypolicyviolation", record);
    });
    const page = await context.newPage();
    const errors = [];
    const cspViolations = async () => page.evaluate(() => window.__cspViolations || []).catch(() => []);
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && errors.push(`console error: ${m.text()}`));
    page.on("worker", (w) => w.on("console", (m) => m.type() === "error" && errors.push(`worker console error: ${m.text()}`)));
    const offsite = [];
    const local = (u) => u.startsWith("http://127.0.0.1:") || u.startsWith("data:") || u.startsWith("blob:");
    page.on("request", (r) => !local(r.url()) && offsite.push(r.url()));

    const regime = () => page.locator("#regime").textContent();
    const landscapeShot = () => page.locator("#landscape").screenshot();

    await check("the page loads from the release build and starts at the URL's lr0", async () => {
      await page.goto(`${base}/?lr0=0.001`);
      await page.waitForSelector("#regime", { timeout: 15000 });
      assert((await regime()) === "crawl", `regime is ${await regime()}`);
      assert((await page.locator("#lr0-typed").inputValue()) === "0.001", "typed box shows lr0");
    });

    await check("the release's brotli and gzip copies hold the same bytes, and the page runs from the copy it was sent", async () => {
      const zlib = require("node:zlib");
      const shipped = fs.readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f));
      assert(shipped.some((f) => f.endsWith(".wasm")), `no wasm in ${dist}`);
      for (const f of shipped) {
        const bytes = fs.readFileSync(path.join(dist, f));
        for (const [ext, unpack] of [[".gz", zlib.gunzipSync], [".br", zlib.brotliDecompressSync]]) {
          assert(fs.existsSync(path.join(dist, f + ext)), `${f}${ext} missing`);
          assert(unpack(fs.readFileSync(path.join(dist, f + ext))).equals(bytes), `${f}${ext} does not unpack to ${f}`);
        }
      }
      // The page above was served its wasm compressed: the bytes on the wire are the copy's.
      const wasm = await page.evaluate(() => performance.getEntriesByType("resource")
        .filter((e) => e.name.endsWith(".wasm")).map((e) => ({ name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize })));
      assert(wasm.length === 1, `one wasm fetched, got ${JSON.stringify(wasm)}`);
      const name = path.basename(new URL(wasm[0].name).pathname);
      const sizes = [".br", ".gz"].map((ext) => fs.statSync(path.join(dist, name + ext)).size);
      assert(wasm[0].decoded === fs.statSync(path.join(dist, name)).size, `decoded ${wasm[0].decoded} bytes`);
      assert(sizes.includes(wasm[0].encoded), `sent ${wasm[0].encoded} bytes, the copies are ${sizes}`);
    });

    await check("nothing moves under the pointer: the first drag on the first visit leaves the slider in place", async () => {
      for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
        await page.setViewportSize(size);
        await page.goto(`${base}/`);
        await page.waitForSelector("#regime");
        const slider = page.locator("#lr0");
        const box = await slider.boundingBox();
        const y = box.y + box.height / 2;
        const x = box.x + 9 + (box.width - 18) * 0.67;
        await page.mouse.move(x, y);
        await page.mouse.down();
        await page.mouse.move(x + 30, y, { steps: 5 });
        await page.mouse.up();
        await page.waitForFunction(() => /lr0=/.test(location.search), null, { timeout: 3000 });
        const after = await slider.boundingBox();
        assert(Math.abs(after.y - box.y) < 1 && Math.abs(after.x - box.x) < 1, `${size.width}px: the slider moved from ${JSON.stringify(box)} to ${JSON.stringify(after)}`);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await check("dragging the slider with the pointer moves from crawl to divergence, the charts holding still", async () => {
      const before = await landscapeShot();
      const slider = page.locator("#lr0");
      await slider.scrollIntoViewIfNeeded();
      const box = await slider.boundingBox();
      const y = box.y + box.height / 2;
      // The thumb sits where lr0 = 1e-3 is on a log scale from 1e-5 to 10: a third of the way.
      const x0 = box.x + 9 + (box.width - 18) / 3;
      await page.mouse.move(x0, y);
      await page.mouse.down();
      const seen = [];
      // The charts hold still under the drag, whatever the verdict says (a two-line opening
      // moved them 18 px at the zig-zag's rates).
      const mapTop = () => page.evaluate(() => Math.round(document.getElementById("landscape").getBoundingClientRect().top));
      const tops = new Set([await mapTop()]);
      for (let k = 0; k <= 40; k++) {
        await page.mouse.move(x0 + ((box.x + box.width - x0) * k) / 40, y);
        const r = await regime();
        if (seen[seen.length - 1] !== r) seen.push(r);
        tops.add(await mapTop());
      }
      await page.mouse.up();
      assert(tops.size === 1, `the map moved during the drag: ${[...tops].join(", ")}`);
      // The oscillating band of this valley, from the best rate to 2/λmax, is narrower than a
      // mouse step here; the keyboard check below meets it.
      const order = seen.filter((r) => r !== "oscillating").join(",");
      assert(order === "crawl,converging,diverging", `regimes along the drag: ${seen.join(",")}`);
      const after = await landscapeShot();
      assert(!before.equals(after), "the landscape canvas did not change");
      // A drag shows the final picture at once: the run is not revealed step by step.
      assert((await page.locator("#play").getAttribute("data-finished")) === "true", "after a drag the whole run shows at once");
      // The address bar follows once the settings rest (150 ms).
      await page.waitForFunction(() => /lr0=/.test(location.search), null, { timeout: 3000 });
      await page.locator("#diverged").waitFor({ timeout: 2000 });
      // And at the zig-zag's rates, narrower than a mouse step, typed.
      for (const v of ["0.479", "0.2", "0.316", "0.479"]) {
        await page.fill("#lr0-typed", v);
        await page.press("#lr0-typed", "Enter");
        await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 5000 });
        tops.add(await mapTop());
      }
      assert(tops.size === 1, `the map moved as lr0 changed: ${[...tops].join(", ")}`);
    });

    await check("the keyboard moves the slider too", async () => {
      const slider = page.locator("#lr0");
      await slider.focus();
      await page.keyboard.press("Home");
      assert((await regime()) === "crawl", `Home gives ${await regime()}`);
      const before = await landscapeShot();
      // Each arrow press is 0.02 decades; walk right until the regime changes.
      const seen = ["crawl"];
      for (let i = 0; i < 400 && seen[seen.length - 1] !== "diverging"; i++) {
        await page.keyboard.press("ArrowRight");
        const r = await regime();
        if (seen[seen.length - 1] !== r) seen.push(r);
      }
      assert(seen.join(",") === "crawl,converging,oscillating,diverging", `regimes by keyboard: ${seen.join(",")}`);
      const after = await landscapeShot();
      assert(!before.equals(after), "the landscape canvas did not change");
    });

    await check("ticking Compare keeps the focus on the box: the rates field it shows does not take it", async () => {
      await page.goto(`${base}/`);
      await page.waitForSelector("#regime");
      await page.locator("#ctl-compare").focus();
      await page.keyboard.press("Space");
      await page.waitForSelector("#ctl-lrs");
      // Yew reused the box's element for the new field when the controls had no keys, and
      // the focus (and a phone's keyboard) went with it (a teacher).
      const active = await page.evaluate(() => document.activeElement?.id);
      assert(active === "ctl-compare", `focus on ${active}`);
      assert(await page.locator("#ctl-compare").isChecked(), "ticked");
    });

    await check("a diverging run's advice has a button that sets the slider's try rate, and that run trains", async () => {
      await page.goto(`${base}/?lr0=0.8`);
      await page.waitForSelector("#verdict-use", { timeout: 10000 });
      const text = await page.locator("#verdict-use").innerText();
      const m = /^Use lr0 ([0-9.e-]+)$/.exec(text);
      assert(m, `the button: ${text}`);
      const tried = await page.locator("select.pick optgroup[label=\"the slider's marks\"] option", { hasText: /^try / }).first().innerText();
      assert(tried.includes(m[1]), `the try mark ${tried} against ${text}`);
      await page.locator("#verdict-use").click();
      await page.waitForFunction((v) => document.querySelector("#lr0-typed")?.value === v, m[1], { timeout: 5000 });
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 10000 });
      assert((await regime()) === "converging", `at ${m[1]}: ${await regime()}`);
      assert((await page.locator("#verdict-use").count()) === 0, "a converging run has no advice button");
    });

    await check("the slider suggests one rate, the rate map's: its try mark, first in the pick menu, sets what the map names", async () => {
      await page.goto(`${base}/`);
      await page.waitForSelector("#regime");
      const tried = page.locator("select.pick optgroup[label=\"the slider's marks\"] option", { hasText: /^try / });
      await tried.waitFor({ state: "attached", timeout: 10000 });
      const marks = await page.locator("select.pick optgroup[label=\"the slider's marks\"] option").allTextContents();
      assert(!marks.some((m) => /fastest/.test(m)), `one rate suggested, not two: ${marks.join(" | ")}`);
      const value = await tried.getAttribute("value");
      await openTools(page);
      const named = /Try lr0 ≈\s([0-9.e-]+):/.exec(await page.locator("#rate-map-try").innerText())?.[1];
      assert(Math.abs(+named - +value) < 0.03 * +value, `the map's rate ${named}, the mark's ${value}`);
      assert((await page.locator("#use-mark-try").innerText()).trim() === `try ${named}`, "the slider's mark says it");
      await page.locator("select.pick").selectOption({ value });
      await page.waitForFunction((v) => document.querySelector("#lr0-typed")?.value === v, named, { timeout: 5000 })
        .catch(async () => { throw new Error(`lr0 typed: ${await page.locator("#lr0-typed").inputValue()}`); });
      // The menu reads "pick" again, not a value that is no longer lr0 once the marks change.
      assert((await page.locator("select.pick").inputValue()) === "", "the pick menu shows pick again");
      // The mark itself sets it too, on a click.
      await page.goto(`${base}/?lr0=0.01`);
      await page.locator("#use-mark-try").click();
      await page.waitForFunction((v) => document.querySelector("#lr0-typed")?.value === v, named, { timeout: 5000 })
        .catch(async () => { throw new Error(`after a click on the mark, lr0 typed: ${await page.locator("#lr0-typed").inputValue()}`); });
    });

    await check("the line's path is drawn step by step on load, the dot moving", async () => {
      await page.goto(`${base}/`);
      await page.waitForSelector("#ro-iteration");
      const seen = [];
      const shots = new Set();
      const t0 = Date.now();
      while (Date.now() - t0 < 5000) {
        seen.push(Number(await page.locator("#ro-iteration").textContent()));
        shots.add((await landscapeShot()).toString("base64"));
        if (seen[seen.length - 1] === 100) break;
      }
      assert(seen[0] < 60, `the run starts from its first steps, not ${seen[0]}`);
      assert(seen[seen.length - 1] === 100, `it reaches the end: ${seen.join(",")}`);
      assert(new Set(seen).size >= 3 && shots.size >= 3, `it moves: ${seen.join(",")}`);
      // Two seconds: slow enough to watch the path crawl or zig-zag, quick enough to drag on.
      const took = Date.now() - t0;
      assert(took > 1200 && took < 4500, `in about two seconds: ${took} ms`);
      const lesson = await page.locator("#lesson").textContent();
      assert(/drag lr0/.test(lesson), `a first-visit suggestion: ${lesson}`);
    });

    await check("the first screen shows the slider, the landscape and the loss", async () => {
      const views = [[1280, 800], [390, 844]];
      try {
        for (const [w, h] of views) {
          await page.setViewportSize({ width: w, height: h });
          for (const q of ["", "preset=warmup", "preset=batch-lr", "embed=1&preset=step-decay"]) {
            await page.goto(`${base}/?${q}`);
            await page.waitForSelector("#loss");
            for (const sel of ["#lr0", "#landscape", "#loss"]) {
              const box = await page.locator(sel).boundingBox();
              assert(box && box.y >= 0 && box.y + box.height <= h + 1, `${w}x${h} ?${q}: ${sel} at ${JSON.stringify(box)}`);
            }
          }
        }
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    });

    await check("the first screen at 1280x800 holds at most 120 words on every lesson, every course step and each task's default page, and the landscape, loss, slider, verdict and lesson picker", async () => {
      const over = [];
      await page.goto(`${base}/`);
      await page.waitForSelector("#preset");
      // Every lesson of the catalogue, read from the page's own menu, and every task's page.
      const lessons = await page.evaluate(() => [...document.querySelectorAll("#preset option")].map((o) => o.value).filter((v) => v && v !== "none"));
      // The task menu is in the settings, folded at this width: its options are read all the same.
      const tasks = await page.evaluate(() => [...document.querySelectorAll("select")].map((s) => [...s.options].map((o) => o.value))
        .find((v) => v.includes("moons") && v.includes("line")) || []);
      assert(lessons.length >= 14 && tasks.length >= 8, `lessons ${lessons}, tasks ${tasks}`);
      // Each lesson as it opens (its question) and answered (predict=0: the claim and every run).
      // And each step of the course as it opens, with its course bar and any note that the data set changed.
      for (const q of ["", ...tasks.map((t) => `task=${t}`), ...lessons.map((l) => `preset=${l}`), ...lessons.map((l) => `preset=${l}&predict=0`),
        ...lessons.map((_, k) => `course=${k + 1}`)]) {
        await page.goto(`${base}/?${q}`);
        await page.waitForSelector("#regime");
        await page.waitForTimeout(500);
        const { words, parts } = await firstScreenWords(page);
        console.log(`     ?${q}: ${words} words on the first screen`);
        if (words > 120) over.push(`?${q}: ${words} words: ${parts.join(" | ")}`);
        for (const sel of ["#landscape", "#loss", "#lr0", "#regime", "#preset"]) {
          const box = await page.locator(sel).boundingBox();
          assert(box && box.y >= 0 && box.y + box.height <= 801 && box.width > 0, `?${q}: ${sel} at ${JSON.stringify(box)}`);
        }
      }
      assert(over.length === 0, over.join("\n"));
    });

    await check("a term of art opens its explanation on hover and keyboard focus, and on a phone on tap; a tap elsewhere closes it; every setting has its own", async () => {
      await page.goto(`${base}/?task=moons`);
      await page.waitForSelector(".stage .term >> visible=true");
      const tipOf = async (term) => page.locator(`#${await term.getAttribute("aria-describedby")}`);
      // Hover.
      const term = page.locator(".stage .term:visible").first();
      const tip = await tipOf(term);
      assert(!(await tip.isVisible()), "the tip starts closed");
      assert((await tip.textContent()).split(/\s+/).length >= 10, "the tip explains");
      await term.hover();
      await tip.waitFor({ state: "visible", timeout: 2000 });
      // Escape hides it, though the pointer still rests on the term.
      await page.keyboard.press("Escape");
      await tip.waitFor({ state: "hidden", timeout: 2000 });
      // Typing a rate, the pointer still on the term, keeps it hidden (a student's tip came
      // back over the verdict as they typed).
      await page.locator("#lr0-typed").focus();
      await page.waitForTimeout(200);
      assert(!(await tip.isVisible()), "the tip came back on focusing the rate's box");
      await page.mouse.move(0, 0);
      await tip.waitFor({ state: "hidden", timeout: 2000 });
      // A click elsewhere may slide a term under a pointer that has not moved (answering a
      // question grows the text): its tip waits for the pointer to move.
      const at = await term.boundingBox();
      await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
      await tip.waitFor({ state: "visible", timeout: 2000 });
      await page.evaluate(() => document.querySelector("h1").click());
      await tip.waitFor({ state: "hidden", timeout: 2000 });
      await page.mouse.move(at.x + at.width / 2 + 1, at.y + at.height / 2);
      await tip.waitFor({ state: "visible", timeout: 2000 });
      await page.mouse.move(0, 0);
      // A tip opened by a click lets a click through to what it covers.
      assert((await tip.evaluate((e) => getComputedStyle(e).pointerEvents)) === "none", "the tip catches no click");
      // Every tip, hovered, stays on the screen, those of terms near the right edge included
      // (once the run, the landscape and the sweep the page starts after them have ended, so
      // that no caption or mark is rewritten meanwhile: the sweep's whole runs give the slider
      // its rate to try).
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true" && !document.querySelector(".landscape .overlay") && document.querySelector("#use-mark-try"), null, { timeout: 60000 });
      const all = page.locator(".term:visible");
      const width = await page.evaluate(() => innerWidth);
      for (let k = 0; k < (await all.count()); k++) {
        const t = all.nth(k);
        await t.hover();
        const shown = await tipOf(t);
        await shown.waitFor({ state: "visible", timeout: 2000 });
        const box = await shown.boundingBox();
        assert(box && box.x >= 0 && box.x + box.width <= width + 1, `the tip of ${await t.textContent()} at ${JSON.stringify(box)}, the screen ${width} px wide`);
      }
      await page.mouse.move(0, 0);
      // Keyboard: Tab until a term has the focus; its tip shows.
      await page.locator("#preset").focus();
      let focused = null;
      for (let k = 0; k < 80 && !focused; k++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => document.activeElement?.classList.contains("term") ? document.activeElement.getAttribute("aria-describedby") : null);
      }
      assert(focused, "Tab reaches a term");
      assert(await page.locator(`#${focused}`).isVisible(), `the focused term's tip ${focused} shows`);
      // The read-outs say whose numbers they are to a screen reader; on screen, the badge line
      // above names the main run first, and no unlabelled swatch starts the row (four
      // students took it for a stray dash).
      await page.goto(`${base}/?preset=momentum&predict=0`);
      await page.waitForSelector("dl.values");
      assert(/momentum 0\.9/.test(await page.locator("dl.values").getAttribute("aria-label")), "the read-outs name their run");
      assert((await page.locator("#ro-run").count()) === 0, "no swatch starts the read-outs");
      // Touch: a tap opens it, another closes it.
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      try {
        const p = await phone.newPage();
        await p.goto(`${base}/?task=moons`);
        await p.waitForSelector(".stage .term >> visible=true");
        // Once the run and its landscape are done, so that nothing moves under the finger.
        await p.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true" && !document.querySelector(".landscape .overlay"), null, { timeout: 60000 });
        // And the slider's rate to try, which follows the first screen: on a loaded machine it
        // arrived between choosing the first term and tapping it, and took the tap.
        await p.waitForSelector("#use-mark-try", { timeout: 30000 });
        const t = p.locator(".stage .term:visible").first();
        const tipId = await t.getAttribute("aria-describedby");
        await t.tap();
        await p.locator(`#${tipId}`).waitFor({ state: "visible", timeout: 2000 });
        assert((await t.getAttribute("aria-expanded")) === "true", "tapped open");
        await t.tap();
        await p.locator(`#${tipId}`).waitFor({ state: "hidden", timeout: 2000 });
        // Opened again, a tap anywhere else closes it: a phone has no Escape key.
        await t.tap();
        await p.locator(`#${tipId}`).waitFor({ state: "visible", timeout: 2000 });
        await p.touchscreen.tap(200, 8);
        await p.locator(`#${tipId}`).waitFor({ state: "hidden", timeout: 2000 });
        assert((await t.getAttribute("aria-expanded")) === "false", "closed by a tap elsewhere");
        // The verdict's badge says what it means on a tap.
        const badge = p.locator("#verdict [data-term='badge']");
        await badge.tap();
        const badgeTip = p.locator(`#${await badge.getAttribute("aria-describedby")}`);
        await badgeTip.waitFor({ state: "visible", timeout: 2000 });
        assert((await badgeTip.textContent()).split(/\s+/).length >= 10, `the badge's meaning: ${await badgeTip.textContent()}`);
        // The sheet, far below the badge, names what was tapped.
        const named = await p.locator("#regime").textContent();
        assert((await badgeTip.innerText()).startsWith(`${named}:`), `the sheet names ${named}: ${await badgeTip.innerText()}`);
        await p.touchscreen.tap(200, 8);
        await badgeTip.waitFor({ state: "hidden", timeout: 2000 });
        // Every setting explains itself on a tap, not in a tooltip a phone never shows.
        await p.locator("#settings-toggle").tap();
        const bare = await p.evaluate(() => [...document.querySelectorAll("#settings .field")].filter((f) => f.querySelector("label") && !f.querySelector(".term")).map((f) => f.textContent.trim()));
        assert(bare.length === 0, `settings without a "?": ${bare.join(" | ")}`);
        const seed = p.locator("[data-term][aria-label='What is seed?']");
        await seed.tap();
        const seedTip = p.locator(`#${await seed.getAttribute("aria-describedby")}`);
        await seedTip.waitFor({ state: "visible", timeout: 2000 });
        assert((await seedTip.textContent()).length > 20, "the seed's help");
        // A slider mark without a glossary term explains itself on a tap too: the line's
        // "try" gives the rate map's reason.
        await p.goto(`${base}/`);
        const tryMark = p.locator("#lr0-marks .mark.try .term");
        await tryMark.waitFor({ state: "visible", timeout: 15000 });
        await tryMark.tap();
        const tryTip = p.locator(`#${await tryMark.getAttribute("aria-describedby")}`);
        await tryTip.waitFor({ state: "visible", timeout: 2000 });
        assert(/rate map/.test(await tryTip.textContent()) && /trial run/.test(await tryTip.textContent()), `the try mark's tip: ${await tryTip.textContent()}`);
      } finally {
        await phone.close();
      }
    });

    await check("the rate map gathers the finder's picks, the sweep's and the limit, says why they differ, and its button brings the run back into view", async () => {
      // Before either tool has run, the map says how to fill it.
      await page.goto(`${base}/`);
      await page.waitForSelector("#rate-map-sentence", { state: "attached" });
      await page.locator("#more-tools").evaluate((d) => { d.open = true; });
      // Why the marks differ is folded under the one rate to try, and opens on a click.
      assert(!(await page.locator("#rate-map-sentence").isVisible()), "the reasons start folded");
      await page.locator("#rate-map-why summary").click();
      assert(/Run the LR finder and the LR sweep/.test(await page.locator("#rate-map-sentence").innerText()), "it says how to fill it");
      // A link with finder=1 and sweep=1 runs both by itself.
      await page.goto(`${base}/?finder=1&sweep=1`);
      await page.waitForSelector("#rate-map-sentence", { state: "attached" });
      await page.locator("#rate-map-why summary").click();
      await page.waitForFunction(() => /where the limit says/.test(document.querySelector("#rate-map-sentence")?.innerText || ""), null, { timeout: 10000 });
      const text = await page.locator("#rate-map-sentence").innerText();
      assert(/valley .* below the limit: the finder measures up to 100 minibatches/.test(text), text);
      const label = await page.locator("#rate-map-chart").getAttribute("aria-label");
      for (const name of ["limit", "valley", "steep", "sweep lowest", "runs fail", "Ultralytics 0.01", "lr0"]) assert(label.includes(name), `${name} in ${label}`);
      // Its notes repeat terms ("epoch" in two lines): each tip keeps an id of its own.
      const twice = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id).filter((id, k, all) => all.indexOf(id) !== k));
      assert(twice.length === 0, `ids used twice: ${twice.join(", ")}`);
      const box = await page.locator("#rate-map-chart").boundingBox();
      assert(box && box.width > 300 && box.height > 60, `drawn: ${JSON.stringify(box)}`);
      // One rate leads the map, and its button sets lr0 to it.
      const lead = await page.locator("#rate-map-try").innerText();
      const m = /Try lr0 ≈\s([0-9.e-]+):/.exec(lead);
      assert(m, `a rate to try: ${lead}`);
      await page.locator("#rate-map-use").click();
      await page.waitForFunction((v) => document.querySelector("#lr0-typed")?.value === v, m[1], { timeout: 5000 });
      // The run it starts is a screen above the button: the page brings the slider and charts back.
      await page.waitForFunction(() => { const t = document.querySelector(".stage .log-slider").getBoundingClientRect().top; return t > -2 && t < innerHeight / 2; }, null, { timeout: 5000 });
      assert(/see the rate map/.test(await page.locator("#finder").innerText()), "the finder points to it");
      assert(/see the rate map/.test(await page.locator("#sweep").innerText()), "the sweep points to it");
      // Under optimizer=auto, which ignores lr0, the button sets the optimizer auto picked too.
      // A lesson does not sweep of its own accord (its words name the slider's limits), but
      // sweep=1 in its address starts the sweep once the run has ended.
      await page.goto(`${base}/?preset=ultralytics-defaults&predict=0&sweep=1`);
      await page.waitForSelector("#rate-map-use", { state: "attached", timeout: 60000 });
      const use = await page.locator("#rate-map-use").innerText();
      const auto = /^Use (\w+) at lr0 ([0-9.e-]+)$/.exec(use);
      assert(auto, `the button names the optimizer: ${use}`);
      await page.locator("#rate-map-use").click();
      await page.waitForFunction(([name, lr]) => { const q = new URLSearchParams(location.search); return q.get("optimizer") === name && q.get("lr0") === lr; }, [auto[1], auto[2]], { timeout: 5000 })
        .catch(async () => { throw new Error(`after "${use}": ${page.url()}`); });
      // With auto's own β₁, 0.9, as the sweep measured it, not the lesson's momentum 0.937.
      if (auto[1] === "AdamW") {
        const q = new URLSearchParams(new URL(page.url()).search);
        assert(q.get("momentum") === "0.9", `after "${use}" momentum is ${q.get("momentum")}: ${page.url()}`);
      }
    });

    await check("a term keeps the brackets around it on its line", async () => {
      // The defaults lesson's claim, "AdamW at 0.00167 (optimizer=auto), …": a projector's line
      // ended "(" and began the next with "optimizer=auto)".
      await page.goto(`${base}/?preset=ultralytics-defaults&predict=0`);
      await page.waitForSelector("#regime");
      const glued = await page.evaluate(() => [...document.querySelectorAll(".term-glue")]
        .filter((g) => g.querySelector("[data-term='optimizer=auto']")).map((g) => g.textContent));
      // Each glue that holds the closing bracket holds the opening one too.
      const bracketed = glued.filter((t) => /\)[.,;]?$/.test(t));
      assert(bracketed.length > 0 && bracketed.every((t) => t.startsWith("(optimizer=auto")), `the term's glue: ${JSON.stringify(glued)}`);
    });

    await check("every dotted word and badge is also listed in plain sight: the list opens from the keyboard and explains λmax, PCA, nbs and STALLED", async () => {
      await page.goto(`${base}/`);
      await page.waitForSelector("#words summary");
      assert(!(await page.locator("#words dd").first().isVisible()), "the list starts folded");
      await page.locator("#words summary").focus();
      await page.keyboard.press("Enter");
      await page.locator("#words dd").first().waitFor({ state: "visible", timeout: 2000 });
      const rows = await page.locator("#words dl.terms").evaluate((dl) => Object.fromEntries([...dl.querySelectorAll("dt")].map((t) => [t.textContent, t.nextElementSibling.textContent])));
      for (const [word, says] of [["λmax", /bends/], ["PCA", /direction/], ["nbs", /batch/]]) {
        assert(says.test(rows[word] || ""), `the list explains ${word}: ${rows[word]}`);
      }
      // And every badge, as its tip says it (a student looked STALLED up there).
      const badges = await page.locator("#words dl.badges dt").allTextContents();
      assert(badges.includes("STALLED") && badges.includes("CRAWL") && badges.length === 10, `badges listed: ${badges}`);
    });

    await check("the foot of a course step links to presenter mode at that step", async () => {
      await page.goto(`${base}/?course=4`);
      await page.waitForSelector("#present-link");
      await page.locator("#present-link").click();
      await page.waitForFunction(() => new URLSearchParams(location.search).get("present") === "1" && new URLSearchParams(location.search).get("course") === "4", null, { timeout: 5000 });
      await page.waitForSelector(".stride.present", { timeout: 5000 });
    });

    await check("a teacher's course path (steps=1,2,3,4,13): Next skips to step 13, the bar counts the path, the presenter link keeps it", async () => {
      await page.goto(`${base}/?course=4&steps=1,2,3,4,13`);
      await page.waitForSelector("#course-step");
      assert(/^Step 4 of 5/.test(await page.locator("#course-step").textContent()), "the bar counts the path");
      await page.locator("#course-next").click();
      await page.waitForFunction(() => new URLSearchParams(location.search).get("course") === "13", null, { timeout: 5000 });
      const q = new URLSearchParams(await page.evaluate(() => location.search));
      assert(q.get("steps") === "1,2,3,4,13", `the path stays in the link: ${q}`);
      assert(/^Step 5 of 5/.test(await page.locator("#course-step").textContent()), "the last step of the path");
      assert(/Recap/.test(await page.locator("#course-next").textContent()), "its next is the recap");
      assert(new URL(await page.locator("#present-link").getAttribute("href"), base).searchParams.get("steps") === "1,2,3,4,13", "presenter mode keeps the path");
    });

    await check("a new lr0 after a network run has ended runs it again", async () => {
      // (predict=0: the lesson would first ask which of its runs ends lower.)
      await page.goto(`${base}/?preset=fine-tune&predict=0`);
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 60000 });
      const before = await page.locator("#loss").screenshot();
      const typed = page.locator("#lr0-typed");
      await typed.fill("0.3");
      await typed.press("Enter");
      await page.waitForFunction(() => document.querySelector("#play").dataset.finished !== "true", null, { timeout: 5000 });
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 60000 });
      const after = await page.locator("#loss").screenshot();
      assert(!before.equals(after), "the loss chart shows the new run");
      await page.waitForFunction(() => /lr0=0.3/.test(location.search), null, { timeout: 3000 });
    });

    await check("at a run's end Play reads Replay and plays it again", async () => {
      await page.goto(`${base}/?lr0=0.05`);
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 10000 });
      const play = page.locator("#play");
      assert(!(await play.isDisabled()) && /Replay/.test(await play.innerText()), await play.innerText());
      await play.click();
      await page.waitForFunction(() => document.querySelector("#play").dataset.finished !== "true", null, { timeout: 5000 });
      assert(/Pause/.test(await play.innerText()), `playing again: ${await play.innerText()}`);
      const iteration = await page.locator("#progress").innerText();
      assert(!/trained 100 of/.test(iteration), iteration);
    });

    await check("a pinned ghost and the time cursor are in the URL", async () => {
      await page.goto(`${base}/?lr0=0.05`);
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 10000 });
      await page.locator("#pin").click();
      await page.waitForFunction(() => /ghost=/.test(location.search), null, { timeout: 3000 });
      await page.locator("#scrub").focus();
      await page.keyboard.press("Home");
      await page.waitForFunction(() => /[?&]at=1(&|$)/.test(location.search), null, { timeout: 3000 });
      const url = page.url();
      await page.goto(url);
      await page.waitForSelector("#loss");
      assert((await page.locator("#unpin").count()) === 1, "the ghost comes back from the link");
      assert((await page.locator("#ro-iteration").textContent()) === "1", "and so does the cursor");
      // Replay lets go of it: the read-outs follow the run to its end again (a teacher watched
      // a replay train to its end beside read-outs held where the cursor was).
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 10000 });
      await page.locator("#play").click();
      await page.waitForFunction(() => !/[?&]at=/.test(location.search), null, { timeout: 3000 });
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 10000 });
      const total = await page.locator("#ro-iteration").textContent();
      assert(Number(total) > 1, `the read-outs stayed at iteration ${total}`);
    });

    await check("every lesson loads and shows its regime", async () => {
      // In front, so that its frames run (a tab left behind another check's page gets none),
      // and the reveal has time to end on a loaded machine.
      await page.bringToFront();
      await page.goto(`${base}/`);
      await page.waitForSelector("#preset");
      const expected = { "too-high": "diverging", "too-low": "crawl", "just-right": "converging", "momentum": "oscillating", "sgd-vs-adam": "crawl",
        // lr0 0.2 follows the slope into the shallow basin: said as soon as it is judged.
        "local-minimum": "local minimum" };
      const lessons = await page.$$eval("#preset option", (os) => os.map((o) => o.value).filter((v) => v !== "none"));
      assert(lessons.length === 14, `lessons: ${lessons}`);
      for (const name of lessons) {
        await page.goto(`${base}/?preset=${name}&predict=0`);
        await page.waitForSelector("#regime");
        const lesson = await page.locator("#lesson").textContent();
        assert(lesson.length > 40, `${name}: no lesson text`);
        // A verdict that needs the run to settle (the local minimum's) may take a few frames:
        // read at once, it raced the run about one time in five.
        // The badges expected are the runs' ends: a swinging run (momentum) can read crawl on
        // its way, so the check waits for the run to finish before it reads the badge.
        if (expected[name]) await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 30000 }).catch(() => {});
        if (expected[name]) await page.waitForFunction((want) => document.querySelector("#regime")?.textContent === want, expected[name], { timeout: 30000 }).catch(() => {});
        const r = await regime();
        const verdicts = ["crawl", "converging", "oscillating", "diverging", "warming up", "annealing", "not learning", "local minimum", "stalled", "already fits"];
        assert(verdicts.includes(r), `${name}: regime ${r}`);
        if (expected[name]) assert(r === expected[name], `${name}: ${r}, want ${expected[name]}`);
        // Where runs are side by side, the read-out row names whose numbers it shows: the main
        // run, the first the loss chart's legend names (a student read SGD's lr as the only one).
        const named = await page.locator(".values .values-run").count();
        if (named) {
          const who = (await page.locator(".values .values-run dd").textContent()).replace(/:$/, "");
          const first = await page.locator(".regime-line").first().textContent();
          assert(first.startsWith(who), `${name}: the row names ${who}, the verdict line starts ${first.slice(0, 40)}`);
        }
        if (name === "sgd-vs-adam") assert(named === 1, `${name}: the row names no run`);
      }
    });

    await check("a network trains live: the loss animates and the PCA landscape fills in", async () => {
      await page.goto(`${base}/?preset=step-decay&predict=0`);
      await page.waitForSelector("#progress");
      const first = await page.locator("#progress").textContent();
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 60000 });
      const last = await page.locator("#progress").textContent();
      assert(first !== last, `training did not advance: ${first}`);
      await page.waitForFunction(() => !document.querySelector(".landscape .overlay"), null, { timeout: 60000 });
      assert((await page.locator("#boundary").count()) === 1, "decision boundary shown");
      assert(page.workers().length >= 1, "the landscape is computed in Web Workers");
    });

    await check("the schedule chart changes when warmup_epochs changes", async () => {
      await page.goto(`${base}/?task=moons&epochs=5&batch=16&warmup_epochs=0`);
      await page.waitForSelector("#schedule");
      const before = await page.locator("#schedule").screenshot();
      // The settings wait behind their button at every width.
      await page.locator("#settings-toggle").click();
      await page.locator("#ctl-warmup_epochs").fill("2");
      await page.locator("#ctl-warmup_epochs").press("Enter");
      await page.locator("#ctl-warmup_epochs").blur();
      await page.waitForFunction(() => /Warmup takes/.test(document.querySelector("#schedule-summary").textContent));
      const after = await page.locator("#schedule").screenshot();
      assert(!before.equals(after), "schedule canvas unchanged");
      await page.waitForFunction(() => /warmup_epochs=2/.test(location.search), null, { timeout: 3000 });
    });

    await check("Copy link copies the page's address and says so; where the browser refuses, it says to copy the link by hand", async () => {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
      await page.goto(`${base}/?task=moons&lr0=0.5&momentum=0.9&compare=1`);
      await page.waitForSelector("#regime");
      await page.locator("#copy-link").click();
      await page.waitForFunction(() => /^Link copied:/.test(document.querySelector(".copied-line")?.textContent || ""), null, { timeout: 5000 });
      const href = await page.evaluate(() => location.href);
      assert((await page.evaluate(() => navigator.clipboard.readText())) === href, "the clipboard holds the address");
      assert((await page.locator("input.copied").inputValue()) === href, "the box shows it");
      // The box shows the whole address (a teacher saw it cut off at "?task=moons").
      const fits = await page.locator("input.copied").evaluate((i) => i.scrollWidth <= i.clientWidth + 1);
      assert(fits, "the whole link in view");
      await context.clearPermissions();
      await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new Error("denied")); });
      await page.locator("#copy-link").click();
      await page.waitForFunction(() => /did not allow copying/.test(document.querySelector(".copied-line")?.textContent || ""), null, { timeout: 5000 });
    });

    await check("take it home: Copy as Ultralytics gives the page's settings; an args.yaml and a results.csv load", async () => {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
      await page.goto(`${base}/?preset=warmup`);
      await page.waitForSelector("#regime");
      await openPanel(page, "take-home");
      await page.locator("#copy-ultralytics").click();
      const code = await page.evaluate(() => navigator.clipboard.readText());
      for (const arg of ["lr0=0.3", "epochs=10", 'optimizer="SGD"', "warmup_epochs=5.0", "nbs=16"]) {
        assert(code.includes(arg), `${arg} missing from the copied code:\n${code}`);
      }
      assert(code.includes("yolo train model=yolo11n.pt"), "the command line");
      // An args.yaml, as a file: the controls take its values, and the ignored keys are listed.
      const yaml = "task: detect\nmodel: yolo11n.pt\nepochs: 12\nbatch: 32\noptimizer: AdamW\ncos_lr: true\nlr0: 0.002\nlrf: 0.05\nwarmup_epochs: 1.0\nimgsz: 640\n";
      await page.locator("#import-file").setInputFiles({ name: "args.yaml", mimeType: "text/yaml", buffer: Buffer.from(yaml) });
      await page.waitForFunction(() => /lr0=0.002/.test(location.search), null, { timeout: 5000 });
      const q = new URLSearchParams(await page.evaluate(() => location.search));
      assert(q.get("epochs") === "12" && q.get("batch") === "32" && q.get("optimizer") === "AdamW" && q.get("decay") === "cosine",
        `settings from args.yaml: ${q}`);
      assert((await page.locator("#lr0-typed").inputValue()) === "0.002", "the slider took lr0");
      // First and alone, whose run the page's advice is for; the keys read are folded under it.
      const head = await page.locator(".notices li").last().innerText();
      assert(/toy task.*not your model/.test(head) && !/imgsz/.test(head), `the notice's first words: ${head}`);
      await page.locator(".notice-detail summary").click();
      const notice = await page.locator(".notices li").last().innerText();
      assert(/Ignored.*imgsz/.test(notice), `the ignored keys are listed: ${notice}`);
      // The verdict beside it names the toy task, and the reader's own run's panel is open.
      await page.waitForFunction(() => /^Toy task: /.test(document.querySelector("#verdict .main-run")?.textContent || ""));
      assert(await page.locator("#your-run").evaluate(d => d.open), "Your run is open");
      // The notice's button brings the panel into view.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator(".notice-to").click();
      await page.waitForFunction(() => { const r = document.querySelector("#your-run").getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }, null, { timeout: 5000 });
      // The status names the file read: the picker, emptied to read the same file again, shows none.
      assert((await page.locator("#take-home-status").textContent()).startsWith("args.yaml: Settings loaded"), "the status names the file");
      assert(await page.locator("label.file-button").isVisible(), "the picker is a labelled button");
      // A malformed file changes nothing and says why.
      const before = await page.evaluate(() => location.search);
      await page.locator("#import-text").fill("epoch,lr/pg0\n1,abc\n");
      await page.locator("#import-load").click();
      await page.waitForFunction(() => /Nothing changed/.test(document.querySelector("#take-home-status").textContent));
      assert((await page.evaluate(() => location.search)) === before, "a bad file changed the settings");
      // The run's own CSV, read back in, lies on the schedule.
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-csv").click()]);
      const csv = fs.readFileSync(await download.path(), "utf8");
      assert(csv.startsWith("epoch,iteration,lr_weights"), "the CSV's header");
      await page.locator("#import-text").fill(csv);
      await page.locator("#import-load").click();
      await page.waitForFunction(() => /agree with this schedule/.test(document.querySelector("#logged-note")?.textContent || ""));
      // The ledger explains the rate at the cursor with the engine's numbers.
      const ledger = await page.locator("#ledger").textContent();
      assert(/optimizer.*AdamW/.test(ledger) && /lf = /.test(ledger), `the ledger: ${ledger}`);
      // The import's notices belong to its settings: entering a lesson clears them.
      await page.locator("#import-file").setInputFiles({ name: "args.yaml", mimeType: "text/yaml", buffer: Buffer.from(yaml) });
      await page.waitForSelector(".notices");
      await page.locator("#preset").selectOption("warmup");
      await page.waitForSelector(".notices", { state: "detached", timeout: 5000 });
    });

    await check("hostile imports: a 1.7e308 results.csv and a billion-laughs args.yaml are refused, the page keeps answering", async () => {
      await page.goto(`${base}/?lr0=0.01`);
      await page.waitForSelector("#regime");
      // The longest gap between animation frames from here on: a frozen main thread shows as one.
      await page.evaluate(() => {
        window.__maxGap = 0;
        let last = performance.now();
        const tick = (t) => {
          window.__maxGap = Math.max(window.__maxGap, t - last);
          last = t;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await openPanel(page, "take-home");
      const before = await page.evaluate(() => location.search);
      const status = () => page.locator("#take-home-status").textContent();
      const csv = "epoch,lr/pg0\n1,1.7e308\n2,0.01\n";
      await page.locator("#import-file").setInputFiles({ name: "results.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await page.waitForFunction(() => /Nothing changed.*Row 2/.test(document.querySelector("#take-home-status").textContent), null, { timeout: 5000 });
      let yaml = `a: &a [${Array(9).fill('"lol"').join(",")}]\n`;
      for (let k = 1; k <= 9; k++) {
        const [prev, name] = [String.fromCharCode(96 + k), String.fromCharCode(97 + k)];
        yaml += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]\n`;
      }
      await page.locator("#import-file").setInputFiles({ name: "args.yaml", mimeType: "text/yaml", buffer: Buffer.from(yaml) });
      await page.waitForFunction(() => /Nothing changed.*alias/.test(document.querySelector("#take-home-status").textContent), null, { timeout: 5000 });
      assert((await page.evaluate(() => location.search)) === before, "a refused file changed the settings");
      // The page still answers: the slider moves, and the address follows it.
      await page.locator("#lr0").focus();
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction((b) => location.search !== b, before, { timeout: 3000 });
      const gap = await page.evaluate(() => window.__maxGap);
      console.log(`     longest frame gap through both imports: ${gap.toFixed(0)} ms (status: ${await status()})`);
      assert(gap < 1000, `a frame took ${gap.toFixed(0)} ms`);
      // The largest CSV the limits let through (5,000 rows of Ultralytics' 15 columns, under
      // 1 MB) is read in one go and thinned: how long its frame takes is printed.
      const cols = "epoch,train/box_loss,train/cls_loss,train/dfl_loss,metrics/precision(B),metrics/recall(B),metrics/mAP50(B),metrics/mAP50-95(B),val/box_loss,val/cls_loss,val/dfl_loss,lr/pg0,lr/pg1,lr/pg2";
      const row = (e) => `${e},1.2345,0.6789,1.0123,0.8123,0.7123,0.8012,0.6123,1.3456,0.7891,1.1234,0.00123,0.00123,0.00123`;
      const big = [cols, ...Array.from({ length: 5000 }, (_, k) => row(k + 1))].join("\n") + "\n";
      assert(big.length < 1024 * 1024, `the big CSV is ${big.length} bytes`);
      // Pasted, so that the gap measured is the page's reading and drawing, not the file
      // being handed to the browser.
      await page.evaluate((text) => { document.querySelector("#import-text").value = text; }, big);
      await page.waitForTimeout(300);
      await page.evaluate(() => { window.__maxGap = 0; });
      await page.locator("#import-load").click();
      await page.waitForFunction(() => /results.csv read \(5000 epochs\)/.test(document.querySelector("#take-home-status").textContent), null, { timeout: 10000 });
      await page.waitForTimeout(300);
      const bigGap = await page.evaluate(() => window.__maxGap);
      console.log(`     longest frame gap reading a ${(big.length / 1024).toFixed(0)} KB, 5,000-row pasted results.csv: ${bigGap.toFixed(0)} ms`);
      assert(bigGap < 1000, `a frame took ${bigGap.toFixed(0)} ms`);
    });

    await check("a run's args.yaml and results.csv picked together are both read, the args.yaml first, each named in the status", async () => {
      const runDir = path.join(process.env.STRIDE_SHARED || path.join(__dirname, "../../../shared"), "data/ultralytics-runs/8.4.190/a_sgd_linear");
      if (!fs.existsSync(runDir)) {
        console.log(`     SKIPPED: ${runDir} is missing`);
        return;
      }
      await page.goto(`${base}/?lr0=0.3`);
      await page.waitForSelector("#regime");
      await openPanel(page, "take-home");
      await page.locator("#import-file").setInputFiles([path.join(runDir, "results.csv"), path.join(runDir, "args.yaml")]);
      await page.waitForFunction(() => /results\.csv: /.test(document.querySelector("#take-home-status").textContent), null, { timeout: 5000 });
      const said = await page.locator("#take-home-status").textContent();
      assert(/^args\.yaml: Settings loaded.* results\.csv: results\.csv read/.test(said), `the status: ${said}`);
      await page.waitForFunction(() => new URLSearchParams(location.search).get("lr0") === "0.01", null, { timeout: 5000 })
        .catch(async () => { throw new Error(`the args.yaml's lr0: ${await page.evaluate(() => location.search)}`); });
      await page.waitForSelector("#your-run-verdict", { timeout: 5000 });
    });

    await check("your run at full scale: a real run's args.yaml and results.csv match, its size read from the file, every group drawn; COCO at 59 million iterations answers at once", async () => {
      const runDir = path.join(process.env.STRIDE_SHARED || path.join(__dirname, "../../../shared"), "data/ultralytics-runs/8.4.190/a_sgd_linear");
      if (!fs.existsSync(runDir)) {
        console.log(`     SKIPPED the real run: ${runDir} is missing`);
        return;
      }
      await page.goto(`${base}/?lr0=0.01`);
      await page.waitForSelector("#regime");
      // The way in from the top of the page opens the import, under its two folds.
      assert((await page.locator("#run-entry").innerText()) === "Bring your YOLO run…", "the top's button to the import");
      await page.locator("#run-entry").click();
      await page.waitForFunction(() => document.querySelector("#take-home")?.open && document.querySelector("#more-tools")?.open !== false, null, { timeout: 5000 });
      await page.locator("#import-file").setInputFiles(path.join(runDir, "args.yaml"));
      await page.waitForFunction(() => /epochs=5/.test(location.search), null, { timeout: 5000 });
      const panel = page.locator("#your-run");
      // An args.yaml is the reader's own run: its panel opens by itself, and comes into view
      // (on a phone the page had stayed on the toy's effective-rates table, 900 px below it).
      await page.waitForFunction(() => document.querySelector("#your-run")?.open);
      await page.waitForFunction(() => { const t = document.querySelector("#your-run").getBoundingClientRect().top; return t >= 0 && t < innerHeight; }, null, { timeout: 3000 })
        .catch(async () => { throw new Error(`Your run's top at ${await page.evaluate(() => document.querySelector("#your-run").getBoundingClientRect().top)}, out of view`); });
      // The toy's advice says whose it is: its rate is for the toy, not the reader's run.
      await page.waitForSelector("#verdict-use", { timeout: 10000 });
      assert(/^Use lr0 [0-9.e-]+ on the toy$/.test(await page.locator("#verdict-use").innerText()), "the toy's button names the toy");
      // The longer button keeps clear of the verdict's one line (a YOLO user read "limit 0.00525 (w" under it).
      const [line, button] = await page.evaluate(() => ["#verdict", "#verdict-use"].map((s) => document.querySelector(s).getBoundingClientRect().toJSON()));
      assert(line.right <= button.left, `the verdict's line runs to ${line.right}, under its button from ${button.left}`);
      assert((await page.locator("#run-entry").innerText()) === "Your YOLO run ↓", "the top's button now goes to the run");
      // So does the rate map's, just above the reader's run.
      assert(/^Toy task: Try lr0/.test((await page.locator("#rate-map-try strong").textContent()).trim()), "the rate map's claim names the toy");
      assert(/^Use lr0 [0-9.e-]+ on the toy$/.test((await page.locator("#rate-map-use").textContent()).trim()), "the rate map's button names the toy");
      assert(/Enter your train-set image count/.test(await panel.textContent()), "the panel asks for the image count");
      // Nothing typed: the results.csv's warmup gives the size, and the panel says it was read.
      await page.locator("#import-file").setInputFiles(path.join(runDir, "results.csv"));
      await page.waitForFunction(() => /Train-set size read from the results\.csv's warmup.*: 13–16 train images/.test(document.querySelector("#your-run-verdict")?.textContent || ""), null, { timeout: 5000 });
      const placeholder = await page.locator("#your-images").getAttribute("placeholder");
      assert(placeholder === "13–16 read", `the image box's placeholder: ${placeholder}`);
      await page.locator("#your-images").fill("14");
      await page.locator("#your-images").press("Tab");
      await page.locator("#your-nc").fill("2");
      await page.locator("#your-nc").press("Tab");
      await page.waitForFunction(() => /4 × 5 epochs = 20/.test(document.querySelector("#your-run-facts")?.textContent || ""), null, { timeout: 5000 });
      const facts = await page.locator("#your-run-facts").textContent();
      assert(/⌈14 \/ 4⌉ = 4/.test(facts) && /round\(3 × 4\) = 12/.test(facts), `nb and nw of the real run: ${facts}`);
      await page.locator("#import-file").setInputFiles(path.join(runDir, "results.csv"));
      await page.waitForFunction(() => /matches Stride's schedule to 1e-6 at every epoch/.test(document.querySelector("#your-run-verdict")?.textContent || ""), null, { timeout: 5000 });
      // 20 iterations at accumulate 16: the panel flags the run's 2 optimizer steps.
      assert(/Only 2 optimizer steps in the whole run/.test(await page.locator("#your-run-flags").textContent()), "the few steps flagged");
      // The same findings head the page, above the toy's verdict, each to its first colon.
      const flagged = await page.locator("#your-run-flags li").allTextContents();
      const heads = await page.locator("#run-heads li").allTextContents();
      assert(heads.length === flagged.length && heads.every((h, k) => flagged[k].startsWith(h)), `heads ${JSON.stringify(heads)} for flags ${JSON.stringify(flagged)}`);
      assert(heads.includes("Only 2 optimizer steps in the whole run"), `heads: ${JSON.stringify(heads)}`);
      const [headsBox, verdictBox] = await page.evaluate(() => ["#run-heads", "#verdict"].map((s) => document.querySelector(s).getBoundingClientRect().top));
      assert(headsBox < verdictBox, "the run's findings sit above the toy's verdict");
      assert(/Below: the page's toy task/.test(await page.locator("#run-heads").textContent()), "the box says where the toy begins");
      const rule = await page.locator("#your-run-rule").textContent();
      assert(/8\.4\.103 or later/.test(rule) && /detected/.test(rule), `the rule used: ${rule}`);
      const text = await panel.textContent();
      for (const g of ["lr/pg0 (weights)", "lr/pg1 (norm weights)", "lr/pg2 (biases)", "val/box_loss"]) {
        assert(text.includes(g), `${g} in the panel's legends`);
      }
      assert(await page.locator("#your-run-losses").isVisible(), "the losses and metrics chart");
      await panel.screenshot({ path: path.join(shots, "your-run.png") });
      // The toy's schedule is left alone: no crosses of the user's run on it.
      assert(!(await page.locator(".chart.schedule").textContent()).includes("logged"), "the toy's schedule shows the user's file");
      // An args.yaml trained on a well-known data set fills in its size.
      await page.locator("#import-text").fill("task: detect\ndata: coco128.yaml\nepochs: 5\n");
      await page.locator("#import-load").click();
      await page.waitForFunction(() => document.querySelector("#your-images")?.value === "128", null, { timeout: 5000 });
      assert((await page.locator("#your-data").inputValue()) === "coco128", "coco128 is picked");
      // Past the controls' ranges: the toy takes 500 epochs, the panel keeps the file's 1,000.
      await page.locator("#import-text").fill("task: detect\ndata: VOC.yaml\nepochs: 1000\nbatch: 16\n");
      await page.locator("#import-load").click();
      await page.waitForFunction(() => /1,035 × 1000 epochs = 1,035,000/.test(document.querySelector("#your-run-facts")?.textContent || ""), null, { timeout: 5000 });
      await page.waitForFunction(() => /epochs=500\b/.test(location.search), null, { timeout: 5000 });
      assert(/epochs=1,000 is your args.yaml's/.test(await panel.textContent()), "the panel says whose 1,000 epochs these are");
      // 500 epochs of COCO at batch 1: 59,143,500 iterations, computed in closed form.
      await page.goto(`${base}/?lr0=0.01&epochs=500&batch=1&optimizer=auto&warmup_epochs=3&decay=linear`);
      await page.waitForSelector("#regime");
      await openPanel(page, "your-run");
      // The toy's training at batch 1 takes frames of its own: paused, the gap is the panel's.
      await page.locator("#play").click();
      await page.evaluate(() => {
        window.__maxGap = 0;
        let last = performance.now();
        const tick = (t) => { window.__maxGap = Math.max(window.__maxGap, t - last); last = t; requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      });
      await page.waitForTimeout(500);
      await page.evaluate(() => { window.__maxGap = 0; });
      await page.locator("#your-data").selectOption("COCO");
      await page.waitForFunction(() => /59,143,500/.test(document.querySelector("#your-run-facts")?.textContent || ""), null, { timeout: 5000 });
      await page.waitForTimeout(300);
      const gap = await page.evaluate(() => window.__maxGap);
      const big = await page.locator("#your-run-facts").textContent();
      assert(/MuSGD/.test(big), `auto past 10,000 iterations: ${big}`);
      console.log(`     longest frame gap picking COCO at batch 1, 500 epochs (59,143,500 iterations), the toy paused: ${gap.toFixed(0)} ms`);
      assert(gap < 1000, `a frame took ${gap.toFixed(0)} ms`);
      // A lesson beside a loaded run sets the toy's controls; the run keeps its args.yaml's,
      // and both the lesson box and the panel say so.
      await page.goto(`${base}/`);
      await page.waitForSelector("#regime");
      await page.locator("#import-file").setInputFiles(path.join(runDir, "args.yaml"));
      await page.waitForFunction(() => /epochs=5/.test(location.search), null, { timeout: 5000 });
      await page.locator("#preset").selectOption("warmup");
      await page.getByText("skip: just run it").click();
      await page.waitForSelector("#lesson-yours", { timeout: 5000 });
      assert(/your run keeps your args\.yaml's settings/.test(await page.locator("#lesson-yours").innerText()), "the lesson box says the run is kept");
      assert(/A lesson is open/.test(await page.locator("#your-run").textContent()), "the panel says the run is kept");
    });

    await check("the LR finder: finder=1 opens it and draws the curve, a suggestion sets lr0", async () => {
      await page.goto(`${base}/?task=moons&epochs=30&batch=16&nbs=16&momentum=0.9&lr0=0.0001&finder=1`);
      await page.waitForSelector("#regime");
      assert(await page.locator("#finder").evaluate((d) => d.open), "finder=1 opens the panel");
      // The link runs it: no click.
      await page.waitForSelector("#finder-sentence", { timeout: 10000 });
      const sentence = await page.locator("#finder-sentence").textContent();
      const reading = await page.locator("#finder-why").textContent();
      assert(/is lowest near the rate/.test(reading), `the reading: ${reading}`);
      // One pick up front, the one the caption names; fast.ai's four under the reading.
      const pick = Number(await page.locator("#finder-use-pick").getAttribute("data-lr"));
      assert(sentence.includes(`lr0 near ${await page.locator("#finder-use-pick").evaluate((b) => b.textContent.match(/lr0 = ([^ ]+)/)[1])}`), `the button's rate ${pick} is the caption's: ${sentence}`);
      assert((await page.locator(".legend li", { hasText: "the finder's pick" }).count()) === 1, "the legend names the one line");
      const picks = page.locator("#finder-why .finder-pick");
      assert(!(await picks.first().isVisible()), "fast.ai's four picks are folded");
      await page.locator("#finder-why > summary").click();
      assert((await picks.count()) === 4, "four suggestions");
      await page.waitForFunction(() => document.querySelectorAll("#finder .legend li").length === 5, null, { timeout: 3000 });
      const valley = picks.first();
      const lr = Number(await valley.getAttribute("data-lr"));
      assert((await valley.getAttribute("data-name")) === "valley" && lr > 1e-3 && lr < 1, `valley ${lr}`);
      await valley.click();
      // The button sets the rate as it shows it, to three figures.
      await page.waitForFunction((v) => Math.abs(new URLSearchParams(location.search).get("lr0") / v - 1) < 5e-3, lr, { timeout: 3000 });
      const typed = Number(await page.locator("#lr0-typed").inputValue());
      assert(Math.abs(typed / lr - 1) < 0.01, `lr0 box ${typed} for ${lr}`);
      const chart = await page.locator("#finder-chart").boundingBox();
      assert(chart && chart.width > 200 && chart.height > 80, "the curve is drawn");
      // The curve downloads: one row per minibatch, the rate growing.
      const [file] = await Promise.all([page.waitForEvent("download"), page.locator("#finder-csv").click()]);
      const rows = fs.readFileSync(await file.path(), "utf8").trim().split("\n");
      assert(rows[0] === "minibatch,lr,loss,smoothed_loss" && rows.length > 20, `the finder's CSV: ${rows.slice(0, 3)}`);
      assert(Number(rows[rows.length - 1].split(",")[1]) > Number(rows[1].split(",")[1]), "the rate grows down the file");
    });

    await check("the LR sweep: sweep=1 opens it and runs it, the runs fill in the U, a click on a point and the list set lr0", async () => {
      // The line: computed at once, a cliff at the stable limit; the link starts the sweep
      // once the run has been shown.
      await page.goto(`${base}/?sweep=1`);
      await page.waitForSelector("#regime");
      assert(await page.locator("#sweep").evaluate((d) => d.open), "sweep=1 opens the panel");
      await page.waitForFunction(() => /on every run diverges/.test(document.querySelector("#sweep-sentence")?.textContent || ""), null, { timeout: 15000 });
      // The MLP: its runs go to the workers and the points arrive as they finish.
      const t0 = Date.now();
      await page.goto(`${base}/?task=moons&epochs=30&batch=16&nbs=16&momentum=0.9&lr0=0.0001&sweep=1`);
      await page.waitForSelector("#regime");
      await page.waitForFunction(() => /lowest/.test(document.querySelector("#sweep-sentence")?.textContent || ""), null, { timeout: 60000 });
      console.log(`     moons sweep (25 runs of 750 iterations): from the page's load, its own run first, to the whole U in ${Date.now() - t0} ms, ${page.workers().length} workers`);
      assert(page.workers().length >= 1, "the sweep's runs went to workers");
      const best = Number(await page.locator("#sweep-best").getAttribute("data-lr"));
      assert(best > 1e-3 && best < 1, `lowest loss at ${best}`);
      // A click on the best point's column sets lr0 to it (the chart's x axis: 1e-5 to 10, log),
      // in view first: the decision boundary above the panels pushes it below the fold.
      await page.locator("#sweep-chart").scrollIntoViewIfNeeded();
      const box = await page.locator("#sweep-chart").boundingBox();
      const left = 8 + 60, right = box.width - 8 - 52;
      const x = left + (Math.log(best) - Math.log(1e-5)) / (Math.log(10) - Math.log(1e-5)) * (right - left);
      await page.mouse.click(box.x + x, box.y + box.height / 2);
      await page.waitForFunction((v) => Math.abs(new URLSearchParams(location.search).get("lr0") / v - 1) < 1e-6, best, { timeout: 3000 });
      // From the keyboard: the list under the chart.
      const option = page.locator("#sweep-pick option").nth(4);
      const picked = Number(await option.getAttribute("value"));
      await page.locator("#sweep-pick").selectOption(String(picked));
      await page.waitForFunction((v) => Math.abs(new URLSearchParams(location.search).get("lr0") / v - 1) < 1e-6, picked, { timeout: 3000 });
      assert(await page.locator("#sweep").evaluate((d) => d.open), "the panel stays open");
      const sentence = await page.locator("#sweep-sentence").textContent();
      assert(/lowest/.test(sentence), `a new lr0 keeps the sweep: ${sentence}`);
      // The points download: 25 rows, one per rate, the best one's rate among them.
      const [file] = await Promise.all([page.waitForEvent("download"), page.locator("#sweep-csv").click()]);
      const rows = fs.readFileSync(await file.path(), "utf8").trim().split("\n");
      assert(rows[0] === "lr0,final_train_loss,val_accuracy,diverged" && rows.length === 26, `the sweep's CSV: ${rows.length} lines`);
      assert(rows.some((r) => Math.abs(Number(r.split(",")[0]) / best - 1) < 1e-12), "the best rate is a row");
    });

    await check("a new lr0 drops the question; the lesson's way back restores its run and asks again", async () => {
      await page.goto(`${base}/?preset=too-low`);
      await page.waitForSelector("#predict-question");
      await page.locator("#lr0-typed").fill("0.2");
      await page.locator("#lr0-typed").press("Enter");
      await page.waitForSelector("#lesson-back", { timeout: 5000 });
      assert(!(await page.locator("#predict-question").count()), "the question about 0.004 is gone");
      await page.locator("#lesson-back").click();
      await page.waitForSelector("#predict-question", { timeout: 5000 });
      const typed = await page.locator("#lr0-typed").inputValue();
      assert(typed === "0.004", `the lesson's lr0 is back: ${typed}`);
      assert(!(await page.locator("#lesson-back").count()), "and the note with it");
      // Once the lesson has answered, a rate of the learner's own moves no chart: the note that
      // its claim is the lesson's run's takes the "why" line's place (below it, the charts
      // jumped 28 px on the first drag).
      for (const [q, lr] of [["preset=just-right&predict=0", "0.3"], ["preset=ultralytics-defaults&predict=0", "0.00562"], ["preset=batch-ultralytics&predict=0", "1.78e-4"]]) {
        await page.goto(`${base}/?${q}`);
        await page.waitForSelector("#lesson-why");
        const tops = () => page.evaluate(() => ["#landscape", "#loss"].map((s) => Math.round(document.querySelector(s).getBoundingClientRect().top)).join("/"));
        const before = await tops();
        await page.locator("#lr0-typed").fill(lr);
        await page.locator("#lr0-typed").press("Enter");
        await page.waitForSelector("#lesson-back", { timeout: 5000 });
        const after = await tops();
        assert(before === after, `?${q} at lr0 ${lr}: the charts moved from ${before} to ${after}`);
      }
    });

    await check("an answered question survives a reload of its tab, and a new tab asks it again", async () => {
      await page.goto(`${base}/?preset=too-low`);
      await page.waitForSelector("#predict-question");
      await page.locator("[data-guess='crawl']").click();
      await page.waitForSelector("#predict-result.matched", { timeout: 15000 });
      await page.reload();
      await page.waitForSelector("#predict-result.matched", { timeout: 15000 });
      assert((await page.locator(".predict-answer").count()) === 0, "not asked again after a reload");
      assert(/you said crawl/.test(await page.locator("#predict-result").textContent()), "the same answer");
      const fresh = await page.context().newPage();
      await fresh.goto(`${base}/?preset=too-low`);
      await fresh.waitForSelector("#predict-question");
      assert((await fresh.locator(".predict-answer").count()) >= 3, "a new tab asks");
      await fresh.close();
      // "Start again from step 1" starts afresh: step 1 asks again (a teacher who rehearsed met
      // their own answer there).
      await page.goto(`${base}/?course=15`);
      await page.locator("#course-again").click();
      await page.waitForSelector("#predict-question");
      await page.waitForTimeout(300);
      assert((await page.locator(".predict-answer").count()) >= 3, "step 1 asks again after Start again");
      // Another lesson is asked, whatever was kept.
      await page.goto(`${base}/?preset=too-high`);
      await page.waitForSelector(".predict-answer");
    });

    await check("predict, then run: the lesson waits for an answer, then says whether it matched; predict=0 skips it", async () => {
      await page.goto(`${base}/?preset=too-high`);
      await page.waitForSelector("#predict-question");
      assert(/0\.55/.test(await page.locator("#predict-question").evaluate((e) => { const c = e.cloneNode(true); c.querySelectorAll(".term-tip").forEach((t) => t.remove()); return c.textContent; })), "the question names the rate");
      assert((await regime()) === "…", "no verdict before the answer");
      await page.waitForTimeout(1000);
      const iterations = async () => Number((await page.locator("#ro-iteration").textContent()).replace(/[^0-9]/g, ""));
      assert((await iterations()) === 0, "the run waits for the answer");
      // From the keyboard: the wrong answer.
      await page.locator("[data-guess='zig-zag']").focus();
      await page.keyboard.press("Enter");
      await page.waitForSelector("#predict-result.missed", { timeout: 10000 });
      const said = await page.locator("#predict-result").textContent();
      assert(/Not quite: you said oscillating, but it diverged\./.test(said), `result: ${said}`);
      assert((await regime()) === "diverging", "the verdict once answered");
      // A lesson of two runs asks which ends lower, and answers from the runs' losses.
      await page.goto(`${base}/?preset=warmup`);
      await page.waitForSelector("#predict-question");
      assert(/which ends lower, warmup 5 epochs or no warmup\?/.test(await page.locator("#predict-question").evaluate((e) => { const c = e.cloneNode(true); c.querySelectorAll(".term-tip").forEach((t) => t.remove()); return c.textContent; })), "the warmup question");
      await page.locator("[data-guess='run-0']").focus();
      await page.keyboard.press("Enter");
      await page.waitForSelector("#predict-result.matched", { timeout: 90000 });
      const warm = await page.locator("#predict-result").textContent();
      assert(/^Right: warmup 5 epochs ends lower\. warmup 5 epochs ended at loss [0-9.]+; no warmup ended at loss [0-9.]+ \(each where its smoothed line ends on the loss chart\)\.$/.test(warm), `result: ${warm}`);
      // A lesson's own question: step decay's cut, answered from the run's epochs either side.
      await page.goto(`${base}/?preset=step-decay`);
      await page.waitForSelector("#predict-question");
      assert(/What does the loss do at the cut\?/.test(await page.locator("#predict-question").evaluate((e) => { const c = e.cloneNode(true); c.querySelectorAll(".term-tip").forEach((t) => t.remove()); return c.textContent; })), "the step-decay question");
      await page.locator("[data-guess='answer-0']").click();
      await page.waitForSelector("#predict-result.matched", { timeout: 90000 });
      const cut = await page.locator("#predict-result").textContent();
      assert(/^Right: it drops at once\. The last epoch at lr 0\.1 averaged loss [0-9.]+; the first at lr 0\.01, [0-9.]+: [0-9.]+× lower\./.test(cut), `result: ${cut}`);
      // Ultralytics' defaults ask what rate the weights get: nothing on the page names it first.
      await page.goto(`${base}/?preset=ultralytics-defaults`);
      await page.waitForSelector("#predict-question");
      const legend = await page.locator("figure.loss .legend").textContent();
      assert(!/AdamW|e-3/.test(legend), `the legend gives it away: ${legend}`);
      assert((await page.locator("#schedule").count()) === 0 && (await page.locator("#auto-note").count()) === 0, "the schedule and the auto note wait");
      await page.locator("[data-guess='answer-1']").click();
      await page.waitForSelector("#schedule");
      assert(/AdamW/.test(await page.locator("figure.loss .legend").textContent()), "named once answered");
      await page.goto(`${base}/?preset=warmup&predict=0`);
      await page.waitForSelector("#regime");
      assert((await page.locator("#predict").count()) === 0, "predict=0 hides the comparing question too");
      await page.goto(`${base}/?preset=too-high&predict=0`);
      await page.waitForSelector("#regime");
      assert((await page.locator("#predict").count()) === 0, "predict=0 hides the question");
      assert((await regime()) === "diverging", "and the run starts at once");
    });

    await check("the course: walked by keyboard at 1280x800 and 390x844, each question answered, each step's URL, and the offer to resume", async () => {
      const order = ["too-low", "too-high", "just-right", "momentum", "sgd-vs-adam", "warmup", "step-decay", "cosine-vs-linear",
        "batch-lr", "batch-ultralytics", "fine-tune", "ultralytics-defaults", "local-minimum", "clipping"];
      const tab = await browser.newPage();
      let sliderAt = null;
      let nextAt = null;
      for (const [w, h] of [[1280, 800], [390, 844]]) {
        await tab.setViewportSize({ width: w, height: h });
        await tab.goto(`${base}/?course=1`);
        await tab.evaluate(() => localStorage.removeItem("stride-course"));
        for (let i = 1; i <= order.length; i++) {
          await tab.waitForFunction((i) => (document.querySelector("#course-step") || {}).textContent?.startsWith(`Step ${i} of 14`), i, { timeout: 10000 })
            .catch(async () => { throw new Error(`${w}x${h} step ${i}: ${await tab.locator("#course-step").textContent().catch(() => "no bar")}`); });
          // The address follows the settings once they rest (150 ms): each step has its link.
          await tab.waitForFunction(([i, name]) => {
            const q = new URLSearchParams(location.search);
            return q.get("course") === String(i) && q.get("preset") === name;
          }, [i, order[i - 1]], { timeout: 3000 }).catch(() => { throw new Error(`${w}x${h} step ${i}: ${tab.url()}`); });
          assert((await tab.locator("#preset").inputValue()) === order[i - 1], `${w}x${h} step ${i}: the menu shows the lesson`);
          assert((await tab.locator("#course-back").isDisabled()) === (i === 1), `${w}x${h} step ${i}: Back`);
          // The last lesson's Next leads to the closing recap.
          assert(!(await tab.locator("#course-next").isDisabled()), `${w}x${h} step ${i}: Next`);
          // Every step asks; the question, answered from the keyboard; the run then goes.
          assert((await tab.locator("#predict .predict-answer").count()) >= 2, `${w}x${h} step ${i}: no question`);
          // On a laptop the slider waits in one place from step to step: a course note of two
          // lines moved it 19 px down at step 6.
          if (w === 1280) {
            const y = await tab.evaluate(() => Math.round(document.getElementById("lr0").getBoundingClientRect().top + scrollY));
            sliderAt ??= y;
            assert(y === sliderAt, `${w}x${h} step ${i}: the slider at ${y}, at step 1 ${sliderAt}`);
          } else {
            // On a phone Next waits under the thumb: a title of one line or two moved it 5 px.
            const y = await tab.evaluate(() => Math.round(document.getElementById("course-next").getBoundingClientRect().top + scrollY));
            nextAt ??= y;
            assert(y === nextAt, `${w}x${h} step ${i}: Next at ${y}, at step 1 ${nextAt}`);
          }
          // Odd steps by the number key alone (a class answers without the mouse), even steps
          // by focusing the first answer and Enter.
          if (i % 2 === 1) {
            await tab.evaluate(() => document.activeElement?.blur());
            await tab.keyboard.press("1");
          } else {
            await tab.locator("#predict .predict-answer").first().focus();
            await tab.keyboard.press("Enter");
          }
          await tab.waitForSelector("#predict-result", { timeout: 5000 });
          // The first steps' runs end within a second: their outcomes go to the closing score.
          if (i <= 3) {
            await tab.waitForSelector("#predict-result.matched, #predict-result.missed", { timeout: 10000 });
            // Right and wrong differ by the bar's colour too, not only by ✓ and ✗.
            const [matched, bar] = await tab.evaluate(() => [!!document.querySelector("#predict-result.matched"), getComputedStyle(document.querySelector(".predict")).borderLeftColor]);
            assert((bar === "rgb(0, 102, 76)") === matched, `${w}x${h} step ${i}: a ${matched ? "right" : "wrong"} answer's bar is ${bar}`);
          }
          // The tools are there but folded under one closed line: the step is about its claim.
          await tab.waitForSelector("#more-tools", { state: "attached", timeout: 5000 });
          assert(!(await tab.locator("#more-tools").evaluate((d) => d.open)) && !(await tab.locator("#finder-run").isVisible()),
            `${w}x${h} step ${i}: the tools are not folded`);
          if (i === 1) {
            await tab.locator("#more-tools > summary").click();
            await tab.locator("#finder > summary").click();
            assert(await tab.locator("#finder-run").isVisible(), `${w}x${h}: the folded finder opens`);
            await tab.locator("#more-tools > summary").click();
          }
          const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 1, `${w}x${h} step ${i}: ${overflow}px too wide`);
          if (i === 3 && w === 1280) await tab.screenshot({ path: path.join(shots, "stride-course-1280x800.png") });
          // Arrows typed into a control are the control's: the lr0 slider keeps its own.
          if (i === 2) {
            await tab.locator("#lr0").focus();
            await tab.keyboard.press("ArrowRight");
            await tab.waitForTimeout(300);
            assert((await tab.locator("#course-step").textContent()).startsWith("Step 2 of"), "the slider's arrow moved the course");
          }
          await tab.evaluate(() => document.activeElement && document.activeElement.blur());
          await tab.keyboard.press("ArrowRight");
        }
        // → after the last step: the closing slide, one line per step, and → stops there.
        await tab.waitForSelector("#course-end", { timeout: 5000 });
        // The steps whose run ended after the answer are scored: at least the first three.
        const scored = await tab.locator("#course-score").textContent().catch(() => "no score");
        const m = /^(\d+) of your (\d+) predictions (were|was) right\./.exec(scored);
        assert(m && +m[2] >= 3 && +m[1] <= +m[2], `${w}x${h}: ${scored}`);
        assert((await tab.locator("#recap li").count()) === order.length, `${w}x${h}: the recap's lines`);
        assert((await tab.locator("#course-next").isDisabled()), "→ stops at the end");
        // The lesson menu names the closing slide, not the last step's lesson.
        if (await tab.locator("#preset").isVisible()) assert((await tab.locator("#preset").inputValue()) === "end", `${w}x${h}: the menu at the end reads ${await tab.locator("#preset").inputValue()}`);
        await tab.waitForFunction(() => new URLSearchParams(location.search).get("course") === "15", null, { timeout: 5000 });
        // A recap line goes back to its step.
        await tab.locator("#recap li[data-step='14'] .recap-go").click();
        await tab.waitForFunction(() => new URLSearchParams(location.search).get("course") === "14", null, { timeout: 5000 });
        for (const step of ["13"]) {
          await tab.keyboard.press("ArrowLeft");
          await tab.waitForFunction((s) => new URLSearchParams(location.search).get("course") === s, step, { timeout: 5000 });
        }
        // Back on the plain page the course is offered where it was left, not jumped to.
        await tab.goto(`${base}/`);
        await tab.waitForSelector("#course-offer");
        assert(/step 13 of 14/.test(await tab.locator("#course-offer").textContent()), "the offer names step 13");
        assert((await tab.locator("#course-step").count()) === 0, "the plain page stays plain");
        await tab.locator("#course-offer").click();
        await tab.waitForFunction(() => new URLSearchParams(location.search).get("course") === "13", null, { timeout: 5000 });
        // Moved on and then left in the same visit (by the course bar's ×, or the lesson menu's
        // "your own settings"), the offer is the step left, not the one the visit began with
        // (nor step 1, for a visit begun off the course).
        await tab.keyboard.press("ArrowRight");
        await tab.waitForFunction(() => new URLSearchParams(location.search).get("course") === "14", null, { timeout: 5000 });
        // × keeps the buttons' row at the last step, whose "Recap →" is wider than "Next →":
        // on a phone it sat alone on a row of its own.
        const tops = await tab.evaluate(() => ["#course-back", "#course-next", "#course-leave"].map((s) => Math.round(document.querySelector(s).getBoundingClientRect().top)));
        assert(Math.max(...tops) - Math.min(...tops) < 4, `${w}x${h}: at step 14 ← Back, Recap → and × are not on one row: tops ${tops}`);
        if (w > 500) await tab.locator("#preset").selectOption("none");
        else await tab.locator("#course-leave").click();
        await tab.waitForFunction(() => !new URLSearchParams(location.search).get("course"), null, { timeout: 5000 });
        await tab.waitForSelector("#course-offer");
        const left = await tab.locator("#course-offer").textContent();
        assert(/step 14 of 14/.test(left), `${w}x${h}: left the course, the offer reads ${left}`);
        // A plain lesson link behaves as before: no bar.
        await tab.goto(`${base}/?preset=warmup`);
        await tab.waitForSelector("#regime");
        assert((await tab.locator("#course").count()) === 0, "no course bar on a lesson link");
        // The score is kept between visits, but a class opened at step 1 in presenter mode
        // starts afresh: a projector scored an earlier run-through's answers.
        assert(await tab.evaluate(() => !!localStorage.getItem("stride-course-tally")), "the tally is kept");
        await tab.goto(`${base}/?course=1&present=1`);
        await tab.waitForFunction(() => localStorage.getItem("stride-course-tally") === null, null, { timeout: 5000 });
      }
      await tab.close();
    });

    await check("on a phone a swipe up that starts on the lr0 slider scrolls the page and leaves lr0; a drag along it, or a tap on it, sets lr0", async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
      try {
        const p = await phone.newPage();
        await p.goto(`${base}/`);
        await p.waitForSelector("#regime");
        const cdp = await phone.newCDPSession(p);
        const swipe = (x, y, dx, dy) => fingerSwipe(p, cdp, x, y, dx, dy);
        const lr0 = () => p.locator("#lr0-typed").inputValue();
        const before = await lr0();
        for (const at of [0.1, 0.9]) {
          await p.evaluate(() => scrollTo(0, 0));
          await p.waitForTimeout(200);
          const box = await p.locator("#lr0").boundingBox();
          // Up the page, a little askew, as a thumb scrolls, from either end of the slider.
          await swipe(Math.round(box.x + at * box.width), Math.round(box.y + box.height / 2), 6, -250);
          await p.waitForTimeout(400);
          assert((await p.evaluate(() => window.scrollY)) > 50, "the swipe scrolled the page");
          assert((await lr0()) === before && !/lr0=/.test(new URL(p.url()).search), `a swipe from ${at} set lr0 to ${await lr0()}`);
        }
        await p.evaluate(() => scrollTo(0, 0));
        await p.waitForTimeout(200);
        const box = await p.locator("#lr0").boundingBox();
        const thumb = Math.round(box.x + box.width * (Math.log10(Number(before)) + 5) / 6);
        await swipe(thumb, Math.round(box.y + box.height / 2), 60, 4);
        await p.waitForFunction((b) => document.querySelector("#lr0-typed").value !== b, before, { timeout: 3000 });
        // A tap on the track sets lr0 where the finger lifts: a quarter of the way, 10^-3.5.
        await p.touchscreen.tap(Math.round(box.x + 9 + 0.25 * (box.width - 18)), Math.round(box.y + box.height / 2));
        await p.waitForFunction(() => Math.abs(Math.log10(Number(document.querySelector("#lr0-typed").value)) + 3.5) < 0.1, null, { timeout: 3000 })
          .catch(async () => { throw new Error(`a tap at a quarter set lr0 to ${await lr0()}`); });
      } finally {
        await phone.close();
      }
    });

    await check("on a phone a swipe up on the 3-D mountain scrolls the page, and a sideways drag turns it", async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
      try {
        const p = await phone.newPage();
        await p.goto(`${base}/?preset=just-right&predict=0&view=3d`);
        await p.waitForSelector("#landscape.turnable");
        await p.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 20000 });
        assert((await p.evaluate(() => getComputedStyle(document.getElementById("landscape")).touchAction)) === "pan-y", "a vertical swipe is the page's");
        const box = await p.locator("#landscape").boundingBox();
        const cdp = await phone.newCDPSession(p);
        // The picture's pixels, to tell a turn.
        const turn = () => p.evaluate(() => {
          const c = document.getElementById("landscape-bg");
          const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let h = 0;
          for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) >>> 0;
          return h;
        });
        const before = await turn();
        const gesture = (x, y, dx, dy) => fingerSwipe(p, cdp, x, y, dx, dy);
        const cx = Math.round(box.x + box.width / 2), cy = Math.round(box.y + box.height / 2);
        await gesture(cx, cy, 0, -250);
        await p.waitForTimeout(300);
        assert((await p.evaluate(() => window.scrollY)) > 50, "the swipe scrolled the page");
        assert((await turn()) === before, "the swipe to scroll did not tilt the mountain");
        // A sideways drag on it turns the mountain (its text alternative names the turn).
        const nb = await p.locator("#landscape").boundingBox();
        await gesture(Math.round(nb.x + nb.width / 2), Math.round(nb.y + nb.height / 2), -150, 0);
        await p.waitForTimeout(300);
        assert((await turn()) !== before, "the drag turned the mountain");
      } finally {
        await phone.close();
      }
    });

    await check("the mountain in 3-D: the toggle switches views, a drag and the arrow keys turn it, the PNG export has it, axe is content", async () => {
      const tab = await context.newPage();
      // The picture's pixels, to compare before and after a turn.
      const pixels = () => tab.evaluate(() => {
        const bg = document.getElementById("landscape-bg");
        const top = document.getElementById("landscape");
        return [bg, top].map((c) => {
          const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let h = 0;
          for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2] + 17 * d[i + 3]) >>> 0;
          return h;
        }).join(":");
      });
      const touchAction = () => tab.evaluate(() => getComputedStyle(document.getElementById("landscape")).touchAction);
      await tab.goto(`${base}/?preset=just-right&predict=0`);
      await tab.waitForSelector("#regime");
      assert((await tab.locator("#view-2d").getAttribute("aria-pressed")) === "true", "the map is the default");
      assert((await touchAction()) !== "none", "the map lets a touch scroll the page");
      await tab.locator("#view-3d").click();
      await tab.waitForFunction(() => new URLSearchParams(location.search).get("view") === "3d", null, { timeout: 5000 });
      await tab.waitForSelector("#landscape.turnable");
      assert((await touchAction()) === "none", "in 3-D a mouse drag turns the mountain");
      await tab.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 10000 });
      await tab.waitForTimeout(300);
      const label = await tab.locator("#landscape").getAttribute("aria-label");
      assert(/walker started at \(w [-0-9.]+, b [-0-9.]+\), at a height of [0-9.e-]+\..*By iteration 100 .*it went downhill\./.test(label), `the text alternative: ${label}`);
      assert(/arrow keys/.test(await tab.locator("#mountain-turn").textContent()), "how to turn it is described");
      assert((await tab.locator("#landscape").getAttribute("aria-describedby")) === "mountain-turn", "and tied to the canvas");
      // A drag with the mouse turns it.
      const before = await pixels();
      const box = await tab.locator("#landscape").boundingBox();
      await tab.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await tab.mouse.down();
      for (let k = 1; k <= 10; k++) await tab.mouse.move(box.x + box.width / 2 + 8 * k, box.y + box.height / 2 + 2 * k);
      await tab.mouse.up();
      await tab.waitForTimeout(200);
      const dragged = await pixels();
      assert(dragged !== before, "the drag did not change the drawing");
      // The arrow keys turn it when it has focus, and leave the page and the course alone.
      await tab.locator("#landscape").focus();
      const scroll = await tab.evaluate(() => window.scrollY);
      await tab.keyboard.press("ArrowLeft");
      await tab.waitForTimeout(200);
      const keyed = await pixels();
      assert(keyed !== dragged, "← did not turn it");
      await tab.keyboard.press("ArrowDown");
      await tab.waitForTimeout(200);
      assert((await pixels()) !== keyed, "↓ did not tilt it");
      assert((await tab.evaluate(() => window.scrollY)) === scroll, "the arrows scrolled the page");
      // The PNG export joins both layers in 3-D too.
      await openPanel(tab, "take-home");
      const [download] = await Promise.all([tab.waitForEvent("download"), tab.locator("button", { hasText: "Landscape PNG" }).click()]);
      const png = fs.readFileSync(await download.path());
      assert(png.subarray(1, 4).toString() === "PNG" && png.length > 10000, `a PNG of ${png.length} bytes`);
      // Back to the map.
      await tab.locator("#view-2d").click();
      await tab.waitForFunction(() => !new URLSearchParams(location.search).has("view"), null, { timeout: 5000 });
      assert((await tab.locator("#landscape.turnable").count()) === 0, "the map is back");
      // Every task has its mountain: a network's PCA plane, the sine's two minima, the conv net.
      for (const q of ["task=moons&epochs=5&batch=32&nbs=32", "preset=local-minimum&predict=0", "task=digits&epochs=2"]) {
        await tab.goto(`${base}/?${q}&view=3d`);
        await tab.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true" && !document.querySelector(".landscape .overlay"), null, { timeout: 90000 });
        await tab.waitForTimeout(300);
        const text = await tab.locator("#landscape").getAttribute("aria-label");
        assert(/By iteration \d+ it had walked/.test(text), `${q}: ${text}`);
        const drawn = await tab.evaluate(() => {
          const c = document.getElementById("landscape-bg");
          const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          const colours = new Set();
          for (let i = 0; i < d.length; i += 16) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
          return colours.size;
        });
        assert(drawn > 50, `${q}: the surface has ${drawn} colours`);
      }
      // The course opens on the mountain.
      await tab.goto(`${base}/?course=1`);
      await tab.waitForSelector("#landscape.turnable", { timeout: 10000 });
      await tab.close();
      // axe, on the mountain at both sizes.
      const axeContext = await browser.newContext({ bypassCSP: true });
      const axeTab = await axeContext.newPage();
      const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
      const found = [];
      for (const [w, h, q] of [[1280, 800, "course=1"], [390, 844, "theme=dark&preset=too-high&predict=0&view=3d"]]) {
        await axeTab.setViewportSize({ width: w, height: h });
        await axeTab.goto(`${base}/?${q}`);
        await axeTab.waitForSelector("#landscape.turnable");
        await axeTab.waitForTimeout(1500);
        await axeTab.addScriptTag({ content: axeSource });
        const result = await axeTab.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        for (const v of result.violations.filter((v) => ["critical", "serious"].includes(v.impact))) {
          found.push(`${w}x${h} ?${q}: ${v.id} (${v.impact}) on ${v.nodes.length} nodes: ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")}`);
        }
      }
      await axeContext.close();
      assert(found.length === 0, found.join("\n"));
    });

    await check("presenter mode at 1920x1080 and 1280x720: every step's question, landscape, loss and lesson chart fit the screen, text of 20 px or more, the answer moves no chart, ← → move through the course from any control, the closing slide, no console error", async () => {
      const tab = await browser.newPage();
      // The keys answer and move the course without a console error (a passive listener's
      // preventDefault logged one at every answer by key, which a teacher saw).
      const tabErrors = [];
      tab.on("console", (m) => m.type() === "error" && tabErrors.push(m.text()));
      tab.on("pageerror", (e) => tabErrors.push(e.message));
      // Every element that shows text of its own, with its computed size.
      const smallText = () => tab.evaluate(() => [...document.querySelectorAll("main *")]
        .filter((e) => e.checkVisibility() && e.getClientRects().length > 0
          && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
        .filter((e) => !e.closest(".visually-hidden, .summary, figcaption"))
        .map((e) => [e.tagName + (e.id ? "#" + e.id : "") + "." + e.className, parseFloat(getComputedStyle(e).fontSize), e.textContent.trim().slice(0, 30)])
        .filter(([, px]) => px < 20));
      // The chart each step is about, besides the landscape and the loss (state::scene::layout).
      const about = { 6: "#schedule", 7: "#schedule", 8: "#schedule", 12: "#schedule-veiled", 14: "#grad" };
      const inside = async (what, w, h, sels) => {
        for (const sel of sels) {
          const box = await tab.locator(sel).boundingBox();
          assert(box && box.y >= 0 && box.x >= 0 && box.y + box.height <= h + 1 && box.x + box.width <= w + 1, `${what}: ${sel} at ${JSON.stringify(box)}`);
        }
        // The whole page on the screen, unscrolled, a data set's licence credit included.
        const scroll = await tab.evaluate(() => [window.scrollY, document.querySelector(".stage").getBoundingClientRect().bottom, document.scrollingElement.scrollHeight]);
        assert(scroll[0] === 0 && scroll[1] <= h + 1 && scroll[2] <= h + 1, `${what}: scrolled, or the stage or page ends below the screen: ${JSON.stringify(scroll)}`);
        // Every chart's tick labels (13 px × the charts' zoom) at 20 px or more on a 1080-pixel
        // screen, 15 px or more at 720 (scene::layout::PRESENT_ZOOM_FROM says why not 20).
        const least = h >= 1080 ? 20 : 15;
        const zooms = await tab.evaluate(() => [...document.querySelectorAll("canvas[data-zoom]")].map((c) => [c.id, Number(c.dataset.zoom)]));
        // (the closing slide has no chart)
        const charts = await tab.locator("#landscape").count();
        assert((zooms.length > 0 || charts === 0) && zooms.every(([, z]) => 13 * z >= least), `${what}: chart labels under ${least} px: ${JSON.stringify(zooms)}`);
      };
      const at = (step) => tab.waitForFunction((s) => new URLSearchParams(location.search).get("course") === s, String(step), { timeout: 10000 })
        .catch(() => { throw new Error(`not at step ${step}: ${tab.url()}`); });
      try {
        for (const [w, h] of [[1920, 1080], [1280, 720]]) {
          await tab.setViewportSize({ width: w, height: h });
          for (let step = 1; step <= 14; step++) {
            const what = `${w}x${h} step ${step}`;
            await tab.goto(`${base}/?present=1&course=${step}`);
            await tab.waitForSelector("#predict-question");
            await tab.waitForTimeout(300);
            assert((await tab.locator("#settings").count()) === 0, `${what}: the settings panel is hidden`);
            const charts = ["#course-step", "#predict-question", "#predict .predict-answer >> nth=-1", "#landscape", "#loss"].concat(about[step] ? [about[step]] : []);
            await inside(what, w, h, charts);
            // Alone in its column, the loss is drawn tall, not in the column's top third.
            if (!about[step]) {
              const b = await tab.locator("#loss").boundingBox();
              assert(b.height >= 0.75 * b.width, `${what}: the loss alone at ${JSON.stringify(b)}`);
            }
            // Only the lesson's chart beside the loss.
            for (const other of ["#schedule", "#grad"].filter((o) => o !== about[step])) {
              assert((await tab.locator(other).count()) === 0, `${what}: ${other} shown`);
            }
            const small = await smallText();
            assert(small.length === 0, `${what}: text under 20 px: ${JSON.stringify(small.slice(0, 5))}`);
            const q = await tab.locator("#predict-question").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
            assert(q >= 26, `${what}: the question at ${q}px`);
            // Answered by its number key: the result and the claim appear beside the charts,
            // which stay where they were, the same size.
            const before = await tab.locator("#landscape").boundingBox();
            const lossBefore = await tab.locator("#loss").boundingBox();
            await tab.keyboard.press("1");
            await tab.waitForSelector("#predict-result", { timeout: 5000 });
            await tab.waitForTimeout(step === 2 || step === 6 ? 0 : 400);
            if (step === 2 || step === 6) await tab.waitForSelector("#predict-result.matched, #predict-result.missed", { timeout: 60000 });
            const after = await tab.locator("#landscape").boundingBox();
            const lossAfter = await tab.locator("#loss").boundingBox();
            assert(JSON.stringify(before) === JSON.stringify(after), `${what}: the landscape moved from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
            assert(JSON.stringify(lossBefore) === JSON.stringify(lossAfter), `${what}: the loss moved from ${JSON.stringify(lossBefore)} to ${JSON.stringify(lossAfter)}`);
            await inside(`${what} answered`, w, h, ["#predict-result", "#landscape", "#loss"].concat(about[step] ? [about[step] === "#schedule-veiled" ? "#schedule" : about[step]] : []));
            // The slider's marks, back once answered, keep their labels on the screen.
            const marks = await tab.locator(".mark").evaluateAll((ms) => ms.map((m) => [m.textContent, m.getBoundingClientRect().left, m.getBoundingClientRect().right]));
            for (const [label, left, right] of marks) assert(left >= 0 && right <= w + 1, `${what}: the mark ${label} spans ${left}-${right}`);
            // Once the run has ended, every run's badge shows whole in the words' column (a
            // teacher saw "warmup 5 epochs: …", its badge cut off by a one-line fold).
            if (step === 6) {
              await tab.waitForFunction(() => document.querySelectorAll(".readouts .regime").length >= 2 && !document.querySelector(".readouts .regime.pending, .readouts .regime.waiting"), null, { timeout: 60000 });
              const cut = await tab.locator(".readouts .regime").evaluateAll((bs) => bs.filter((b) => {
                const r = b.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return r.width < 20 || !(hit && b.contains(hit));
              }).map((b) => b.textContent));
              assert(cut.length === 0, `${what}: badges cut or hidden: ${JSON.stringify(cut)}`);
            }
            // The advice's button sits clear of the verdict's words (at 20 px it covered them,
            // "DIVERGING The ru…", before a class).
            if (step === 2) {
              await tab.waitForSelector("#verdict-use", { timeout: 60000 });
              const covered = await tab.evaluate(() => {
                const bs = ["#verdict-use", ".readouts .lesson-more"].map((s) => document.querySelector(s)?.getBoundingClientRect()).filter(Boolean);
                return [...document.querySelectorAll("#regime, #regime-why, #diverged")].flatMap((e) => [...e.getClientRects()])
                  .some((r) => bs.some((b) => r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom));
              });
              assert(!covered, `${what}: the verdict's buttons cover its words`);
            }
            if (step === 6 && w === 1920) await tab.screenshot({ path: path.join(shots, "stride-present-1920x1080.png") });
          }
          // ← → walk the course from a lesson link, keeping presenter mode in each step's URL,
          // even with the focus in the slider, on the mountain or on a button.
          await tab.goto(`${base}/?present=1&preset=warmup`);
          await tab.waitForFunction(() => (document.querySelector("#course-step") || {}).textContent?.startsWith("Step 6 of"), null, { timeout: 10000 });
          await at(6);
          await tab.waitForTimeout(500);
          await tab.locator("#lr0").click();
          await tab.keyboard.press("ArrowRight");
          await at(7);
          assert(new URLSearchParams(new URL(tab.url()).search).get("present") === "1", "presenter mode kept");
          assert((await tab.locator("#course-step").textContent()).startsWith("Step 7 of"), "→ moved to step 7");
          await tab.locator("#play").focus();
          await tab.keyboard.press("ArrowLeft");
          await at(6);
          await tab.waitForTimeout(300);
          await tab.evaluate(() => {
            window.__slid = 0;
            document.querySelector("#lr0").addEventListener("input", () => window.__slid++);
          });
          await tab.locator("#lr0").focus();
          await tab.keyboard.press("ArrowLeft");
          await at(5);
          assert((await tab.evaluate(() => window.__slid)) === 0, "the slider took the arrow too");
          // On the mountain, a click on it and → still move the course.
          await tab.goto(`${base}/?present=1&course=1`);
          await tab.waitForSelector("#landscape.turnable, canvas.turnable");
          await tab.locator("canvas.turnable").click();
          await tab.keyboard.press("ArrowRight");
          await at(2);
          // The 3-D view the course opened in stays as the course moves.
          assert(new URLSearchParams(new URL(tab.url()).search).get("view") === "3d", `the view was left: ${tab.url()}`);
          // The closing slide: after step 14, the recap fits the screen and starts again.
          await tab.goto(`${base}/?present=1&course=14`);
          await at(14);
          await tab.waitForTimeout(300);
          await tab.keyboard.press("ArrowRight");
          await tab.waitForSelector("#course-end");
          await at(15);
          assert((await tab.locator("#recap li").count()) === 14, "one line per step");
          await inside(`${w}x${h} the recap`, w, h, ["#course-end-title", "#recap li >> nth=-1", "#course-again"]);
          const small = await smallText();
          assert(small.length === 0, `${w}x${h} the recap: text under 20 px: ${JSON.stringify(small.slice(0, 5))}`);
          if (w === 1280) await tab.screenshot({ path: path.join(shots, "stride-present-end-1280x720.png") });
          await tab.locator("#course-again").click();
          await at(1);
        }
        assert(tabErrors.length === 0, `console errors: ${tabErrors.slice(0, 3).join(" | ")}`);
      } finally {
        await tab.close();
      }
    });

    await check("at 1280x800 answering a course step's question, and the run that follows, move neither the slider, the landscape nor the loss", async () => {
      const tab = await browser.newPage();
      try {
        await tab.setViewportSize({ width: 1280, height: 800 });
        const boxes = () => Promise.all(["#lr0", "#landscape", "#loss"].map((s) => tab.locator(s).boundingBox()));
        for (let step = 1; step <= 14; step++) {
          await tab.goto(`${base}/?course=${step}`);
          await tab.waitForSelector("#predict-question");
          await tab.waitForTimeout(300);
          const before = JSON.stringify(await boxes());
          await tab.locator("#predict .predict-answer").first().click();
          await tab.waitForSelector("#predict-result");
          await tab.waitForTimeout(300);
          const answered = JSON.stringify(await boxes());
          // The rest of the run as fast as the page can: what is checked is where it ends.
          await tab.selectOption("#speed", "0");
          await tab.waitForSelector("#predict-result.matched, #predict-result.missed", { timeout: 60000 });
          await tab.waitForTimeout(300);
          const ended = JSON.stringify(await boxes());
          assert(before === answered && answered === ended, `step ${step}: moved: ${before} / ${answered} / ${ended}`);
        }
      } finally {
        await tab.close();
      }
    });

    await check("presenter mode opened on a 390x844 phone stacks the page: the slider, the landscape and the loss each take the screen's width", async () => {
      const tab = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
      try {
        await tab.goto(`${base}/?present=1&course=2`);
        await tab.waitForSelector("#predict-question");
        await tab.waitForTimeout(500);
        for (const sel of [".log-slider input[type=range]", "#landscape", "#loss"]) {
          const box = await tab.locator(sel).boundingBox();
          assert(box && box.width >= 300 && box.x >= 0 && box.x + box.width <= 391, `${sel} at ${JSON.stringify(box)}`);
        }
        // Once answered, the slider's marks (two rows on a touch screen) end above what follows
        // the slider: the limit's label lay over step 6's data-set note.
        await tab.goto(`${base}/?present=1&course=6`);
        await tab.waitForSelector("#predict-question");
        await tab.keyboard.press("1");
        await tab.waitForSelector(".mark.critical", { timeout: 60000 });
        const [marksBottom, below] = await tab.evaluate(() => {
          const slider = document.querySelector(".log-slider");
          const next = [...slider.parentElement.children].filter((e) => e !== slider && e.getBoundingClientRect().height > 0
            && e.getBoundingClientRect().top >= slider.getBoundingClientRect().top)
            .map((e) => e.getBoundingClientRect().top).sort((a, b) => a - b)[0];
          return [Math.max(...[...document.querySelectorAll(".mark")].map((m) => m.getBoundingClientRect().bottom)), next];
        });
        assert(marksBottom <= below + 1, `the marks end at ${marksBottom}, below the next element's top ${below}`);
      } finally {
        await tab.close();
      }
    });

    await check("on a phone answering a course step's question moves neither the slider nor the landscape under the finger, nor does the run's end move the map", async () => {
      // The answer's line took the place of three rows of buttons and the map jumped 63 px up,
      // then the waiting verdict line and the read-out's digits pushed it down again.
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const tab = await ctx.newPage();
      try {
        const tops = () => tab.evaluate(() => ["lr0", "landscape"].map((id) => Math.round(document.getElementById(id).getBoundingClientRect().top + scrollY)));
        // Each step opened by its link (its own view), then the course walked by Next from
        // step 1 on the 3-D mountain, as a student goes: a panel kept across steps measured
        // its gap before the mountain had loaded below it.
        const walk = [...Array(14).keys()].map((k) => ["link", k + 1]).concat([...Array(14).keys()].map((k) => ["next", k + 1]));
        for (const [how, step] of walk) {
          if (how === "link" || step === 1) {
            await tab.goto(`${base}/?course=${step}`);
          } else {
            await tab.locator("#course-next").tap();
            await tab.waitForFunction((n) => new URLSearchParams(location.search).get("course") === String(n), step, { timeout: 5000 });
          }
          await tab.waitForSelector("#predict .predict-answer");
          await tab.waitForTimeout(300);
          const before = JSON.stringify(await tops());
          await tab.locator("#predict .predict-answer").first().tap();
          await tab.waitForSelector("#predict-result");
          // Two frames: the answer drawn, before a run that ends at once (step 2's flies off
          // in 20 steps) brings its verdict and claim below the result.
          await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const answered = JSON.stringify(await tops());
          assert(before === answered, `step ${step} (${how}): moved: ${before} / ${answered}`);
          // At the run's end the claim and verdicts come in above the map; the page scrolls by
          // as much, so the map stays where the learner watched it and the claim is in view.
          const onScreen = () => tab.evaluate(() => Math.round(document.getElementById("landscape").getBoundingClientRect().top));
          const watched = await onScreen();
          await tab.waitForSelector("#predict-result.matched, #predict-result.missed", { timeout: 60000 });
          await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const ended = await onScreen();
          assert(Math.abs(ended - watched) <= 2, `step ${step} (${how}): the map moved at the run's end: ${watched} / ${ended}`);
          const predictTop = await tab.evaluate(() => document.getElementById("predict").getBoundingClientRect().top);
          assert(predictTop >= 0, `step ${step} (${how}): the result is above the screen (${predictTop})`);
        }
      } finally {
        await ctx.close();
      }
    });

    await check("in the course a focused slider keeps ← →, and Page Down / Page Up move the course from it", async () => {
      const tab = await browser.newPage();
      try {
        await tab.setViewportSize({ width: 1280, height: 800 });
        await tab.goto(`${base}/?course=3`);
        await tab.waitForSelector("#course-step");
        await tab.waitForFunction(() => new URLSearchParams(location.search).get("course") === "3", null, { timeout: 5000 });
        assert(/Page Up \/ Page Down/.test(await tab.locator("#course").getAttribute("title")), "the bar says which keys");
        await tab.locator("#lr0").focus();
        await tab.evaluate(() => window.scrollTo(0, 400));
        await tab.keyboard.press("PageDown");
        await tab.waitForFunction(() => new URLSearchParams(location.search).get("course") === "4", null, { timeout: 5000 });
        // The new step opens at the top, its question in view.
        await tab.waitForFunction(() => window.scrollY === 0, null, { timeout: 3000 }).catch(() => { throw new Error("the next step kept the scroll"); });
        await tab.locator("#lr0").focus();
        await tab.keyboard.press("PageUp");
        await tab.waitForFunction(() => new URLSearchParams(location.search).get("course") === "3", null, { timeout: 5000 });
      } finally {
        await tab.close();
      }
    });

    await check("a PNG export carries its title, a legend naming each run and the settings, around the chart", async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, acceptDownloads: true });
      const tab = await ctx.newPage();
      await tab.goto(`${base}/?preset=sgd-vs-adam&predict=0`);
      await tab.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true" && !document.querySelector(".landscape .overlay"), null, { timeout: 90000 });
      const chart = await tab.evaluate(() => { const c = document.getElementById("loss"); return { w: c.width, h: c.height }; });
      await openPanel(tab, "take-home");
      const [download] = await Promise.all([tab.waitForEvent("download"), tab.locator("button", { hasText: "Loss PNG" }).click()]);
      const png = fs.readFileSync(await download.path());
      assert(png.subarray(1, 4).toString() === "PNG", "a PNG");
      // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
      const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert(w === chart.w, `the picture is ${w} px wide, the chart ${chart.w}`);
      assert(h > chart.h + 100, `the picture is ${h} px high: no room for a title and a legend around the chart's ${chart.h}`);
      const status = await tab.locator("#take-home-status").textContent();
      assert(/SGD/i.test(status) && status.includes("Loss"), `the status names the picture's title: ${status}`);
      // Ink in the title's band above the chart and in the legend's below it: text was drawn.
      // Decoded from its bytes: the page's policy loads no image from a data: address.
      const ink = await tab.evaluate(async ([bytes, chartH]) => {
        const img = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: "image/png" }));
        const c = document.createElement("canvas");
        [c.width, c.height] = [img.width, img.height];
        const g = c.getContext("2d");
        g.drawImage(img, 0, 0);
        const paper = g.getImageData(2, 2, 1, 1).data;
        const count = (y0, y1) => {
          const d = g.getImageData(0, y0, c.width, y1 - y0).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - paper[0]) + Math.abs(d[i + 1] - paper[1]) + Math.abs(d[i + 2] - paper[2]) > 200) n++;
          return n;
        };
        const header = Math.round((img.height - chartH) * 0.2);
        return { title: count(0, header), below: count(img.height - Math.round((img.height - chartH) * 0.6), img.height) };
      }, [[...png], chart.h]);
      assert(ink.title > 200 && ink.below > 500, `text drawn around the chart: ${JSON.stringify(ink)}`);
      await ctx.close();
    });

    await check("the lesson menu names the page's lesson through the course, whatever was picked in it before", async () => {
      // Once a learner has picked options, a browser stops following the options' selected
      // attributes: the menu read "your own settings" at a course step whose lesson had been
      // picked and left before.
      await page.goto(`${base}/`);
      await page.waitForSelector("#preset");
      // The course's place and score are put back as they were, for the checks after this one.
      const kept = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
      await page.locator("#preset").selectOption("too-high");
      await page.waitForFunction(() => new URLSearchParams(location.search).get("preset") === "too-high", null, { timeout: 5000 });
      await page.locator("#preset").selectOption("none");
      await page.locator("#course-offer").click();
      const seen = [];
      for (let step = 1; step <= 3; step++) {
        await page.waitForFunction((s) => new URLSearchParams(location.search).get("course") === String(s), step, { timeout: 5000 });
        await page.waitForTimeout(100);
        seen.push(await page.evaluate(() => [new URLSearchParams(location.search).get("preset"), document.getElementById("preset").value]));
        if (step < 3) await page.locator("#course-next").click();
      }
      await page.evaluate((kept) => { localStorage.clear(); for (const [k, v] of JSON.parse(kept)) localStorage.setItem(k, v); }, kept);
      assert(seen.every(([want, shown]) => want === shown), `the menu against the page's lesson: ${JSON.stringify(seen)}`);
      // A setting's menu the same way: cosine, then linear picked by hand, then a lesson whose
      // run is cosine's.
      await page.goto(`${base}/`);
      await page.locator("#settings-toggle").click();
      for (const d of ["cosine", "linear"]) {
        await page.locator("#ctl-decay").selectOption(d);
        await page.waitForFunction((d) => new URLSearchParams(location.search).get("decay") === d, d, { timeout: 5000 });
      }
      await page.locator("#preset").selectOption("cosine-vs-linear");
      await page.waitForFunction(() => new URLSearchParams(location.search).get("preset") === "cosine-vs-linear", null, { timeout: 5000 });
      await page.waitForTimeout(100);
      const decay = await page.locator("#ctl-decay").inputValue();
      assert(decay === "cosine", `the cosine lesson's decay menu reads ${decay}`);
    });

    await check("picking spirals from the menu says which settings came with it", async () => {
      await page.goto(`${base}/`);
      await page.waitForSelector("#regime");
      await page.locator("#settings-toggle").click();
      await page.locator("#ctl-task").selectOption("spirals");
      await page.waitForFunction(() => new URLSearchParams(location.search).get("task") === "spirals", null, { timeout: 5000 });
      const said = await page.locator(".notices").textContent({ timeout: 3000 });
      assert(/two spirals starts from its own settings.*lr0 0\.05 \(was 0\.1\).*momentum 0\.9 \(was 0\)/.test(said), `the notice: ${said}`);
      assert((await page.locator("#lr0-typed").inputValue()) === "0.05", "the slider reads what the notice says");
    });

    await check("the closing slide leads on to the LR sweep on moons, open and in view", async () => {
      await page.goto(`${base}/?course=15`);
      await page.waitForSelector("#course-sweep");
      const kept = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
      assert(/LR sweep/.test(await page.locator("#course-own").textContent()), "the slide says how to find a rate");
      await page.locator("#course-sweep").click();
      await page.waitForFunction(() => { const q = new URLSearchParams(location.search); return q.get("task") === "moons" && q.get("sweep") === "1" && !q.get("course"); }, null, { timeout: 5000 });
      await page.waitForFunction(() => { const d = document.getElementById("sweep"); if (!d || !d.open) return false; const b = d.getBoundingClientRect(); return b.top >= 0 && b.top < innerHeight; }, null, { timeout: 5000 })
        .catch(() => { throw new Error("the sweep's panel is not open in view"); });
      await page.evaluate((kept) => { localStorage.clear(); for (const [k, v] of JSON.parse(kept)) localStorage.setItem(k, v); }, kept);
    });

    await check("a verdict opened with more folds again in the next lesson", async () => {
      await page.goto(`${base}/?preset=momentum&predict=0`);
      await page.waitForSelector(".lesson-more");
      await page.locator(".lesson-more").click();
      assert(await page.locator(".lesson-more").getAttribute("aria-expanded") === "true", "it opens");
      await page.locator("#preset").selectOption("too-high");
      // The new lesson asks its question first: skipped, its verdict shows.
      const skip = page.locator("text=skip: just run it");
      await skip.waitFor({ timeout: 5000 }).then(() => skip.click()).catch(() => {});
      await page.waitForFunction(() => document.querySelector(".lesson-more")?.getAttribute("aria-expanded") === "false", null, { timeout: 5000 })
        .catch(() => { throw new Error("still open in the next lesson"); });
    });

    await check("on a 390x844 touch phone the verdict is whole, no badge is cut or covered, and a tapped term's tip stays on screen without moving the text", async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
      const tab = await phone.newPage();
      const overlap = (a, b) => a && b && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      for (const q of ["", "preset=too-high&predict=0", "preset=sgd-vs-adam&predict=0", "preset=momentum&predict=0", "task=moons", "compare=1", "optimizer=auto&task=moons"]) {
        await tab.goto(`${base}/?${q}`);
        await tab.waitForSelector("#regime");
        await tab.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 90000 }).catch(() => {});
        const m = await tab.evaluate(() => {
          const rect = (e) => { if (!e) return null; const b = e.getBoundingClientRect(); return { left: b.left, top: b.top, right: b.right, bottom: b.bottom }; };
          const line = document.getElementById("verdict");
          const section = line.closest(".readouts");
          return {
            vw: window.innerWidth,
            sw: line.scrollWidth, cw: line.clientWidth, sh: line.scrollHeight, ch: line.clientHeight,
            line: rect(line), section: rect(section), badge: rect(document.getElementById("regime")),
            more: rect(section.querySelector(".lesson-more")),
            toggle: [...document.querySelectorAll(".relief button")].map(rect),
            others: [...document.querySelectorAll(".others .regime")].map((e) => ({ r: rect(e), clip: rect(e.closest(".readouts")) })),
            values: rect(document.querySelector(".values")), charts: rect(document.querySelector(".charts")),
            marks: [...document.querySelectorAll(".marks .mark")].map((e) => ({ text: e.textContent, r: rect(e) })),
          };
        });
        const where = q || "default page";
        // The slider's marks keep their labels apart (under auto, its mark and the try mark's).
        for (const [i, a] of m.marks.entries()) for (const b of m.marks.slice(i + 1)) assert(!overlap(a.r, b.r), `${where}: the slider's "${a.text}" and "${b.text}" overlap`);
        assert(m.sw <= m.cw && m.line.right <= m.vw && m.line.left >= 0, `${where}: the verdict is ${m.sw} px wide in ${m.cw}, right edge ${m.line.right}`);
        assert(m.sh <= m.ch + 1, `${where}: the verdict's text is cut: ${m.sh} px high in ${m.ch}`);
        for (const t of m.toggle) {
          assert(!overlap(m.badge, t), `${where}: the badge ${JSON.stringify(m.badge)} overlaps the 2-D/3-D toggle ${JSON.stringify(t)}`);
          assert(!overlap(m.more, t), `${where}: "more" ${JSON.stringify(m.more)} overlaps the 2-D/3-D toggle ${JSON.stringify(t)}`);
        }
        for (const o of m.others) {
          assert(o.r.left >= 0 && o.r.right <= m.vw && o.r.bottom <= o.clip.bottom + 0.5 && o.r.top >= o.clip.top - 0.5, `${where}: another run's badge ${JSON.stringify(o.r)} is cut (its box ${JSON.stringify(o.clip)})`);
          assert(!overlap(o.r, m.more), `${where}: another run's badge lies under "more"`);
        }
        assert(m.values && m.values.top < m.charts.top, `${where}: the stats row (at ${m.values && m.values.top}) is not above the charts (at ${m.charts.top})`);
      }
      // A tapped term's tip: on screen, and the sentence around it does not move.
      await tab.goto(`${base}/?task=moons`);
      await tab.waitForSelector(".chart.landscape figcaption .term");
      // Once the run and its landscape are done, so that the caption no longer changes.
      await tab.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true" && !document.querySelector(".landscape .overlay"), null, { timeout: 90000 });
      const term = tab.locator(".chart.landscape figcaption .term").first();
      const before = await tab.evaluate(() => [".chart.landscape figcaption", ".chart.loss"].map((s) => { const b = document.querySelector(s).getBoundingClientRect(); return [b.top, b.height, b.left, b.width]; }));
      await term.tap();
      await tab.waitForSelector(".term-wrap.open .term-tip", { state: "visible", timeout: 5000 });
      const after = await tab.evaluate(() => [".chart.landscape figcaption", ".chart.loss"].map((s) => { const b = document.querySelector(s).getBoundingClientRect(); return [b.top, b.height, b.left, b.width]; }));
      assert(JSON.stringify(after) === JSON.stringify(before), `the text moved when the tip opened: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      const tip = await tab.evaluate(() => { const b = document.querySelector(".term-wrap.open .term-tip").getBoundingClientRect(); return { left: b.left, right: b.right, top: b.top, bottom: b.bottom, w: innerWidth, h: innerHeight }; });
      assert(tip.left >= 0 && tip.right <= tip.w && tip.top >= 0 && tip.bottom <= tip.h && tip.bottom > tip.top, `the tip leaves the screen: ${JSON.stringify(tip)}`);
      await tab.screenshot({ path: path.join(shots, "stride-390x844-tip.png") });
      await phone.close();
    });

    await check("on a phone the small buttons take a finger (24 px), the lesson menu shows each lesson's whole title beside the settings button, and the settings end with a way back to the charts", async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
      const tab = await phone.newPage();
      await tab.goto(`${base}/?task=moons`);
      await tab.waitForSelector(".mark-use", { timeout: 60000 });
      await tab.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 90000 });
      // Each small button, brought to the middle of the screen: 11 px above, below and to one side of its centre a tap still lands on it.
      const small = await tab.evaluate(() => [...document.querySelectorAll(".term.sign, .mark-use, .mark .term, .lesson-more")].filter((e) => e.checkVisibility()).map((e) => {
        e.scrollIntoView({ block: "center", behavior: "instant" });
        const b = e.getBoundingClientRect();
        const [x, y] = [b.left + b.width / 2, b.top + b.height / 2];
        const on = (dx, dy) => { const h = document.elementFromPoint(x + dx, y + dy); return !!h && (h === e || e.contains(h)); };
        return { what: `${e.className} "${e.textContent}" ${Math.round(b.width)}x${Math.round(b.height)}`, ok: on(0, -11) && on(0, 11) && (on(-11, 0) || on(11, 0)) && b.top > 0 && b.bottom < innerHeight };
      }));
      assert(small.length >= 3, `the try mark, its "?" and "more": ${JSON.stringify(small)}`);
      const missed = small.filter((s) => !s.ok);
      assert(missed.length === 0, `too small for a finger: ${missed.map((s) => s.what).join("; ")}`);
      // The marks' buttons sit 6 px clear of the slider: a finger aimed at the "?" under the
      // track landed on the slider and set lr0.
      const gap = await tab.evaluate(() => {
        const slider = document.getElementById("lr0").getBoundingClientRect();
        const tops = [...document.querySelectorAll(".marks .mark-use, .marks .mark .term")].filter((e) => e.checkVisibility()).map((e) => e.getBoundingClientRect().top);
        return Math.min(...tops) - slider.bottom;
      });
      assert(gap >= 6, `the marks' buttons are ${gap} px below the slider`);
      // The lesson menu: every title fits the closed menu, and the settings button sits clear of it and of the page's name.
      const menu = await tab.evaluate(() => {
        const sel = document.getElementById("preset");
        const cs = getComputedStyle(sel);
        const ctx = document.createElement("canvas").getContext("2d");
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        // The room for text: the box less its padding and the arrow's 20 px.
        const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
        const r = (e) => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
        return { room, long: [...sel.options].map((o) => [o.text, ctx.measureText(o.text).width]).filter(([, w]) => w > room),
          toggle: r(document.getElementById("settings-toggle")), select: r(sel), title: r(document.querySelector("h1")) };
      });
      assert(menu.long.length === 0, `titles cut in a ${Math.round(menu.room)}-px menu: ${JSON.stringify(menu.long)}`);
      const apart = (a, b) => a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
      assert(apart(menu.toggle, menu.select) && apart(menu.toggle, menu.title), `the settings button ${menu.toggle} meets the menu ${menu.select} or the title ${menu.title}`);
      // A question's answers, each a finger high.
      await tab.goto(`${base}/?preset=too-high`);
      await tab.waitForSelector(".predict-answer");
      const reach = await tab.evaluate(() => [...document.querySelectorAll(".predict-answers button")].map((e) => {
        const b = e.getBoundingClientRect();
        const hit = (y) => { const h = document.elementFromPoint(b.left + b.width / 2, y); return !!h && (h === e || e.contains(h)); };
        // The rows of the area a tap lands on it, through its centre.
        let [top, bottom] = [b.top, b.bottom];
        while (hit(top - 1) && top > b.top - 20) top--;
        while (hit(bottom) && bottom < b.bottom + 20) bottom++;
        return bottom - top;
      }));
      assert(reach.length >= 2 && reach.every((h) => h >= 24), `answer buttons take taps ${reach} px high`);
      // The settings end with the way back to the charts they change.
      await tab.goto(`${base}/`);
      await tab.locator("#settings-toggle").tap();
      await tab.locator("#ctl-task").selectOption("moons");
      await tab.locator("#settings-done").scrollIntoViewIfNeeded();
      await tab.locator("#settings-done").tap();
      await tab.waitForFunction(() => { const t = document.getElementById("landscape").getBoundingClientRect().top; return !document.getElementById("settings-done").checkVisibility() && t >= 0 && t < innerHeight / 2; }, null, { timeout: 5000 })
        .catch(async () => { throw new Error(`after Done: ${await tab.evaluate(() => [scrollY, document.getElementById("landscape").getBoundingClientRect().top])}`); });
      await phone.close();
    });

    await check("at 1280x800 every closed menu of the settings shows its whole choice, and under auto the settings say what the run uses instead", async () => {
      const cut = [];
      for (const q of ["", "task=moons&optimizer=auto", "preset=ultralytics-defaults&predict=0", "decay=onecycle&optimizer=adamw"]) {
        await page.goto(`${base}/?${q}`);
        await page.waitForSelector("#settings-toggle");
        await page.locator("#settings-toggle").click();
        await page.evaluate(() => { for (const d of document.querySelectorAll("#settings details")) d.open = true; });
        cut.push(...await page.evaluate((q) => [...document.querySelectorAll("#settings select, #preset")].filter((s) => s.checkVisibility()).flatMap((sel) => {
          const cs = getComputedStyle(sel);
          const ctx = document.createElement("canvas").getContext("2d");
          ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
          const text = sel.options[sel.selectedIndex]?.text || "";
          return ctx.measureText(text).width > room ? [`?${q} #${sel.id}: "${text}" in ${Math.round(room)} px`] : [];
        }), q));
        if (q.startsWith("preset=ultralytics")) {
          const used = await page.locator("#settings .in-use").allInnerTexts();
          assert(used.includes("auto uses AdamW") && used.includes("auto uses 0"), `what auto uses: ${used}`);
        }
      }
      assert(cut.length === 0, `cut: ${cut.join("; ")}`);
      // With every section open, the panel scrolled to its end and the page still at its top,
      // the panel's last field and its Done button are on screen (they once lay under the
      // window's bottom edge, behind the panel's fade, where no scrolling reached them).
      const end = await page.evaluate(() => {
        scrollTo(0, 0);
        const panel = document.querySelector("aside.panel");
        panel.scrollTop = panel.scrollHeight;
        const done = document.querySelector(".drawer-done").getBoundingClientRect();
        return { done: done.bottom, panel: panel.getBoundingClientRect().bottom, h: innerHeight, y: scrollY };
      });
      assert(end.y === 0 && end.panel <= end.h && end.done <= end.h, `the panel's end: ${JSON.stringify(end)}`);
    });

    await check("screenshots at 1280x800 and 390x844", async () => {
      await page.goto(`${base}/?preset=warmup&predict=0`);
      await page.waitForFunction(() => !document.querySelector(".landscape .overlay"), null, { timeout: 90000 });
      await page.screenshot({ path: path.join(shots, "stride-1280x800.png"), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}/?preset=just-right`);
      await page.waitForSelector("#regime");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 1, `page is ${overflow}px wider than a 390px screen`);
      await page.screenshot({ path: path.join(shots, "stride-390x844.png"), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await check("at devicePixelRatio 2 every chart has two device pixels per CSS pixel, and follows a zoom", async () => {
      // A canvas with fewer pixels than the screen is scaled up and blurred.
      const sharp = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const tab = await sharp.newPage();
      await tab.goto(`${base}/?task=moons&grad=1&predict=0`);
      await tab.waitForFunction(() => !document.querySelector(".landscape .overlay"), null, { timeout: 90000 });
      const sizes = () =>
        tab.evaluate(() =>
          [...document.querySelectorAll("canvas")]
            .filter((c) => c.clientWidth > 0)
            .map((c) => ({ id: c.id, css: c.clientWidth, px: c.width, ratio: window.devicePixelRatio })),
        );
      const at2 = await sizes();
      assert(at2.length >= 4, `charts: ${JSON.stringify(at2)}`);
      for (const c of at2) assert(Math.abs(c.px - 2 * c.css) <= 1, `canvas ${c.id}: ${c.px} px for ${c.css} CSS px`);
      await tab.screenshot({ path: path.join(shots, "stride-390x844-dpr2.png") });
      // Browser zoom changes the ratio; the charts redraw at the new one. (The emulated change
      // fires none of the events a real zoom fires, so the test fires the window's resize.)
      const cdp = await sharp.newCDPSession(tab);
      await cdp.send("Emulation.setDeviceMetricsOverride", { width: 390, height: 844, deviceScaleFactor: 3, mobile: false });
      await tab.evaluate(() => window.dispatchEvent(new Event("resize")));
      await tab
        .waitForFunction(
          () => [...document.querySelectorAll("canvas")].filter((c) => c.clientWidth > 0).every((c) => Math.abs(c.width - 3 * c.clientWidth) <= 1),
          null,
          { timeout: 5000 },
        )
        .catch(async () => {
          throw new Error(`after the zoom to 3: ${JSON.stringify(await sizes())}`);
        });
      await sharp.close();
    });

    await check("embed mode hides the page chrome, hide= hides controls", async () => {
      await page.goto(`${base}/?embed=1&hide=seed,noise&lr0=0.2`);
      await page.waitForSelector("#regime");
      const h1 = await page.locator("h1").boundingBox();
      assert(!h1 || h1.height <= 1, "the heading is only for screen readers");
      assert((await page.locator("footer").count()) === 0, "footer shown");
      assert((await page.locator("#ctl-seed").count()) === 0, "seed shown");
      assert(!(await page.locator("#settings").isVisible()), "the settings wait in the drawer");
      await page.locator("#settings-toggle").click();
      assert(await page.locator("#settings").isVisible(), "the drawer opens");
      assert((await regime()) === "converging", `regime ${await regime()}`);
    });

    await check("bad URL values give a notice and a working page", async () => {
      await page.goto(`${base}/?lr0=abc&seed=-3`);
      await page.waitForSelector(".notices");
      const text = await page.locator(".notices").innerText();
      assert(/lr0=abc/.test(text) && /seed=-3/.test(text), `notice: ${text}`);
      assert((await regime()) === "converging", "defaults are used");
      await page.getByRole("button", { name: "Dismiss" }).click();
      assert((await page.locator(".notices").count()) === 0, "notice dismissed");
    });

    if (subBase) {
      await check("a build for a sub-path works when served under it", async () => {
        await page.goto(`${subBase}?preset=just-right&predict=0`);
        await page.waitForSelector("#regime", { timeout: 15000 });
        assert((await regime()) === "converging", `regime ${await regime()}`);
        assert(page.url().startsWith(subBase), page.url());
      });
    }

    await check("the benchmark mode answers the WORKLOADS.md contract", async () => {
      const bench = await context.newPage();
      const onError = (e) => errors.push(`bench page error: ${e.message}`);
      bench.on("pageerror", onError);
      const run = async (id) => {
        await bench.goto(`${base}/?bench=${id}`);
        await bench.waitForFunction(() => window.__lrBench !== undefined, null, { timeout: 30000 });
        return bench.evaluate(() => window.__lrBench.then((r) => r, (e) => ({ rejected: String(e) })));
      };
      const w1 = await run("W1");
      assert(w1.workload === "W1" && w1.steps === 500, `W1: ${JSON.stringify(w1)}`);
      // A steady W1 pass takes about 0.1 ms, the browser timer's resolution: it may read 0.
      assert(w1.ms >= 0 && Number.isFinite(w1.ms) && w1.first_ms > 0, `W1 times: ${JSON.stringify(w1)}`);
      // Full-batch GD on y = 2x − 1 + N(0, 0.3²) ends near the noise variance, 0.09.
      assert(w1.final_loss > 0.06 && w1.final_loss < 0.12, `W1 loss ${w1.final_loss}`);
      // L2 runs in the page's Web Workers, as the landscapes do.
      const l2 = await run("L2");
      assert(l2.workload === "L2" && l2.steps === 4096 && l2.ms > 0, `L2: ${JSON.stringify(l2)}`);
      assert(Number.isFinite(l2.final_loss) && l2.final_loss > 0, `L2 loss ${l2.final_loss}`);
      bench.off("pageerror", onError);
      // A mistyped or empty workload never costs the learner the page: a notice, and the
      // playground.
      for (const id of ["W9", ""]) {
        await bench.goto(`${base}/?bench=${id}`);
        await bench.waitForSelector("#regime", { timeout: 15000 });
        const notice = await bench.locator(".notices").innerText();
        assert(/bench=/.test(notice), `bench=${id}: notice ${notice}`);
        assert((await bench.evaluate(() => window.__lrBench)) === undefined, "no benchmark ran");
      }
      await bench.close();
    });

    await check("the line task starts no worker; a network task starts them when its landscape needs points", async () => {
      await page.goto(`${base}/`);
      await page.waitForSelector("#regime");
      await page.waitForTimeout(1500);
      assert(page.workers().length === 0, `the line task made ${page.workers().length} workers`);
      await page.goto(`${base}/?task=moons&dirs=random`);
      await page.waitForFunction(() => !document.querySelector(".landscape .overlay"), null, { timeout: 60000 });
      assert(page.workers().length >= 1, "the network's landscape is computed in workers");
      // Back to the line: the workers are released.
      await page.locator("#settings-toggle").click();
      await page.locator("#ctl-task").selectOption("line");
      await page.waitForFunction(() => /trained/.test(document.querySelector("#progress")?.textContent || ""));
      await page.waitForTimeout(500);
      assert(page.workers().length === 0, `${page.workers().length} workers left after leaving the network`);
    });

    await check("workers that fail or never answer are let go, and the landscape still completes", async () => {
      for (const [name, script] of [
        ["errors", "self.onmessage = (e) => { if (!e.data.glue) throw new Error('broken worker'); };"],
        ["never answers", "self.onmessage = () => {};"],
      ]) {
        const tab = await context.newPage();
        await tab.route("**/worker.js", (route) => route.fulfill({ contentType: "text/javascript", body: script }));
        const t0 = Date.now();
        await tab.goto(`${base}/?task=moons&dirs=random`);
        await tab.waitForSelector("#regime");
        await tab.waitForFunction(() => !document.querySelector(".landscape .overlay"), null, { timeout: 60000 })
          .catch(() => { throw new Error(`a worker that ${name}: the landscape never completed`); });
        const notice = await tab.locator(".notices").innerText().catch(() => "");
        assert(/landscape worker/.test(notice) && /computed on this page/.test(notice), `a worker that ${name}: notice ${notice}`);
        assert(tab.workers().length === 0, `a worker that ${name}: the pool is let go`);
        console.log(`     a worker that ${name}: landscape complete after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        await tab.close();
      }
    });

    await check("a panic in the release build shows a banner with a way back, not a dead page", async () => {
      const tab = await context.newPage();
      const logged = [];
      tab.on("console", (m) => m.type() === "error" && logged.push(m.text()));
      tab.on("pageerror", () => {});
      await tab.goto(`${base}/?lr0=0.3&preset=too-low`);
      await tab.waitForSelector("#regime");
      await tab.evaluate(() => { try { window.wasmBindings.stride_selftest_panic(); } catch (_) { /* the abort */ } });
      await tab.waitForSelector("#crash", { timeout: 5000 });
      const text = await tab.locator("#crash").innerText();
      assert(/Something went wrong/.test(text) && /self-test: a deliberate panic/.test(text), text);
      assert((await tab.locator("#crash a").getAttribute("href")) === "/", "reload with the default settings");
      assert(logged.some((l) => /Stride crashed/.test(l)), `console: ${logged.join(" | ")}`);
      await tab.close();
    });

    await check("a WebAssembly trap (unreachable, a stack overflow) shows the panic's banner with a way back, and the page goes inert", async () => {
      for (const [kind, how] of [["unreachable", "error"], ["stack", "unhandledrejection"]]) {
        const tab = await context.newPage();
        const logged = [];
        tab.on("console", (m) => m.type() === "error" && logged.push(m.text()));
        tab.on("pageerror", () => {});
        await tab.goto(`${base}/?lr0=0.3&preset=too-low`);
        await tab.waitForSelector("#regime");
        // Thrown where nothing catches it, as a trap in a frame or an event handler would be:
        // from a timer (the window's error event) or a promise (unhandledrejection).
        await tab.evaluate(([kind, how]) => {
          const trap = () => window.wasmBindings.stride_selftest_trap(kind);
          if (how === "error") setTimeout(trap);
          else Promise.resolve().then(trap);
        }, [kind, how]);
        await tab.waitForSelector("#crash", { timeout: 5000 });
        const text = await tab.locator("#crash").innerText();
        assert(/Something went wrong/.test(text) && /(RuntimeError|RangeError): \S/.test(text), `${kind}: ${text}`);
        assert((await tab.locator("#crash a").getAttribute("href")) === "/", `${kind}: reload with the default settings`);
        assert(logged.some((l) => /Stride crashed/.test(l)), `${kind}: console ${logged.join(" | ")}`);
        assert(await tab.evaluate(() => !!document.querySelector("#lr0").closest("[inert]")), `${kind}: the controls are not inert`);
        console.log(`     ${kind} via ${how}: ${text.split("address: ")[1]}`);
        // The way back works.
        await tab.locator("#crash a").click();
        await tab.waitForSelector("#regime");
        assert((await tab.locator("#crash").count()) === 0, `${kind}: the reloaded page still shows the banner`);
        await tab.close();
      }
    });

    await check("if worker.js cannot load (a 404, worker-src 'none', worker-src blob:), a network trains, fills its landscape and sweeps on the page, with a note", async () => {
      // A host that did not copy worker.js, and hosts whose policy forbids it.
      const bare = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "stride-no-worker-"));
      fs.cpSync(dist, bare, { recursive: true });
      fs.rmSync(path.join(bare, "worker.js"));
      const strict = (workers) => server.policy.replace(/worker-src [^;]*/, `worker-src ${workers}`);
      try {
        for (const [name, dir, policy] of [["worker.js missing", bare, null], ["worker-src 'none'", dist, strict("'none'")], ["worker-src blob:", dist, strict("blob:")]]) {
          const host = await serve(dir, policy ? { policy } : {});
          const tab = await context.newPage();
          const pageErrors = [];
          tab.on("pageerror", (e) => pageErrors.push(e.message));
          try {
            const t0 = Date.now();
            // A short run, so that the sweep (trained on the page too) takes seconds.
            await tab.goto(`http://127.0.0.1:${host.port}/?task=moons&dirs=random&epochs=5&sweep=1`);
            await tab.waitForSelector("#regime");
            await tab.waitForFunction(() => !document.querySelector(".landscape .overlay"), null, { timeout: 60000 })
              .catch(() => { throw new Error(`${name}: the landscape never completed`); });
            const landscape = (Date.now() - t0) / 1000;
            await tab.locator("#sweep-run").click();
            // The sentence names the lowest loss once every run is in.
            await tab.waitForFunction(() => /lowest/.test(document.querySelector("#sweep-sentence")?.textContent || ""), null, { timeout: 60000 })
              .catch(() => { throw new Error(`${name}: the sweep never finished`); });
            const swept = (Date.now() - t0) / 1000;
            const notice = await tab.locator(".notices").innerText().catch(() => "");
            assert(/landscape worker/.test(notice) && /computed on this page/.test(notice), `${name}: notice ${notice}`);
            assert((await tab.locator("#crash").count()) === 0, `${name}: the crash banner is up`);
            assert(pageErrors.length === 0, `${name}: page errors ${pageErrors.join(" | ")}`);
            assert(tab.workers().length === 0, `${name}: ${tab.workers().length} workers left`);
            console.log(`     ${name}: landscape complete after ${landscape.toFixed(1)} s, sweep after ${swept.toFixed(1)} s; ${notice.split("\n")[0]}`);
          } finally {
            await tab.close();
            host.stop();
          }
        }
      } finally {
        fs.rmSync(bare, { recursive: true, force: true });
      }
    });

    await check("a link with a long ghost draws its first picture at once, the ghost filling in after", async () => {
      const tab = await context.newPage();
      const pageErrors = [];
      tab.on("pageerror", (e) => pageErrors.push(e.message));
      await tab.goto(`${base}/?task=digits&ghost=task%3Ddigits%26epochs%3D500%26batch%3D1`, { waitUntil: "commit" });
      // Milliseconds from navigation to the landscape canvas, read in the page.
      const ms = await (await tab.waitForFunction(() => document.querySelector("#landscape") && performance.now(), null, { timeout: 10000, polling: "raf" })).jsonValue();
      console.log(`     the landscape canvas after ${Math.round(ms)} ms`);
      assert(ms < 2500, `the first picture took ${Math.round(ms)} ms`);
      assert((await tab.locator("#unpin").count()) === 1, "the ghost is pinned from the first picture");
      const iteration = async () => Number((await tab.locator("#ro-iteration").textContent()).replace(/[^0-9]/g, ""));
      const first = await iteration();
      await tab.waitForTimeout(1000);
      assert((await iteration()) > first, "the page's own run trains beside the ghost");
      assert(pageErrors.length === 0, pageErrors.join(" | "));
      await tab.close();
    });

    await check("the example docs page: each embed grows to its content, the dark one is dark, the one below the fold trains only while seen", async () => {
      let workers = 0;
      const countWorker = () => workers++;
      page.on("worker", countWorker);
      await page.goto(`${base}/embed-demo.html`);
      const frames = ["embed-light", "embed-dark"];
      const [light, dark] = frames.map((id) => page.frameLocator(`#${id}`));
      const iteration = async (f) => Number((await f.locator("#ro-iteration").textContent()).replace(/[^0-9]/g, ""));
      await light.locator("#regime").waitFor();
      await dark.locator("#regime").waitFor();
      const sizes = () => page.evaluate((ids) => ids.map((id) => {
        const f = document.getElementById(id);
        const doc = f.contentDocument;
        return {
          id,
          frame: f.clientHeight,
          content: doc.querySelector("main").getBoundingClientRect().height,
          scroll: doc.documentElement.scrollHeight,
          top: f.getBoundingClientRect().top + scrollY,
        };
      }), frames);
      // The stylesheet's fallback is 900 px; the script replaces it with the content's height.
      // The content can still grow after a first match (a frame once read 907 px for 1376 px):
      // the sizes must hold for 300 ms before they are judged.
      const fits = (all) => all.every((s) => Math.abs(s.frame - s.content) <= 3);
      let settled = await sizes();
      for (const end = Date.now() + 10000; Date.now() < end; ) {
        if (fits(settled)) {
          await page.waitForTimeout(300);
          settled = await sizes();
          if (fits(settled)) break;
        } else {
          await page.waitForTimeout(100);
          settled = await sizes();
        }
      }
      for (const s of settled) {
        assert(Math.abs(s.frame - s.content) <= 3, `${s.id}: frame ${s.frame} px for ${s.content} px of content`);
        assert(s.scroll <= s.frame + 1, `${s.id}: inner scrollbar (${s.scroll} px in ${s.frame} px)`);
        assert(s.frame > 500 && s.frame !== 900, `${s.id}: sized by the script (${s.frame} px)`);
      }
      const [, below] = await sizes();
      assert(below.top > 800, `the dark embed starts below the fold (${below.top} px)`);
      // The first embed asks what the rate will do, then trains; the second, unseen, has not
      // taken a step.
      await light.locator("[data-guess='fly off']").click();
      await page.waitForFunction(() => Number(document.getElementById("embed-light").contentDocument.getElementById("ro-iteration").textContent) > 0);
      await page.waitForTimeout(1500);
      assert((await iteration(dark)) === 0, `the unseen embed trained to iteration ${await iteration(dark)}`);
      // The line needs no workers, and the unseen conv net has not started its landscape's.
      assert(workers === 0, `${workers} workers before the network embed was seen`);
      // Drawn dark, charts included.
      const darkPaper = () => page.evaluate(() => {
        const doc = document.getElementById("embed-dark").contentDocument;
        return { dark: doc.documentElement.classList.contains("dark"), pixel: Array.from(doc.getElementById("loss").getContext("2d").getImageData(2, 2, 1, 1).data.slice(0, 3)) };
      });
      const drawn = await darkPaper();
      assert(drawn.dark && drawn.pixel.every((c) => c < 40), `dark embed: ${JSON.stringify(drawn)}`);
      // Seen: it trains. Slowed to one iteration a frame, so that it is still running when
      // it is scrolled away; away, it stops; back, it goes on from where it was.
      await page.locator("#embed-dark").scrollIntoViewIfNeeded();
      await dark.locator("#speed").selectOption("1");
      // The warmup lesson asks first which of its two runs ends lower.
      await dark.locator("[data-guess='run-0']").click();
      await page.waitForFunction(() => Number(document.getElementById("embed-dark").contentDocument.getElementById("ro-iteration").textContent) > 0, null, { timeout: 10000 });
      await page.evaluate(() => scrollTo(0, 0));
      await page.waitForTimeout(300);
      const away = await iteration(dark);
      assert(workers > 0, "the network embed started its landscape workers once seen");
      page.off("worker", countWorker);
      await page.waitForTimeout(1000);
      assert((await iteration(dark)) === away, `trained while out of view: ${away} -> ${await iteration(dark)}`);
      assert(away > 0 && away < 900, `still running when scrolled away (${away})`);
      await page.locator("#embed-dark").scrollIntoViewIfNeeded();
      await page.waitForTimeout(1000);
      const back = await iteration(dark);
      assert(back > away, `went on from ${away} when seen again (${back})`);
      console.log(`     heights ${(await sizes()).map((s) => `${s.frame}/${s.content.toFixed(0)} px`).join(", ")}; dark embed: 0 until seen, ${away} when scrolled away, ${back} a second after coming back`);
    });

    await check("a flood of 10,000 random messages changes no embed: theme, settings, address and height stay, and the page answers", async () => {
      const tab = await context.newPage();
      await tab.emulateMedia({ colorScheme: "light" });
      await tab.goto(`${base}/embed-demo.html`);
      const embed = tab.frameLocator("#embed-light");
      await embed.locator("#regime").waitFor();
      await tab.waitForFunction(() => {
        const f = document.getElementById("embed-light");
        return Math.abs(f.clientHeight - f.contentDocument.querySelector("main").getBoundingClientRect().height) <= 3;
      }, null, { timeout: 10000 });
      // A sibling frame that is not Stride's: what it posts, to the embed or to the page, must
      // count for nothing, even Stride's own message types with valid values.
      await tab.evaluate(() => new Promise((done) => {
        const f = document.createElement("iframe");
        f.name = "stranger";
        f.srcdoc = "<p>not Stride</p>";
        f.onload = done;
        document.body.append(f);
      }));
      const state = () => tab.evaluate(() => {
        const f = document.getElementById("embed-light");
        const doc = f.contentDocument;
        // The address as it reads, decoded: the page writes its canonical form (commas as %2C)
        // 150 ms after load, which is no change of meaning.
        return {
          url: doc.location.pathname + "?" + Array.from(new URLSearchParams(doc.location.search), ([k, v]) => `${k}=${v}`).join("&"),
          dark: doc.documentElement.classList.contains("dark"),
          height: f.style.height,
          page: location.href,
          notices: doc.querySelectorAll(".notices li").length,
          settings: Array.from(doc.querySelectorAll("#settings input, #settings select"), (e) => `${e.id}=${e.type === "checkbox" ? e.checked : e.value}`).join("&"),
        };
      });
      const before = await state();
      // Counts what reaches the embed's window, so the test knows when the flood has landed.
      await tab.evaluate(() => {
        window.__heard = 0;
        document.getElementById("embed-light").contentWindow.addEventListener("message", () => window.__heard++);
      });
      // The messages: a seeded mix of junk and near misses of the documented ones (wrong case,
      // wrong type, wrong value, extra fields, huge strings), never a valid theme from the parent.
      const flood = (seed, n, valid) => {
        let x = seed >>> 0;
        const rnd = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296);
        const pick = (a) => a[Math.floor(rnd() * a.length)];
        const junk = () => pick([
          () => rnd() * 1e6, () => null, () => undefined, () => "stride:theme", () => "x".repeat(Math.floor(rnd() * 100000)),
          () => [1, "dark", { type: "stride:theme" }], () => new Date(), () => new Map([["type", "stride:theme"]]),
          () => ({ toString: "dark" }), () => new ArrayBuffer(16), () => ({ nested: { type: "stride:theme", theme: "dark" } }),
        ])();
        const types = ["stride:theme", "stride:height", "Stride:Theme", "stride:theme ", "theme", "", "__proto__", 7, null, ["stride:theme"]];
        const themes = ["Dark", "DARK", " dark", "slate", "default", "none", "", 0, true, null, ["dark"], { dark: 1 }, "dark;lr0=10", ...(valid ? ["dark", "light", "auto"] : [])];
        const heights = [0, -5, 1e9, Infinity, NaN, "500", 1234, 42, 5e5];
        const out = [];
        for (let i = 0; i < n; i++) {
          const r = rnd();
          out.push(r < 0.3 ? junk()
            : r < 0.65 ? { type: pick(types), theme: pick(themes), extra: junk() }
            : r < 0.9 ? { type: pick(types), height: pick(heights) }
            : { type: "stride:theme", theme: pick(themes), lr0: 10, hide: "lr0" });
        }
        return out;
      };
      // Playwright evaluates these as the debugger does, outside the page's policy, which
      // refuses eval and new Function.
      const t0 = Date.now();
      // From the parent, the right source: 4,000 to the embed, never a valid message, and
      // 2,000 to itself, valid ones included.
      await tab.evaluate(`(() => {
        const make = ${flood.toString()};
        const embed = document.getElementById("embed-light").contentWindow;
        for (const m of make(1, 4000, false)) embed.postMessage(m, "*");
        for (const m of make(2, 2000, true)) window.postMessage(m, "*");
      })()`);
      // From the stranger, valid ones included: 2,000 to the embed and 2,000 to the page.
      await tab.frame({ name: "stranger" }).evaluate(`(() => {
        const make = ${flood.toString()};
        const embed = parent.document.getElementById("embed-light").contentWindow;
        make(3, 4000, true).forEach((m, i) => (i % 2 ? parent : embed).postMessage(m, "*"));
      })()`);
      await tab.waitForFunction(() => window.__heard >= 6000, null, { timeout: 60000, polling: 100 });
      // A last moment for anything still queued.
      await tab.waitForTimeout(500);
      const flooded = Date.now() - t0;
      const after = await state();
      for (const k of Object.keys(before)) assert(before[k] === after[k], `${k}: ${before[k]} -> ${after[k]}`);
      // Still answering: a typed rate is taken and written into the address.
      const t1 = Date.now();
      await embed.locator("#lr0-typed").fill("0.01");
      await embed.locator("#lr0-typed").press("Enter");
      await tab.waitForFunction(() => /lr0=0.01/.test(document.getElementById("embed-light").contentDocument.location.search), null, { timeout: 3000 });
      console.log(`     10,000 messages posted and handled in ${flooded} ms; nothing changed (${JSON.stringify(after).length} chars of state compared); a typed lr0 reached the address ${Date.now() - t1} ms later`);
      await tab.close();
    });

    await check("theme=auto follows the system's dark setting as it changes; theme=light and dark override it", async () => {
      const tab = await context.newPage();
      const dark = () => tab.evaluate(() => document.documentElement.classList.contains("dark"));
      // The loss chart's background pixel, top left: the charts switch with the page.
      const paper = () => tab.evaluate(() => Array.from(document.getElementById("loss").getContext("2d").getImageData(2, 2, 1, 1).data.slice(0, 3)));
      await tab.emulateMedia({ colorScheme: "light" });
      await tab.goto(`${base}/`);
      await tab.waitForSelector("#regime");
      assert(!(await dark()), "light system, light page");
      assert((await paper()).every((c) => c > 240), `light chart: ${await paper()}`);
      await tab.emulateMedia({ colorScheme: "dark" });
      await tab.waitForTimeout(300);
      assert(await dark(), "the page turns dark with the system");
      const bg = await tab.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      assert(bg === "rgb(24, 26, 31)", `page background ${bg}`);
      assert((await paper()).every((c) => c < 40), `dark chart: ${await paper()}`);
      await tab.goto(`${base}/?theme=light`);
      await tab.waitForSelector("#regime");
      assert(!(await dark()), "theme=light wins over a dark system");
      await tab.emulateMedia({ colorScheme: "light" });
      await tab.goto(`${base}/?theme=dark`);
      await tab.waitForSelector("#regime");
      assert(await dark(), "theme=dark wins over a light system");
      await tab.close();
    });

    await check("axe finds no critical or serious accessibility problem (desktop, phone, embed, dark, course, present, closing slide)", async () => {
      // axe is injected as a script, which the page's own policy rightly refuses: this one
      // context bypasses it.
      const axeContext = await browser.newContext({ bypassCSP: true });
      const tab = await axeContext.newPage();
      const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
      const found = [];
      for (const [w, h, q] of [[1280, 800, ""], [390, 844, ""], [1280, 800, "preset=warmup"], [700, 900, "embed=1&preset=step-decay"], [1280, 800, "theme=dark&preset=divergence"], [390, 844, "theme=dark&lr0=abc"],
        [1280, 800, "theme=dark&preset=momentum"], [390, 844, "preset=clipping&sweep=1&finder=1"], [1280, 800, "course=3"], [390, 844, "theme=dark&course=6"],
        [1920, 1080, "present=1&course=5"], [1280, 720, "theme=dark&present=1&course=12"], [1280, 720, "present=1&course=15"]]) {
        await tab.setViewportSize({ width: w, height: h });
        await tab.goto(`${base}/?${q}`);
        await tab.waitForSelector("#regime, #course-end");
        // The panels' charts, sentences and buttons as they are once run.
        for (const panel of ["finder", "sweep"]) {
          if (new URLSearchParams(q).get(panel) === "1") {
            await tab.locator(`#${panel}-run`).click();
            await tab.waitForSelector(`#${panel}-sentence`, { timeout: 60000 });
          }
        }
        await tab.waitForTimeout(800);
        await tab.addScriptTag({ content: axeSource });
        const result = await tab.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        for (const v of result.violations.filter((v) => ["critical", "serious"].includes(v.impact))) {
          found.push(`${w}x${h} ?${q}: ${v.id} (${v.impact}) on ${v.nodes.length} nodes: ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")}`);
        }
      }
      await axeContext.close();
      assert(found.length === 0, found.join("\n"));
    });

    await check("60 loads in one tab: every one renders and memory stays flat", async () => {
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      const rss = browsersRss;
      const measure = async () => {
        await cdp.send("HeapProfiler.collectGarbage");
        await tab.waitForTimeout(300);
        const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
        return { heap, rss: rss() };
      };
      // A leak of a page's worth per load (its 12 MB of wasm memory, its 3 MB of JS heap) still
      // shows over 50 loads as the heap or the processes growing by more than a fifth from load
      // 10; 400 loads once took 40 % of the suite's time.
      const plan = [...Array(45).fill(""), ...Array(15).fill("task=moons&dirs=random")];
      const tabErrors = [];
      tab.on("console", (m) => m.type() === "error" && tabErrors.push(m.text()));
      tab.on("pageerror", (e) => tabErrors.push(e.message));
      let tenth = null;
      for (let k = 0; k < plan.length; k++) {
        await tab.goto(`${base}/?${plan[k]}&seed=${k}`);
        await tab.waitForSelector("#regime", { timeout: 20000 }).catch((e) => {
          throw new Error(`load ${k + 1} did not render: ${tabErrors.slice(-3).join(" | ") || e.message}`);
        });
        if (plan[k]) await tab.waitForFunction(() => document.querySelector(".landscape progress, .landscape canvas"), null, { timeout: 20000 });
        if (k === 9) tenth = await measure();
      }
      await tab.waitForTimeout(1000);
      const last = await measure();
      console.log(`     memory at load 10: heap ${(tenth.heap / 1e6).toFixed(1)} MB, processes ${(tenth.rss / 1e3).toFixed(0)} MB; at load ${plan.length}: heap ${(last.heap / 1e6).toFixed(1)} MB, processes ${(last.rss / 1e3).toFixed(0)} MB`);
      assert(last.heap <= 1.2 * tenth.heap, `JS heap grew from ${tenth.heap} to ${last.heap}`);
      assert(last.rss <= 1.2 * tenth.rss, `process memory grew from ${tenth.rss} kB to ${last.rss} kB`);
      await tab.close();
    });

    await check("memory is bounded by design: a 500-epoch batch-1 comparison stays flat", async () => {
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      const measure = async () => {
        await cdp.send("HeapProfiler.collectGarbage");
        const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
        const wasm = await tab.evaluate(() => window.wasmBindings.stride_memory_bytes());
        return { heap, wasm };
      };
      await tab.goto(`${base}/?task=digits&epochs=500&batch=1&compare=1`);
      await tab.waitForSelector("#regime");
      // Every buffer is sized when the run is made (about 12,000 iterations a second here), so
      // 12 s more, four times the iterations of the first 3 s, must not grow the memory.
      await tab.waitForTimeout(3000);
      const early = await measure();
      const earlyIteration = await tab.locator("#ro-iteration").textContent();
      await tab.waitForTimeout(12000);
      const late = await measure();
      const mb = (b) => (b / 1048576).toFixed(1);
      console.log(`     after 3 s: wasm ${mb(early.wasm)} MB, JS heap ${mb(early.heap)} MB, iteration ${earlyIteration}; after 15 s: wasm ${mb(late.wasm)} MB, JS heap ${mb(late.heap)} MB; iteration ${await tab.locator("#ro-iteration").textContent()}`);
      assert(late.wasm < 64 * 1048576, `wasm memory ${mb(late.wasm)} MB`);
      assert(late.heap < 10 * 1048576, `JS heap ${mb(late.heap)} MB`);
      assert(late.wasm <= 1.1 * early.wasm, `wasm memory grew from ${mb(early.wasm)} to ${mb(late.wasm)} MB`);
      assert(late.heap <= 1.1 * early.heap, `JS heap grew from ${mb(early.heap)} to ${mb(late.heap)} MB`);
      await tab.close();
    });

    // Tabs opened by the checks above hid this one, and a hidden page gets no animation frames.
    await page.bringToFront();

    await check("the build runs under its strict Content Security Policy, served as a header", async () => {
      assert(server.policy && !/unsafe-inline/.test(server.policy), `policy: ${server.policy}`);
      assert(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/.test(server.policy), server.policy);
      await page.goto(`${base}/?preset=batch-lr&predict=0`);
      await page.waitForFunction(() => document.querySelector("#play")?.dataset.finished === "true", null, { timeout: 60000 });
      await page.waitForFunction(() => !document.querySelector(".landscape .overlay"), null, { timeout: 60000 });
      const v = await cspViolations();
      assert(v.length === 0, `violations: ${v.join(", ")}`);
      const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
      assert(meta === server.policy, "the page carries the same policy");
    });

    await checkNoErrors(errors, offsite);
  } finally {
    if (browser) await browser.close();
    server.stop();
    if (subServer) subServer.stop();
  }
}

run(main);
