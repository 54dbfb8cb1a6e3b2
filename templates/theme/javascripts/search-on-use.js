/* Search on use. Material's bundle fetches the search index (the largest file of the site) and
   starts its search worker as soon as a page loads, on every page; here both wait until the reader
   opens the search box. Material does the same itself for pages opened from disk (file:), not over
   http. Only two browser calls are wrapped, never Material's code: should Material fetch otherwise,
   the index loads at once, as it used to. */
(() => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const index = new URL("search/search_index.json", new URL(config.base, location.href)).href;
  const workerUrl = new URL(config.search, location.href).href;
  let opened = false;
  const waiting = [];
  const open = () => {
    if (!opened) {
      opened = true;
      waiting.splice(0).forEach(go => go());
    }
  };
  /* the box opens through its toggle (a click, Material's "s" and "/" keys) or its field's focus */
  document.addEventListener("change", e => e.target.id === "__search" && e.target.checked && open(), true);
  document.addEventListener("focusin", e => e.target.matches("[data-md-component=search-query]") && open(), true);
  /* a search link (?q=) and a result opened with its terms to highlight (?h=, search.highlight) need it now */
  const params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) open();

  const later = new WeakSet();
  const { open: xhrOpen, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (new URL(url, location.href).href === index) later.add(this);
    return xhrOpen.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (opened || !later.has(this)) return send.apply(this, args);
    waiting.push(() => send.apply(this, args));
  };

  /* A query as students type it, in the words the index holds. Lunr reads ^ ~ : + - * as operators
     (x^T is "x boosted by T", a query error: no result at all); the index spells formulas out
     (x^T A x (transpose), X^-1 (inverse)): a transpose and an inverse become those words, the other
     operators spaces. A single letter is searched as itself, not as the start of every word (x*). */
  const QUERY = 2;   /* Material's SearchMessageType.QUERY */
  /* Words every problem page answers to (a derivative, of something, by something): a tag such as
     "second derivative" would otherwise outrank the page of what the query names. Dropped where the
     query has other words ("gradient of log det" looks for "log det"), kept where it has none. */
  const GENERIC = new Set(["derivative", "derivatives", "gradient", "gradients", "differentiate",
    "differentiating", "differential", "partial", "of", "the", "an", "with", "respect", "to", "wrt",
    "by", "in", "for", "what", "is", "how", "find", "compute", "calculate", "dx", "do", "does"]);
  const spell = text => text
    .replace(/\^\s*\{?\s*-\s*(?:T|\\top)\s*\}?|⁻ᵀ/g, " inverse transpose ")
    .replace(/\^\s*\{?\s*(?:T|\\top|⊤)\s*\}?(?![A-Za-z])|ᵀ|\.T\b/g, " transpose ")
    .replace(/\^\s*\{?\s*-\s*1\s*\}?|⁻¹/g, " inverse ")
    .replace(/(?:\|\||‖)([^|‖]*)(?:\|\||‖)\s*(?:\^\s*2|²)/g, " $1 squared norm ")
    .replace(/\|\||‖/g, " norm ");
  const clean = query => spell(query)
    .replace(/[\^~:+\-*@]+/g, " ")
    .replace(/(^|\s)([A-Za-z0-9])(?=\s|$)/g, "$1$2^1")
    .replace(/\s+/g, " ")
    .trim()
    .split(" ")
    .filter((word, i, words) => !GENERIC.has(word.replace(/\^1$/, "").toLowerCase())
      || words.every(w => GENERIC.has(w.replace(/\^1$/, "").toLowerCase())))
    .join(" ");
  window.mcdocgenSearchQuery = clean;   /* for the browser test of the cleaning */

  /* A page with a search word written as math (the catalog's keywords, publish.page.search_keywords:
     "x transpose A x", "tr(AX)", "log det") that the query contains comes first: "gradient of x^T A x"
     names the page with "x transpose A x", where lunr, word by word, prefers pages with the rarer
     word "transposed". The longer formula first, then the catalog's earlier problem (its search
     boost: the basic results come first), then lunr's order. Words such as "quadratic form" are
     left to lunr's ranking (many pages have them), and so is a search of one word. */
  const SAME = { determinant: "det", trace: "tr", ln: "log", logarithm: "log" };
  const words = text => ` ${spell(text.replace(/<\/?mark>/g, "")).toLowerCase()   /* the worker marks matches */
    .replace(/[^a-z0-9']+/g, " ").trim().split(" ").map(w => SAME[w] || w).join(" ")} `;
  const FORMULA = / [a-z] | tr | det | inv | diag | vec |[0-9]/;   /* a variable, an operator, a power */
  const RESULT = 3;   /* Material's SearchMessageType.RESULT */
  const rerank = (query, items) => {
    const asked = words(query);
    if (asked.trim().split(" ").length < 2) return items;
    const formula = group => {
      const page = group.find(item => !item.location.includes("#")) || group[0];
      return Math.max(0, ...(page.keywords || []).map(words)
        .filter(k => FORMULA.test(k) && asked.includes(k)).map(k => k.trim().split(" ").length));
    };
    const boost = group => Math.max(...group.map(item => item.boost || 1));
    return items.map((group, i) => ({ group, i, f: formula(group), b: boost(group) }))
      .sort((x, y) => y.f - x.f || (x.f && y.f ? y.b - x.b : 0) || x.i - y.i)
      .map(x => x.group);
  };
  /* the query the results are ranked for: the one in the box (a result of an older query, still
     on its way, is replaced by the newer one's as soon as that arrives) */
  const typed = () => (document.querySelector("[data-md-component=search-query]") || {}).value || "";

  /* the worker starts with its first message: Material sends the index once it has it */
  const RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (new URL(url, location.href).href !== workerUrl) return new RealWorker(url, options);
    const stub = new EventTarget();
    let real = null;
    stub.postMessage = (message, transfer) => {
      if (!real) {
        real = new RealWorker(url, options);
        real.addEventListener("message", e => {
          let data = e.data;
          if (data && data.type === RESULT && data.data && Array.isArray(data.data.items))
            data = { ...data, data: { ...data.data, items: rerank(typed(), data.data.items) } };
          stub.dispatchEvent(new MessageEvent("message", { data }));
        });
      }
      const query = message && message.type === QUERY && typeof message.data === "string";
      real.postMessage(query ? { ...message, data: clean(message.data) } : message, transfer);
    };
    stub.terminate = () => real && real.terminate();
    return stub;
  };
})();
