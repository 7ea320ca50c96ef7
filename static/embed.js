/* Stride: sizes every <iframe data-stride> on this page to the height its page reports, and
   tells each the site's theme when the site has its own light/dark toggle (MkDocs Material's
   palette: <body data-md-color-scheme="default|slate">). Include once:
   <script src="…/embed.js" defer></script>. No dependencies. */
(function () {
  var SCHEMES = { "default": "light", slate: "dark" }, MAX = 20000;
  function frames() { return document.querySelectorAll("iframe[data-stride]"); }
  // A theme is no secret, so it goes to whatever the frame holds ("*"), as the height does.
  function tell(f) {
    var t = document.body && SCHEMES[document.body.getAttribute("data-md-color-scheme")];
    if (t && f.contentWindow) f.contentWindow.postMessage({ type: "stride:theme", theme: t }, "*");
  }
  addEventListener("message", function (e) {
    var d = e.data, f = frames(), i;
    // Only Stride's one message, from one of its own frames, with a sane height (capped, so
    // no frame can make the page absurdly long).
    if (!d || d.type !== "stride:height" || typeof d.height !== "number" || !(d.height > 0 && d.height < Infinity)) return;
    for (i = 0; i < f.length; i++) {
      if (f[i].contentWindow === e.source) {
        f[i].style.boxSizing = "content-box"; // a border stays outside the height the page needs
        f[i].style.height = Math.ceil(Math.min(d.height, MAX)) + "px";
        // A height means the page is up and listening (a reloaded frame too): the theme now.
        tell(f[i]);
      }
    }
  });
  function watch() {
    new MutationObserver(function () {
      var f = frames(), i;
      for (i = 0; i < f.length; i++) tell(f[i]);
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }
  if (document.body) watch(); else addEventListener("DOMContentLoaded", watch);
})();
