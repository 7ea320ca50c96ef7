// Shared by the end-to-end test and the benchmark script: a static server on 127.0.0.1 that
// sends the build's Content Security Policy (csp.txt, written by the release build) as a header
// on every response, as a strict host would, and Debian's headless Chromium.
"use strict";

const { chromium } = require("playwright-core");
const fs = require("node:fs");
const http = require("node:http");
const net = require("node:net");
const path = require("node:path");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain",
  ".json": "application/json",
  ".xml": "application/xml",
};

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
      if ((await fetch(url)).ok) return;
    } catch (_) {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`static server at ${url} did not start`);
}

/** The policy a build asks for: the csp.txt in `dir` or in any folder under it (a build for a
 * sub-path sits deeper), or none. */
function policyOf(dir) {
  const direct = path.join(dir, "csp.txt");
  if (fs.existsSync(direct)) return fs.readFileSync(direct, "utf8").trim();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const found = policyOf(path.join(dir, entry.name));
      if (found) return found;
    }
  }
  return null;
}

/** Serves `dir` on a free loopback port with its build's policy, or with `options.policy` in its
 * place (a stricter host's, say); returns { port, policy, stop }. `options.policyFor(pathname)`:
 * whether a response carries the policy (a docs site around a build has its own rules). */
async function serve(dir, options = {}) {
  const policyFor = options.policyFor || (() => true);
  const port = await freePort();
  const root = path.resolve(dir);
  const policy = options.policy || policyOf(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    // As a host that serves precompressed files does (Caddy's `precompressed br gzip`): the
    // release's .br or .gz copy when the browser takes that encoding, so the tests load them.
    const accepts = String(req.headers["accept-encoding"] || "").split(",").map((e) => e.trim().split(";")[0]);
    // Only beside its file: a host without worker.js has no copy of it either.
    const copy = fs.existsSync(file) && [["br", ".br"], ["gzip", ".gz"]].find(([enc, ext]) => accepts.includes(enc) && fs.existsSync(file + ext));
    fs.readFile(copy ? file + copy[1] : file, (err, body) => {
      if (err) {
        res.writeHead(404).end("not found");
        return;
      }
      const headers = { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" };
      if (copy) Object.assign(headers, { "Content-Encoding": copy[0], Vary: "Accept-Encoding" });
      if (policy && policyFor(url.pathname)) headers["Content-Security-Policy"] = policy;
      res.writeHead(200, headers).end(body);
    });
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, policy, stop: () => server.close() };
}

/** Headless Chromium with the flags this machine needs (no sandbox as root, no background
 * networking: the network is closed). */
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // Marks this run's browser, so a memory check can sum its processes and no other's.
      `--stride-e2e=${process.pid}`,
    ],
  });
}

/** The resident memory (kB) of the browsers this script launched: each one's processes, its
 * renderers and helpers included, and no other Chromium's (a developer's, or another test's). */
function browsersRss() {
  const rows = require("node:child_process").execSync("ps -eo pid=,ppid=,rss=,args=").toString()
    .split("\n").filter(Boolean)
    .map((l) => l.trim().split(/\s+/))
    .map(([pid, ppid, rss, ...args]) => ({ pid, ppid, rss: Number(rss), args: args.join(" ") }));
  const mine = new Set(rows.filter((r) => r.args.includes(`--stride-e2e=${process.pid}`)).map((r) => r.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (!mine.has(r.pid) && mine.has(r.ppid)) { mine.add(r.pid); grew = true; }
  }
  return rows.filter((r) => mine.has(r.pid)).reduce((sum, r) => sum + r.rss, 0);
}

module.exports = { freePort, waitForServer, serve, launch, browsersRss };
