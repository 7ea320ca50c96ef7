/* Stride: sizes every <iframe data-stride> on this page to the height its page reports.
   Include once: <script src="…/embed.js" defer></script>. No dependencies. */
addEventListener("message", function (e) {
  var d = e.data, f = document.querySelectorAll("iframe[data-stride]"), i;
  // Only Stride's one message, from one of its own frames, with a sane height.
  if (!d || d.type !== "stride:height" || typeof d.height !== "number" || !(d.height > 0 && d.height < 1e5)) return;
  for (i = 0; i < f.length; i++) {
    if (f[i].contentWindow === e.source) {
      f[i].style.boxSizing = "content-box"; // a border stays outside the height the page needs
      f[i].style.height = Math.ceil(d.height) + "px";
    }
  }
});
