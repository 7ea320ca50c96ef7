// The end-to-end scripts' shared harness: named checks that report their time and never stop
// the run, an assert, and the closing "N passed, M failed" line that CI reads.
"use strict";

const results = [];
// E2E_ONLY=text runs only the checks whose names contain it (while working on one).
// Several, separated by "|".
const only = process.env.E2E_ONLY?.split("|");

async function check(name, fn) {
  if (only && !only.some((o) => name.includes(o))) return;
  const start = Date.now();
  const took = () => `(${((Date.now() - start) / 1000).toFixed(1)} s)`;
  try {
    await fn();
    results.push([name, null]);
    console.log(`ok   ${name} ${took()}`);
  } catch (err) {
    results.push([name, err]);
    console.log(`FAIL ${name} ${took()}\n     ${String(err && err.stack ? err.stack : err).split("\n").join("\n     ")}`);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** The last check of a script: the page's console errors and its requests to other origins. */
function checkNoErrors(errors, offsite) {
  return check("no errors in the console and nothing loaded from elsewhere", async () => {
    assert(errors.length === 0, errors.join("\n"));
    assert(offsite.length === 0, `off-site requests: ${offsite.join(", ")}`);
  });
}

/** Runs `main`, prints the closing line and exits with the result. */
function run(main) {
  main()
    .then(() => {
      const failed = results.filter(([, e]) => e).length;
      console.log(`\n${results.length - failed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    })
    .catch((err) => {
      console.error(err);
      console.log("\n0 passed, 1 failed");
      process.exit(1);
    });
}

// A finger's swipe from (x, y) by (dx, dy) CSS pixels, as a touch screen sends it: real touch
// events through the DevTools protocol (`cdp`, a session on `page`), where page.mouse is a mouse.
async function swipe(page, cdp, x, y, dx, dy) {
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  for (let k = 1; k <= 10; k++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: x + (dx * k) / 10, y: y + (dy * k) / 10 }] });
    await page.waitForTimeout(16);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

module.exports = { check, assert, checkNoErrors, run, swipe };
