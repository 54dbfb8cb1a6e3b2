// The site's formulas as native MathML (Temml), with the repairs Chromium needs to draw them as
// KaTeX's HTML did (bench/mathml.md). Run by publish/katex.py Renderer as
//     node mathml.js TEMML_FOLDER MACROS_JSON
// it writes {"version": ...} as its first line, then answers each line of [[tex, display], ...]
// (one page's formulas) with one line of [{"html": mathml} or {"error": message}, ...].
// bench/bench_mathml.py requires it for render().
//
// 1. \mathopen{} is dropped: it only makes KaTeX treat the next \left( as an opening atom, but
//    Temml puts a thin space after an operator name followed by it (TeX's rule for a non-fence).
// 2. A \left..\right pair around content no taller than a line (no fraction, matrix, root,
//    under/over script) becomes stretchy="false": Chromium stretches a fence to its neighbours'
//    line boxes, so always picks a larger, wider size variant ("diag ( cos ( u ) )").
//    An empty fence (\left. or \right.) gets no operator spacing.
// 3. An inline formula becomes several <math> elements, cut at top-level \allowbreak and after
//    top-level relations and binary operators (Temml's wrap: "tex" groups): Chromium never breaks
//    a line inside <math>, and KaTeX's HTML breaks at those places.
"use strict";
const path = require("path");
const main = require.main === module;
const temml = require(path.join(main ? path.resolve(process.argv[2]) : path.join(__dirname, "..", "..", "node_modules", "temml"),
                                "dist", "temml.cjs"));
const MACROS = main ? JSON.parse(process.argv[3]) : {"\\bm": "\\boldsymbol{#1}"};
const OPTIONS = {throwOnError: true, strict: true, trust: false};
const TALL = /<(mfrac|mtable|msqrt|mroot|munder|mover|munderover)[ >]/;
const STRETCHY_PAIR = new RegExp(
  '<mrow><mo fence="true" form="prefix" stretchy="true">([^<]*)</mo>'
  + '((?:(?!<mrow><mo fence="true" form="prefix" stretchy="true">).)*?)'
  + '<mo fence="true" form="postfix" stretchy="true">([^<]*)</mo></mrow>', "s");
const TALL_MARK = "\u0000", DONE_MARK = "\u0001";

function fences(mml) {
  // innermost pair first (its content holds no unvisited pair); a tall pair marks itself so that
  // every pair around it stays stretchy too
  let out = mml;
  for (let guard = 0; guard < 10000; guard++) {
    const m = STRETCHY_PAIR.exec(out);
    if (!m) break;
    const tall = TALL.test(m[2]) || m[2].includes(TALL_MARK);
    const s = tall ? "true" : "false";
    out = out.slice(0, m.index)
      + `<mrow>${DONE_MARK}<mo fence="true" form="prefix" stretchy="${s}">${m[1]}</mo>${m[2]}`
      + `<mo fence="true" form="postfix" stretchy="${s}">${m[3]}</mo>${tall ? TALL_MARK : ""}</mrow>`
      + out.slice(m.index + m[0].length);
  }
  return out.replace(/[\u0000\u0001]/g, "").replace(
    /<mo fence="true" form="(prefix|postfix)" stretchy="(true|false)"><\/mo>/g,
    '<mo fence="true" form="$1" stretchy="$2" lspace="0em" rspace="0em"></mo>');
}

function pieces(tex) {
  // tex cut at each \allowbreak outside braces and \left..\right
  const out = [];
  let depth = 0, start = 0, m;
  const token = /\\left\b|\\right\b|\\allowbreak(?:\{\})?|\\[{}]|[{}]/g;
  while ((m = token.exec(tex))) {
    const t = m[0];
    if (t === "{" || t === "\\left") depth++;
    else if (t === "}" || t === "\\right") depth--;
    else if (t.startsWith("\\allowbreak") && depth === 0) {
      out.push(tex.slice(start, m.index));
      start = m.index + t.length;
    }
  }
  out.push(tex.slice(start));
  return out.filter((s) => s.trim());
}

function blocks(mml) {
  // the top-level children of <math>
  const inner = mml.replace(/^<math>/, "").replace(/<\/math>$/, "");
  const out = [];
  let depth = 0, start = 0, m;
  const tag = /<(\/?)([a-z]+)[^>]*?(\/?)>/g;
  while ((m = tag.exec(inner))) {
    if (m[3]) continue;
    if (m[1]) {
      if (--depth === 0) { out.push(inner.slice(start, tag.lastIndex)); }
    } else {
      if (depth++ === 0) start = m.index;
    }
  }
  return out;
}

function render(tex, display) {
  tex = tex.replace(/\\mathopen\{\}/g, "");
  if (display) return fences(temml.renderToString(tex, {...OPTIONS, displayMode: true, macros: {...MACROS}}));
  const parts = [];
  for (const piece of pieces(tex)) {
    const mml = fences(temml.renderToString(piece, {...OPTIONS, wrap: "tex", macros: {...MACROS}}));
    const bs = blocks(mml);
    if (bs.length > 1 && bs.every((b) => b.startsWith("<mrow>"))) parts.push(...bs.map((b) => `<math>${b}</math>`));
    else parts.push(mml);
  }
  return parts.join("");
}

module.exports = {render, pieces, blocks, fences};

if (main) {
  process.stdout.write(JSON.stringify({version: temml.version}) + "\n");
  require("readline").createInterface({input: process.stdin, crlfDelay: Infinity}).on("line", (line) => {
    const replies = JSON.parse(line).map(([tex, display]) => {
      try {
        return {html: render(tex, display)};
      } catch (err) {
        return {error: String(err && err.message || err)};
      }
    });
    process.stdout.write(JSON.stringify(replies) + "\n");
  });
}
