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

  /* the worker starts with its first message: Material sends the index once it has it */
  const RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (new URL(url, location.href).href !== workerUrl) return new RealWorker(url, options);
    const stub = new EventTarget();
    let real = null;
    stub.postMessage = (message, transfer) => {
      if (!real) {
        real = new RealWorker(url, options);
        real.addEventListener("message", e => stub.dispatchEvent(new MessageEvent("message", { data: e.data })));
      }
      real.postMessage(message, transfer);
    };
    stub.terminate = () => real && real.terminate();
    return stub;
  };
})();
