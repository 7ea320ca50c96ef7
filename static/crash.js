// Stride's banner for a WebAssembly trap (out of memory, a stack overflow, `unreachable`).
// The panic hook in src/ui/crash.rs covers Rust panics, but a trap never reaches Rust, and after
// one the module's state is half-updated: calling into it again only fails in stranger ways. So
// this script runs outside the module, in plain DOM, loaded with <script src> (no inline script:
// the release build's Content Security Policy allows none). It shows the panic banner's words and
// link, and makes the rest of the page inert so that no click or key calls the module again.
"use strict";
(() => {
  const fatal = (err) =>
    (typeof WebAssembly !== "undefined" && err instanceof WebAssembly.RuntimeError) ||
    // V8 reports a stack overflow inside the module as a RangeError, not a RuntimeError.
    (err instanceof RangeError && /call stack/i.test(err.message));

  function crashed(err) {
    if (!fatal(err) || !document.body) return;
    for (const child of document.body.children) {
      if (child.id !== "crash") child.inert = true;
    }
    // A panic already put its banner up (its abort traps too): that message says more.
    if (document.getElementById("crash")) return;
    const message = `${err.name}: ${err.message}`;
    console.error(`Stride crashed: ${message}`);
    const banner = document.createElement("div");
    banner.id = "crash";
    banner.className = "crash";
    banner.setAttribute("role", "alert");
    const title = document.createElement("strong");
    title.textContent = "Something went wrong — ";
    const link = document.createElement("a");
    link.href = location.pathname;
    link.textContent = "reload with the default settings";
    const report = document.createElement("p");
    report.textContent = `If it happens again, please report this message and the page's address: ${message}`;
    banner.append(title, link, report);
    document.body.prepend(banner);
  }

  addEventListener("error", (e) => crashed(e.error));
  addEventListener("unhandledrejection", (e) => crashed(e.reason));
})();
