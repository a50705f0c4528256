/* Offline hand-over and scanning (docs/decisions/0110).
   Hand-over page: "download today's list" keeps the site's list in IndexedDB (pwa.js) and
   this page in the worker's cache. Without the network a code is decided against that list,
   confirmed, and queued with its nonce and the device time ("offline — zapisano, wyślemy");
   /scan queues the scan itself. Back online the queue is sent to the same idempotent
   endpoints (the nonce makes a resend harmless); the server flags codes handed over twice. */
(function () {
  "use strict";
  var root = document.getElementById("scanner");
  var panel = document.getElementById("offline-panel");
  var DB = window.WspolnieDB;
  if (!root || !panel || !DB || !root.dataset.offline) return;
  var kind = root.dataset.offline;  // "handover" or "scan"
  var form = document.getElementById("scan-form");
  var input = document.getElementById("scan-code");
  var result = document.getElementById("scan-result");
  var status = document.getElementById("offline-status");
  var queueLine = document.getElementById("offline-queue");
  var user = root.dataset.user;
  var listKey = root.dataset.drive + ":" + root.dataset.site;
  var sending = false;

  function t(name, values) {
    var text = panel.dataset["t" + name.charAt(0).toUpperCase() + name.slice(1)] || name;
    Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
    return text;
  }
  function nonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  // Codes as the server reads them: a QR link's token, Crockford's I/L→1, O→0, U→V.
  function normal(code) {
    code = (code || "").trim();
    var at = code.indexOf("/q/");
    if (at >= 0) code = code.slice(at + 3);
    if (/^\d+$/.test(code)) return code;
    return code.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0").replace(/U/g, "V");
  }

  function mine(items) { return items.filter(function (i) { return i.user === user; }); }
  function showQueue() {
    return DB.all("queue").then(function (items) {
      var n = mine(items).length;
      queueLine.hidden = n === 0;
      queueLine.querySelector("span").textContent = t("queue", {n: n});
      panel.dataset.queued = String(n);
    });
  }
  function showList(list) {
    if (!list) return;
    status.textContent = t("list", {n: list.rows.length, time: list.at});
    panel.dataset.list = String(list.rows.length);
  }

  // ---- download: the list, this page and (without BarcodeDetector) the decoder ----------
  function download() {
    status.textContent = "…";
    var url = root.dataset.today + "?site=" + encodeURIComponent(root.dataset.site || "");
    fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}}).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (data) {
      var now = new Date();
      var list = {key: listKey, day: data.day, user: user, rows: data.rows,
                  at: String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0")};
      return DB.put("lists", list).then(function () { return list; });
    }).then(function (list) {
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
      return keepForOffline().then(function () { showList(list); panel.dataset.ready = "1"; });
    }).catch(function () { status.textContent = t("error"); });
  }
  function keepForOffline() {
    if (!("caches" in window) || !navigator.serviceWorker) return Promise.resolve();
    var wanted = [location.pathname];
    var zxing = document.querySelector("script[data-zxing]");
    if (!("BarcodeDetector" in window) && zxing) wanted.push(zxing.dataset.zxing, root.dataset.wasm);
    var ready = Promise.race([navigator.serviceWorker.ready, new Promise(function (r) { setTimeout(r, 5000); })]);
    return ready.then(function () {
      return Promise.all([caches.open("pages-v1").then(function (c) { return c.add(wanted[0]); }),
                          caches.open("static-v1").then(function (c) { return c.addAll(wanted.slice(1)); })]);
    }).catch(function () { /* the list still works; the page may not reload offline */ });
  }

  // ---- offline decisions -------------------------------------------------------------------
  function card(code, children) {
    var box = el("article", "handover-card offline-card");
    box.dataset.code = code;
    children.forEach(function (c) { if (c) box.appendChild(c); });
    result.textContent = "";
    result.appendChild(box);
    return box;
  }
  function signal(name) { document.body.dispatchEvent(new CustomEvent(name)); }

  function enqueue(item) {
    item.user = user; item.device_time = new Date().toISOString();
    item.nonce = item.nonce || nonce();
    return DB.put("queue", item).then(showQueue);
  }

  function decideHandover(raw) {
    var code = normal(raw);
    return DB.get("lists", listKey).then(function (list) {
      if (!list || list.day !== DB.today()) {
        card("offline-nolist", [el("p", "error", t("nolist"))]); signal("scan-error"); return;
      }
      var row = list.rows.filter(function (r) { return r.code === code || r.packages.indexOf(code) >= 0; })[0];
      if (!row) { card("unknown_code", [el("p", "error", t("unknown"))]); signal("scan-error"); return; }
      var what = el("ul", "what");
      row.lines.forEach(function (l) { what.appendChild(el("li", "", l.item + ": " + l.quantity + " " + l.unit)); });
      var head = [el("h2", "first-name", row.first_name), el("p", "", t("code") + ": " + row.code), what];
      if (row.done) {
        var loud = card("already_handed_over", [el("p", "already-banner", t("already")), el("p", "", t("again"))].concat(head));
        loud.classList.add("already");
        loud.firstChild.setAttribute("role", "alert");
        signal("scan-already"); return;
      }
      var button = el("button", "confirm-handover", t("confirm"));
      button.type = "button";
      button.addEventListener("click", function () {
        button.disabled = true;
        row.done = true;  // this phone will not hand it over again
        enqueue({kind: "handover", url: root.dataset.sync, label: row.code,
                 params: {code: raw.trim(), site: root.dataset.site || ""}}).then(function () {
          return DB.put("lists", list);
        }).then(function () {
          button.remove();
          var saved = el("p", "ok offline-saved", t("saved"));
          saved.setAttribute("role", "status");
          box.dataset.code = "offline-saved";
          box.insertBefore(saved, box.firstChild);
          signal("scan-ok");
        });
      });
      var box = card("offline-found", head.concat([button]));
      signal("scan-ok");
    });
  }

  function decideScan(params) {
    // A stock scan offline: queued as it is; a package on a downloaded list says whose it is.
    return enqueue({kind: "scan", url: form.getAttribute("hx-post"), label: params.code,
                    params: params}).then(function () { return DB.all("lists"); }).then(function (lists) {
      var code = normal(params.code), owner = null;
      lists.forEach(function (l) { l.rows.forEach(function (r) { if (r.packages.indexOf(code) >= 0) owner = r; }); });
      var lines = [el("p", "ok offline-saved", t("saved")), el("p", "", params.code)];
      if (owner) lines.push(el("p", "", t("package", {name: owner.first_name, code: owner.code})));
      card("offline-saved", lines);
      signal("scan-ok");
    });
  }

  function formParams(source) {
    var params = {};
    new FormData(source).forEach(function (v, k) { params[k] = String(v); });
    return params;
  }

  // htmx would POST: without the network, decide here instead.
  document.body.addEventListener("htmx:beforeRequest", function (evt) {
    if (navigator.onLine) return;
    var elt = evt.detail.elt;
    if (elt === form) {
      evt.preventDefault();
      var params = formParams(form);
      input.value = "";
      if (kind === "handover") decideHandover(params.code || ""); else decideScan(params);
      input.focus();
    } else if (kind === "handover" && elt.closest && elt.closest("#scan-result form")) {
      // the card came from the server, the confirmation goes out offline: same code and nonce
      evt.preventDefault();
      var p = formParams(elt.closest("form"));
      enqueue({kind: "handover", url: root.dataset.sync, label: p.code, nonce: p.nonce,
               params: {code: p.code, site: root.dataset.site || ""}}).then(function () {
        card("offline-saved", [el("p", "ok offline-saved", t("saved"))]); signal("scan-ok");
      });
    }
  });

  // ---- sync: oldest first, stop at the first network failure -------------------------------
  function send(item) {
    var body = new URLSearchParams(item.params);
    body.set("nonce", item.nonce); body.set("device_time", item.device_time);
    return fetch(item.url, {method: "POST", body: body, credentials: "same-origin",
                            headers: {"X-CSRFToken": csrf(), "HX-Request": "true"}}).then(function (r) {
      if (r.redirected || r.status === 403) throw new Error("login");  // logged out: keep it
      if (r.status >= 500) throw new Error("server");
      var json = (r.headers.get("Content-Type") || "").indexOf("json") >= 0;
      return (json ? r.json() : Promise.resolve({result: "ok"})).then(function (data) {
        return data.result || data.code || "ok";
      });
    });
  }
  function sync() {
    if (sending || !navigator.onLine) return Promise.resolve();
    sending = true;
    var counts = {ok: 0, conflict: 0, failed: 0};
    return DB.all("queue").then(function (items) {
      items = mine(items).sort(function (a, b) { return a.device_time < b.device_time ? -1 : 1; });
      return items.reduce(function (chain, item) {
        return chain.then(function () {
          return send(item).then(function (answer) {
            if (answer === "ok") counts.ok++; else if (answer === "conflict") counts.conflict++; else counts.failed++;
            return DB.del("queue", item.nonce);
          });
        });
      }, Promise.resolve());
    }).catch(function () { /* offline again or logged out: the rest waits */ }).then(function () {
      sending = false;
      if (counts.ok + counts.conflict + counts.failed) {
        var text = t("sent", {n: counts.ok + counts.conflict});
        if (counts.conflict) text += " " + t("conflicts", {n: counts.conflict});
        if (counts.failed) text += " " + t("failed", {n: counts.failed});
        status.textContent = text;
        panel.dataset.sent = String((+panel.dataset.sent || 0) + counts.ok + counts.conflict);
      }
      return showQueue();
    });
  }

  function showNetwork() { panel.dataset.online = navigator.onLine ? "1" : "0"; panel.classList.toggle("is-offline", !navigator.onLine); }
  window.addEventListener("online", function () { showNetwork(); sync(); });
  window.addEventListener("offline", showNetwork);
  var downloadButton = document.getElementById("offline-download");
  if (downloadButton) downloadButton.addEventListener("click", download);
  document.getElementById("offline-send").addEventListener("click", sync);
  showNetwork();
  DB.get("lists", listKey).then(function (list) {
    if (list && list.day === DB.today()) showList(list);
  }).catch(function () {});
  showQueue().then(sync).catch(function () {});
})();
