// Shared by the end-to-end test and the benchmark script: a static server on 127.0.0.1 (Python's
// http.server, which serves .wasm as application/wasm) and Debian's headless Chromium.
"use strict";

const { chromium } = require("playwright-core");
const { spawn } = require("node:child_process");
const net = require("node:net");

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

/** Serves `dir` on a free loopback port; returns { port, stop }. */
async function serve(dir) {
  const port = await freePort();
  const child = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], {
    stdio: "ignore",
  });
  return { port, stop: () => child.kill() };
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
    ],
  });
}

module.exports = { freePort, waitForServer, serve, launch };
