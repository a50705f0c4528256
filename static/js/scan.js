/* Scanner page: camera (BarcodeDetector or vendored ZXing WASM), wedge scanners, manual codes.
   All three fill #scan-code and submit the same htmx form (one resolve function server-side). */
(function () {
  "use strict";
  var root = document.getElementById("scanner");
  if (!root) return;
  var form = document.getElementById("scan-form");
  var input = document.getElementById("scan-code");
  var pendingLot = document.getElementById("pending-lot");
  var pendingFrom = document.getElementById("pending-from");
  var banner = document.getElementById("pending-banner");
  var video = document.getElementById("camera-video");
  var status = document.getElementById("camera-status");
  var toggle = document.getElementById("camera-toggle");
  var stream = null, detector = null, busy = false, lastCode = "", lastAt = 0;

  function nonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  // Every request carries a client nonce (a retried POST is harmless) and the device time.
  // A form that brings its own (an action card) keeps it, so a double tap acts once.
  document.body.addEventListener("htmx:configRequest", function (evt) {
    if (!evt.detail.parameters.nonce) evt.detail.parameters.nonce = nonce();
    evt.detail.parameters.device_time = new Date().toISOString();
  });
  document.body.addEventListener("htmx:afterRequest", function (evt) {
    if (evt.detail.elt === form) input.value = "";
  });
  document.body.addEventListener("htmx:afterSwap", function () {
    if (document.querySelector("#scan-result [data-clear-pending]")) setPending("", "");
    // Ask for a quantity only where it is needed; otherwise be ready for the next scan.
    var ask = document.querySelector("#scan-result .count-here input[name=quantity]");
    (ask || input).focus();
  });

  function setPending(lot, from) {
    pendingLot.value = lot; pendingFrom.value = from;
    banner.hidden = !lot;
    input.focus();
  }
  document.getElementById("pending-cancel").addEventListener("click", function () { setPending("", ""); });
  document.getElementById("scan-result").addEventListener("click", function (evt) {
    var btn = evt.target.closest("[data-pending-lot]");
    if (btn) setPending(btn.dataset.pendingLot, btn.dataset.pendingFrom);
  });

  // Success / error signal: colour (CSS), vibration, a short tone.
  function signal(ok) {
    root.classList.remove("flash-ok", "flash-error");
    void root.offsetWidth;
    root.classList.add(ok ? "flash-ok" : "flash-error");
    if (navigator.vibrate) navigator.vibrate(ok ? 80 : [60, 60, 60]);
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var ctx = new Ctx(), osc = ctx.createOscillator();
      osc.frequency.value = ok ? 880 : 220; osc.connect(ctx.destination);
      osc.start(); osc.stop(ctx.currentTime + (ok ? 0.08 : 0.25));
    } catch (e) { /* no audio: colour and vibration still tell */ }
  }
  document.body.addEventListener("scan-ok", function () { signal(true); });
  document.body.addEventListener("scan-error", function () { signal(false); });

  function submitCode(code) {
    var now = Date.now();
    if (code === lastCode && now - lastAt < 2500) return;  // the same label still in view
    lastCode = code; lastAt = now;
    input.value = code;
    htmx.trigger(form, "submit");
  }

  function makeDetector() {
    return window.WspolnieBarcode.makeDetector(root.dataset.wasm, ["qr_code", "ean_13", "ean_8"]);
  }

  function tick() {
    if (!stream) return;
    if (!busy && video.readyState >= 2 && video.videoWidth) {
      busy = true;
      detector(video).then(function (codes) {
        if (codes.length && stream) submitCode(codes[0]);  // not a frame decoded after "camera off"
      }).catch(function () { /* a bad frame: try the next */ }).then(function () { busy = false; });
    }
    setTimeout(tick, 200);
  }

  function start() {
    detector = detector || makeDetector();
    var box = document.getElementById("camera-box");
    if (!detector || !navigator.mediaDevices) { status.textContent = window.WspolnieBarcode.explainCameraError(null, box); return; }
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false}).then(function (s) {
      stream = s; video.srcObject = s; video.hidden = false; video.play();
      status.textContent = ""; root.classList.add("camera-on"); tick();
    }).catch(function (err) { status.textContent = window.WspolnieBarcode.explainCameraError(err, box); });
  }
  function stop() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null; video.hidden = true; root.classList.remove("camera-on");
  }
  toggle.addEventListener("click", function () { if (stream) stop(); else start(); });
  window.wspolnieScanner = {submitCode: submitCode, start: start};
})();

/* A page opened from a QR link (/q/<token>) resolves its code at once. */
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("scan-form");
  if (form && form.hasAttribute("data-autosubmit")) htmx.trigger(form, "submit");
});
