/* Driver's run sheet: a task step is confirmed by the unit's QR. The camera (BarcodeDetector
   or the vendored ZXing WASM), a wedge scanner or a typed short code all fill the task's
   code field and submit the same htmx form. */
(function () {
  "use strict";
  var root = document.getElementById("run-sheet");
  if (!root) return;
  var video = document.getElementById("run-video");
  var status = document.getElementById("run-camera-status");
  var stream = null, detector = null, busy = false, target = null;

  function makeDetector() {
    return window.WspolnieBarcode.makeDetector(root.dataset.wasm, ["qr_code"]);
  }

  function stop() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null; target = null; video.hidden = true;
  }

  function tick() {
    if (!stream || !target) return;
    if (!busy && video.readyState >= 2 && video.videoWidth) {
      busy = true;
      detector(video).then(function (codes) {
        if (codes.length && target) {
          var form = target;
          form.querySelector("input[name=code]").value = codes[0];
          stop();
          htmx.trigger(form, "submit");
        }
      }).catch(function () { /* a bad frame: try the next */ }).then(function () { busy = false; });
    }
    setTimeout(tick, 200);
  }

  function start(form) {
    target = form;
    detector = detector || makeDetector();
    if (!detector || !navigator.mediaDevices) { status.textContent = window.WspolnieBarcode.explainCameraError(null, root); return; }
    if (stream) { tick(); return; }
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false}).then(function (s) {
      stream = s; video.srcObject = s; video.hidden = false; video.play();
      status.textContent = ""; tick();
    }).catch(function (err) { status.textContent = window.WspolnieBarcode.explainCameraError(err, root); });
  }

  root.addEventListener("click", function (evt) {
    var btn = evt.target.closest("[data-camera]");
    if (!btn) return;
    evt.preventDefault();
    start(btn.closest("form"));
  });
})();
