// The site's formulas as native MathML (Temml), with the repairs Chromium needs to draw them as
// KaTeX's HTML did (bench/mathml.md). Run by publish/mathml.py Renderer as
//     node mathml.js TEMML_FOLDER MACROS_JSON
// it writes {"version": ...} as its first line, then answers each line of [[tex, display], ...]
// (one page's formulas) with one line of [{"html": mathml} or {"error": message}, ...].
//
// 1. \mathopen{} is dropped: it only makes KaTeX treat the next \left( as an opening atom, but
//    Temml puts a thin space after an operator name followed by it (TeX's rule for a non-fence).
// 2. A \left..\right pair around content no taller than a line (no fraction, matrix, root,
//    under/over script) becomes stretchy="false": Chromium stretches a fence to its neighbours'
//    line boxes, so always picks a larger, wider size variant ("diag ( cos ( u ) )").
//    An empty fence (\left. or \right.) gets no operator spacing.
// 3. An inline formula becomes several <math> elements, cut at top-level \allowbreak and after
//    top-level relations and binary operators (Temml's wrap: "tex" groups): Chromium never breaks
//    a line inside <math>, and KaTeX's HTML breaks at those places. Never after a function name
//    (Temml's wrap cuts after its invisible function application): "tr" stays with "(A)". Nor after
//    an elementwise product or quotient (∘, ⊘) with a short operand on either side: "T ⊘" | "M" split
//    a two-letter term at 390 px (review s37 C-1); a product binds tighter than the = and + around it.
// 4. compact(): attributes that draw nothing go (a fifth of the bytes; screenshots identical,
//    bench/mathml.md): a form="prefix"/"postfix" that MathML Core infers anyway (the <mo> is the
//    first/last child of an <mrow> of two or more non-space-like children); fence="true" and
//    separator="true" where the operator dictionary says so already; padding-left/right:0em of an
//    <mtd> (the stylesheet's mtd rule; the UA's 0.4em written out where Temml wrote none); a
//    display math's style="display:block math;" (the stylesheet's math.tml-display rule);
//    stretchy="false" on an operator that no entry of the dictionary makes stretchy (a minus, an
//    equals sign: Temml writes it on every "-" of the TeX, for TeX's sake) outside an under/over
//    script; lspace="0em" rspace="0em" on a prefix minus or plus (Temml's unary minus in a script),
//    the spacing of the dictionary's prefix entry. Fences keep their stretchy="false": Chromium
//    stretches a stretchy fence to its neighbours, which changes its size (item 2).
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

// the operator dictionary's fences (prefix and postfix forms) and separators: the attribute repeats it
const DICT_FENCES = new Set([..."()[]{}|‖⟨⟩⌈⌉⌊⌋⟦⟧"]);
const DICT_SEPARATORS = new Set([",", ";"]);
// operators stretchy in no form of the dictionary; and those whose prefix entry has no spacing
const NEVER_STRETCHY = new Set([..."+−=,;.:⋅·∘×⊗⊙⊕≤≥≈≠<>!"]);
const PREFIX_UNSPACED = new Set(["+", "−"]);
const SCRIPTS_UNDER_OVER = new Set(["munder", "mover", "munderover"]);
const SPACE_LIKE = new Set(["mspace", "mtext"]);
const SPACE_LIKE_IF_CHILDREN = new Set(["mrow", "mstyle", "mphantom", "mpadded"]);
const NODE = /<(\/?)([a-z]+)((?:\s+[a-z-]+="[^"]*")*)\s*>|[^<]+/g;

function parse(mml) {
  // Temml's MathML as a tree: {tag, attrs: [[name, value]], children} or a text string
  const root = {tag: "", attrs: [], children: []}, stack = [root];
  let m;
  NODE.lastIndex = 0;
  while ((m = NODE.exec(mml))) {
    const top = stack[stack.length - 1];
    if (m[2] === undefined) top.children.push(m[0]);
    else if (m[1]) {
      if (top.tag !== m[2]) throw new Error(`compact: </${m[2]}> closes <${top.tag}>`);
      stack.pop();
    } else {
      const node = {tag: m[2], attrs: [...m[3].matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]), children: []};
      top.children.push(node);
      stack.push(node);
    }
  }
  if (stack.length !== 1 || NODE.lastIndex !== 0) throw new Error("compact: unbalanced MathML");
  return root.children;
}

function serialize(nodes) {
  return nodes.map((n) => typeof n === "string" ? n
    : `<${n.tag}${n.attrs.map(([k, v]) => ` ${k}="${v}"`).join("")}>${serialize(n.children)}</${n.tag}>`).join("");
}

const attr = (node, name) => (node.attrs.find(([k]) => k === name) || [])[1];
const drop = (node, ...names) => { node.attrs = node.attrs.filter(([k]) => !names.includes(k)); };
const elements = (node) => node.children.filter((c) => typeof c !== "string");
const spaceLike = (node) => SPACE_LIKE.has(node.tag)
  || (SPACE_LIKE_IF_CHILDREN.has(node.tag) && elements(node).every(spaceLike));

function compactNode(node, parent) {
  const kids = elements(node);
  kids.forEach((kid) => compactNode(kid, node));
  if (node.tag === "mo") {
    const text = node.children.join(""), form = attr(node, "form");
    const siblings = parent && parent.tag === "mrow" ? elements(parent) : [];
    const inferred = siblings.filter((s) => !spaceLike(s)).length < 2 ? null
      : siblings[0] === node ? "prefix" : siblings[siblings.length - 1] === node ? "postfix" : null;
    if ((form === "prefix" || form === "postfix") && attr(node, "fence") === "true" && DICT_FENCES.has(text)) drop(node, "fence");
    if (form !== undefined && form === inferred) drop(node, "form");
    if (attr(node, "separator") === "true" && DICT_SEPARATORS.has(text)) drop(node, "separator");
    if (attr(node, "stretchy") === "false" && NEVER_STRETCHY.has(text) && !(parent && SCRIPTS_UNDER_OVER.has(parent.tag))) {
      drop(node, "stretchy");
    }
    if ((form || inferred) === "prefix" && PREFIX_UNSPACED.has(text) && attr(node, "lspace") === "0em"
        && attr(node, "rspace") === "0em") drop(node, "lspace", "rspace");
  } else if (node.tag === "mtd") {
    const decls = (attr(node, "style") || "").split(";").filter((d) => d);
    const kept = decls.filter((d) => d !== "padding-left:0em" && d !== "padding-right:0em");
    for (const side of ["padding-left", "padding-right"]) {
      if (!decls.some((d) => d.startsWith(side + ":"))) kept.push(side + ":0.4em");  // the UA's
    }
    drop(node, "style");
    if (kept.length) node.attrs.push(["style", kept.map((d) => d + ";").join("")]);
  } else if (node.tag === "math" && attr(node, "display") === "block"
             && (attr(node, "class") || "").split(" ").includes("tml-display")
             && attr(node, "style") === "display:block math;") {
    drop(node, "style");
  }
}

function compact(mml) {
  const nodes = parse(mml);
  if (serialize(nodes) !== mml) throw new Error("compact: MathML the parser does not read back");
  nodes.forEach((n) => typeof n !== "string" && compactNode(n, null));
  return serialize(nodes);
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

// the invisible function application that ends a block, with the thin space Temml sets after a name
// that no bracket follows ("vec Y")
const APPLIED = /<mo>\u2061<\/mo>(<mspace width="0\.1667em"><\/mspace>)?<\/mrow>$/;

function applied(bs) {
  // Temml's wrap cuts after every top-level <mo>, the invisible function application (U+2061) too: a block
  // ending in it stays with the next, so that no line breaks between "tr" and "(A)", nor "vec" and "Y"
  const out = [];
  for (const b of bs) {
    if (out.length && APPLIED.test(out[out.length - 1])) out[out.length - 1] += b;
    else out.push(b);
  }
  return out;
}

// a block that ends in an elementwise product or quotient sign
const HADAMARD = /<mo>[\u2218\u2298]<\/mo><\/mrow>$/;
// an operand this short (glyphs, signs not counted) is not left alone on a line by a cut after ∘ or ⊘
const SHORT = 2;

function glyphs(block) {
  // the glyphs a block draws, the sign that ends it (Temml's cut point) left out
  const text = block.replace(/<mo>[^<]*<\/mo><\/mrow>$/, "").replace(/<[^>]*>/g, "").replace(/[\u2061-\u2063]/g, "");
  return Array.from(text).length;
}

function hadamard(bs) {
  // a cut after ∘ or ⊘ is taken back where the operand before it or after it is short: "T ⊘ M" stays whole
  const out = [];
  for (const b of bs) {
    const last = out[out.length - 1];
    if (out.length && HADAMARD.test(last) && (glyphs(last) <= SHORT || glyphs(b) <= SHORT)) out[out.length - 1] += b;
    else out.push(b);
  }
  return out;
}

function unspaced(mml) {
  // a name that ends the formula ("$\operatorname{vec}$, so") has no argument to keep apart: no thin
  // space before the text after it ("vec ,", review s36 C-3)
  return mml.replace(/(<mo>\u2061<\/mo>)<mspace width="0\.1667em"><\/mspace>((?:<\/mrow>)*<\/math>)$/, "$1$2");
}

function render(tex, display) {
  tex = tex.replace(/\\mathopen\{\}/g, "");
  if (display) return compact(fences(temml.renderToString(tex, {...OPTIONS, displayMode: true, macros: {...MACROS}})));
  const parts = [];
  for (const piece of pieces(tex)) {
    const mml = fences(temml.renderToString(piece, {...OPTIONS, wrap: "tex", macros: {...MACROS}}));
    const bs = blocks(mml);
    if (bs.length > 1 && bs.every((b) => b.startsWith("<mrow>"))) parts.push(...hadamard(applied(bs)).map((b) => `<math>${b}</math>`));
    else parts.push(mml);
  }
  return compact(unspaced(parts.join("")));
}

module.exports = {render, pieces, blocks, applied, hadamard, unspaced, fences, compact, parse, serialize};

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
