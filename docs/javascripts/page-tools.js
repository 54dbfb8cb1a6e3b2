// Tools of a problem page, on the blocks templates/derivatives.md.j2 writes: "Try it first" hides
// every derivation (.mcd-solution) behind its own "Show the solution" button, and the summary under
// the title (.mcd-summary, problem.md.j2) while every derivation is hidden: it often states the
// answer ("... has the Hessian X^T D X"). Each result's
// lead-in (.mcd-result) gets a "Copy LaTeX" button for the TeX the build put, percent-encoded, in
// its data-tex attribute.
// Without JavaScript none of this appears and the page shows everything.
(function () {
  "use strict";

  // Exercise mode is remembered across pages (a student works through a topic), until turned off.
  var KEY = "mcdocgen.exercise";
  var TOGGLE = "Try it first: hide the solutions";

  function remembered() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }

  function remember(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, "on"); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage refused (private mode): the mode lasts for this page */ }
  }

  function button(className, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = text;
    return b;
  }

  function showSolution(reveal, solution, shown) {
    solution.hidden = !shown;
    reveal.setAttribute("aria-expanded", String(shown));
    reveal.textContent = shown ? "Hide the solution" : "Show the solution";
  }

  function exerciseMode() {
    var solutions = Array.prototype.slice.call(document.querySelectorAll(".mcd-solution"));
    if (solutions.length === 0) { return; }
    var summaries = Array.prototype.slice.call(document.querySelectorAll(".mcd-summary"));
    function syncSummaries() {
      var allHidden = solutions.every(function (solution) { return solution.hidden; });
      summaries.forEach(function (summary) { summary.hidden = allHidden; });
    }
    // The control goes before the heading of the first derivation: after the problem, near the top.
    var first = solutions[0].previousElementSibling;
    var anchor = first && /^H[1-6]$/.test(first.tagName) ? first : solutions[0];
    var slot = document.createElement("p");
    slot.className = "mcd-exercise";
    anchor.parentNode.insertBefore(slot, anchor);
    var toggle = button("md-button mcd-exercise__toggle", TOGGLE);
    var reveals = solutions.map(function (solution, i) {
      solution.id = solution.id || "mcd-solution-" + (i + 1);
      var reveal = button("md-button mcd-reveal", "Show the solution");
      reveal.setAttribute("aria-controls", solution.id);
      reveal.addEventListener("click", function () {
        showSolution(reveal, solution, solution.hidden);
        syncSummaries();
      });
      solution.parentNode.insertBefore(reveal, solution);
      return reveal;
    });

    function setMode(on) {
      toggle.setAttribute("aria-pressed", String(on));
      solutions.forEach(function (solution, i) {
        reveals[i].hidden = !on;
        showSolution(reveals[i], solution, !on);
      });
      syncSummaries();
    }

    toggle.addEventListener("click", function () {
      var on = toggle.getAttribute("aria-pressed") !== "true";
      remember(on);
      setMode(on);
    });
    slot.appendChild(toggle);
    setMode(remembered());

    // A link into a hidden derivation (the table of contents, a shared #anchor) opens it.
    function openTarget() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id && document.getElementById(id);
      solutions.forEach(function (solution, i) {
        if (target && solution.hidden && solution.contains(target)) {
          showSolution(reveals[i], solution, true);
          target.scrollIntoView();
        }
      });
      syncSummaries();
    }
    window.addEventListener("hashchange", openTarget);
    openTarget();
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {  // file:// in some browsers, plain http
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function copyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll(".mcd-result[data-tex]"), function (result) {
      var copy = button("mcd-copy", "Copy LaTeX");
      copy.title = "Copy the LaTeX of this result";
      var status = document.createElement("span");
      status.className = "mcd-copy__status";
      status.setAttribute("role", "status");
      var timer = null;
      copy.addEventListener("click", function () {
        copyText(decodeURIComponent(result.getAttribute("data-tex"))).then(function () {
          copy.textContent = "Copied";
          status.textContent = "LaTeX copied";
        }, function () {
          copy.textContent = "Copy failed";
          status.textContent = "The LaTeX could not be copied";
        });
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          copy.textContent = "Copy LaTeX";
          status.textContent = "";
        }, 2500);
      });
      result.appendChild(document.createTextNode(" "));
      result.appendChild(copy);
      result.appendChild(status);
    });
  }

  // content-visibility (extra.css) lays out the parts of a derivation only near the screen, so the
  // heights above a link's target are guesses and a jump would land short of it: before a jump every
  // part is laid out (once: as much work as a page without it), then the target is scrolled to.
  function land() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target) {
      document.documentElement.classList.add("mcd-laid-out");
      target.scrollIntoView();
    }
  }

  exerciseMode();   // first: its hashchange listener opens a hidden derivation before land() scrolls
  copyButtons();
  window.addEventListener("hashchange", land);
  land();
})();
