// MathJax 3.2.2 configuration for the mcdocgen site (served from vendor/mathjax/, no CDN).
//
// pymdownx.arithmatex (generic mode) wraps inline math as <span class="arithmatex">\(...\)</span>
// and display math as <div class="arithmatex">\[...\]</div>; only those elements are typeset.
// MathJax must not typeset on its own at startup: Material emits document$ once per page, and
// typesetting from there only is what renders reliably (Material's documented clearCache
// snippet leaves the math blank with a local tex-chtml bundle).
// When a page is done, <html data-mathjax="ready"> is set (or "error"), for tests and readers.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
    macros: {
      bm: ["\\boldsymbol{#1}", 1]   // as the LaTeX bm package used by the handouts
    }
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex"
  },
  startup: {
    typeset: false
  }
};

document$.subscribe(function () {
  var root = document.documentElement;
  root.removeAttribute("data-mathjax");
  MathJax.startup.promise
    .then(function () {
      MathJax.typesetClear();
      MathJax.texReset();
      return MathJax.typesetPromise();
    })
    .then(function () {
      root.setAttribute("data-mathjax", "ready");
    })
    .catch(function (err) {
      root.setAttribute("data-mathjax", "error");
      console.error("MathJax typesetting failed:", err);
    });
});
