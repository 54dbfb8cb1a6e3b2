/* Small accessibility fixes Material's markup leaves to the site (issue 14):
   - the search dialog gets a name (axe: aria-dialog-name);
   - each table cell gets its column's name as data-label, which extra.css shows when a phone
     stacks the cells of a row. */
(function () {
  /* A header's text as a reader sees it: each formula by its readable twin (.math-text), not by
     its MathML, which textContent would run together ("xxxx"). */
  function label(th) {
    var copy = th.cloneNode(true);
    copy.querySelectorAll('.arithmatex').forEach(function (math) {
      var text = math.querySelector('.math-text');
      math.replaceWith(document.createTextNode(text ? text.textContent : ''));
    });
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }

  function fix() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute('aria-label', 'Search');
    });
    document.querySelectorAll('.md-typeset table:not([class])').forEach(function (table) {
      var names = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
        return label(th);
      });
      table.querySelectorAll('tbody tr').forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          cell.setAttribute('data-label', names[i] || '');
        });
      });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', fix);
  } else {
    fix();
  }
})();
