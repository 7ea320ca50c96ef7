// End-to-end test of the release build: serve dist/ over HTTP on 127.0.0.1, open it in headless
// Chromium, and use the page the way a person would. Usage: node tests/e2e/e2e.cjs <dist dir>
// Needs playwright-core on NODE_PATH (./dev.sh test installs it) and Debian's chromium.
"use strict";

const { chromium } = require("playwright-core");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");

const dist = path.resolve(process.argv[2] || "dist");
const shots = path.resolve(process.env.STRIDE_SCREENSHOTS || "target/e2e");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForServer(url, tries = 100) {
  for (let i = 0; i < tries; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch (_) {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`static server at ${url} did not start`);
}

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push([name, null]);
    console.log(`ok   ${name}`);
  } catch (err) {
    results.push([name, err]);
    console.log(`FAIL ${name}\n     ${String(err && err.stack ? err.stack : err).split("\n").join("\n     ")}`);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function main() {
  assert(fs.existsSync(path.join(dist, "index.html")), `${dist}/index.html missing: run trunk build --release first`);
  fs.mkdirSync(shots, { recursive: true });

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dist], {
    stdio: "ignore",
  });
  let browser;
  try {
    await waitForServer(`${base}/index.html`);
    browser = await chromium.launch({
      executablePath: browserPath,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && errors.push(`console error: ${m.text()}`));
    const offsite = [];
    page.on("request", (r) => !r.url().startsWith(base) && !r.url().startsWith("data:") && offsite.push(r.url()));

    const regime = () => page.locator("#regime").textContent();
    const landscapeShot = () => page.locator("#landscape").screenshot();

    await check("the page loads from the release build and starts at the URL's lr0", async () => {
      await page.goto(`${base}/?lr0=0.001`);
      await page.waitForSelector("#regime", { timeout: 15000 });
      assert((await regime()) === "crawl", `regime is ${await regime()}`);
      assert((await page.locator("#lr0-typed").inputValue()) === "1e-3", "typed box shows lr0");
    });

    await check("dragging the slider with the pointer moves from crawl to divergence", async () => {
      const before = await landscapeShot();
      const slider = page.locator("#lr0");
      const box = await slider.boundingBox();
      const y = box.y + box.height / 2;
      // The thumb sits where lr0 = 1e-3 is on a log scale from 1e-4 to 10: 1/5 of the way.
      const x0 = box.x + 9 + (box.width - 18) * 0.2;
      await page.mouse.move(x0, y);
      await page.mouse.down();
      const seen = [];
      for (let k = 0; k <= 40; k++) {
        await page.mouse.move(x0 + ((box.x + box.width - x0) * k) / 40, y);
        const r = await regime();
        if (seen[seen.length - 1] !== r) seen.push(r);
      }
      await page.mouse.up();
      assert(
        seen.join(",") === "crawl,converging,oscillating,diverging",
        `regimes along the drag: ${seen.join(",")}`,
      );
      const after = await landscapeShot();
      assert(!before.equals(after), "the landscape canvas did not change");
      assert(/lr0=/.test(page.url()), `URL not updated: ${page.url()}`);
      await page.locator("#diverged").waitFor({ timeout: 2000 });
    });

    await check("the keyboard moves the slider too", async () => {
      const slider = page.locator("#lr0");
      await slider.focus();
      await page.keyboard.press("Home");
      assert((await regime()) === "crawl", `Home gives ${await regime()}`);
      const before = await landscapeShot();
      // 0.02 decades per arrow press: 150 presses take lr0 from 1e-4 to 1e-1.
      for (let i = 0; i < 150; i++) await page.keyboard.press("ArrowRight");
      const r = await regime();
      assert(r === "converging", `after 150 presses: ${r}`);
      const after = await landscapeShot();
      assert(!before.equals(after), "the landscape canvas did not change");
      const value = await page.locator("#lr0-typed").inputValue();
      assert(Math.abs(Math.log10(Number(value)) + 1) < 0.03, `typed box shows ${value}`);
    });

    await check("a readable screenshot of the default page", async () => {
      await page.goto(`${base}/?lr0=0.4`);
      await page.waitForSelector("#regime");
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(shots, "stride-1280x800.png"), fullPage: true });
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

    await check("no errors in the console and nothing loaded from elsewhere", async () => {
      assert(errors.length === 0, errors.join("\n"));
      assert(offsite.length === 0, `off-site requests: ${offsite.join(", ")}`);
    });
  } finally {
    if (browser) await browser.close();
    server.kill();
  }

  const failed = results.filter(([, e]) => e).length;
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  console.log("\n0 passed, 1 failed");
  process.exit(1);
});
