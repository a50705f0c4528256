/* Every page: register the service worker (served from the root: scope /), and the small
   IndexedDB store the offline pages share (docs/decisions/0110):
     lists  — the day's hand-over list per drive and site (first names, codes): deleted when
              the day is over and on log-out;
     queue  — what was done offline and waits to be sent: kept until sent (a reload or a
              phone restart does not lose it), never holding more than codes and nonces. */
(function () {
  "use strict";
  var me = document.currentScript;
  var DB_NAME = "wspolnie-offline", opening = null;

  function open() {
    if (!window.indexedDB) return Promise.reject(new Error("no IndexedDB"));
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var req = indexedDB.open(DB_NAME, 1);
        req.onupgradeneeded = function () {
          req.result.createObjectStore("lists", {keyPath: "key"});
          req.result.createObjectStore("queue", {keyPath: "nonce"});
        };
        req.onsuccess = function () { resolve(req.result); };
        req.onerror = function () { opening = null; reject(req.error); };
      });
    }
    return opening;
  }
  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode), result;
        var req = work(tx.objectStore(store));
        if (req) req.onsuccess = function () { result = req.result; };
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }
  var DB = {
    get: function (store, key) { return run(store, "readonly", function (s) { return s.get(key); }); },
    all: function (store) { return run(store, "readonly", function (s) { return s.getAll(); }); },
    put: function (store, value) { return run(store, "readwrite", function (s) { return s.put(value); }); },
    del: function (store, key) { return run(store, "readwrite", function (s) { return s.delete(key); }); },
    clear: function (store) { return run(store, "readwrite", function (s) { return s.clear(); }); },
    today: function () {  // the device's local date, as the server's list "day"
      var d = new Date();
      return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
    }
  };
  window.WspolnieDB = DB;

  // The day is over: yesterday's lists go (the queue stays until it is sent).
  DB.all("lists").then(function (lists) {
    lists.forEach(function (list) { if (list.day !== DB.today()) DB.del("lists", list.key); });
  }).catch(function () { /* no IndexedDB (private mode): nothing stored */ });

  // Log-out forgets the lists and the cached pages, then logs out.
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!me || !form.action || new URL(form.action, location.href).pathname !== me.dataset.logout) return;
    if (form.dataset.cleared) return;
    evt.preventDefault();
    form.dataset.cleared = "1";
    var done = function () { form.submit(); };
    if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("logout");
    DB.clear("lists").then(done, done);
  });

  if ("serviceWorker" in navigator && me && me.dataset.sw) {
    navigator.serviceWorker.register(me.dataset.sw, {scope: "/"}).catch(function () { /* http: no worker */ });
  }
})();
