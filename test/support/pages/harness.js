// Page-side recorder for the e2e suite: what the page's own handlers saw, and the bytes.
window.__events = [];
window.__received = [];
(function () {
  function b64(buf) {
    var bytes = new Uint8Array(buf), s = '';
    for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }
  window.__record = function (via, files) {
    var list = Array.prototype.slice.call(files || []);
    window.__events.push(via + ':' + list.length);
    return Promise.all(list.map(function (f) {
      return f.arrayBuffer().then(function (buf) { return { name: f.name, type: f.type, size: f.size, b64: b64(buf) }; });
    })).then(function (items) { if (items.length) window.__received.push({ via: via, files: items }); });
  };
  // A page capture listener registered as early as a page can: it must not see held events either.
  window.addEventListener('change', function (e) {
    if (e.target && e.target.type === 'file') window.__events.push('page-capture-change:' + e.target.files.length);
  }, true);
})();
