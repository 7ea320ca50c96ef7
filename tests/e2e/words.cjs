// The words a reader sees on the first screen, counted by one rule every time: each text node
// whose box, cut to every ancestor that clips (overflow, a closed <details>, the visually-hidden
// 1-px box), still meets the viewport counts its words, a word being a run of non-spaces holding
// a letter or digit; a closed menu counts the option it shows.
"use strict";

async function firstScreenWords(page) {
  return page.evaluate(() => {
    const W = innerWidth, H = innerHeight;
    const onScreen = (rects) => [...rects].some((b) => b.width > 1 && b.height > 1 && b.right > 0 && b.bottom > 0 && b.left < W && b.top < H);
    // A box cut to the ancestors that clip what overflows them.
    const clipped = (el, b) => {
      let [l, t, r, btm] = [b.left, b.top, b.right, b.bottom];
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX !== "visible" || cs.overflowY !== "visible" || cs.clip.startsWith("rect")) {
          const c = a.getBoundingClientRect();
          l = Math.max(l, c.left); t = Math.max(t, c.top); r = Math.min(r, c.right); btm = Math.min(btm, c.bottom);
        }
      }
      return { width: r - l, height: btm - t, left: l, top: t, right: r, bottom: btm };
    };
    const count = (t) => t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    const parts = [];
    let words = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("script, style, select, [aria-hidden='true']")) continue;
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      const r = document.createRange();
      r.selectNodeContents(n);
      if (!onScreen([...r.getClientRects()].map((b) => clipped(el, b)))) continue;
      const k = count(n.textContent);
      if (k) { words += k; parts.push(n.textContent.trim()); }
    }
    for (const s of document.querySelectorAll("select")) {
      if (!onScreen(s.getClientRects())) continue;
      const t = s.selectedOptions[0]?.text || "";
      const k = count(t);
      if (k) { words += k; parts.push(`[${t}]`); }
    }
    return { words, parts };
  });
}

module.exports = { firstScreenWords };
