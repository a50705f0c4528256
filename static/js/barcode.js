/* One camera decoder for every scanning page: the browser's BarcodeDetector where it
   exists, otherwise the vendored ZXing WASM (Chromium on Linux, iPhones), whose loader
   script (data-zxing on this script's tag) is fetched only then, on the first frame —
   a phone with BarcodeDetector never downloads the 1 MB decoder (docs/decisions/0111).
   WspolnieBarcode.makeDetector(wasmUrl, formats) -> function(video) -> Promise<[text]>,
   or null when neither is available. Formats use BarcodeDetector's names. */
(function () {
  "use strict";
  var ZXING_NAMES = {qr_code: "QRCode", ean_13: "EAN13", ean_8: "EAN8"};
  var zxingUrl = document.currentScript && document.currentScript.dataset.zxing;
  var loading = null;

  function loadZxing() {
    if (window.ZXingWASM) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = zxingUrl; tag.onload = resolve;
        tag.onerror = function () { loading = null; reject(new Error("zxing")); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function makeDetector(wasmUrl, formats) {
    if ("BarcodeDetector" in window) {
      var native = new window.BarcodeDetector({formats: formats});
      return function (source) {
        return native.detect(source).then(function (codes) { return codes.map(function (c) { return c.rawValue; }); });
      };
    }
    if (!window.ZXingWASM && !zxingUrl) return null;
    var ready = null;
    function prepare() {
      if (!ready) {
        ready = loadZxing().then(function () {
          ZXingWASM.prepareZXingModule({
            overrides: { locateFile: function (path, prefix) { return path.endsWith(".wasm") ? wasmUrl : prefix + path; } },
            fireImmediately: true
          });
        }).catch(function (err) { ready = null; throw err; });  // offline: try again later
      }
      return ready;
    }
    prepare();
    var zxingFormats = formats.map(function (f) { return ZXING_NAMES[f]; });
    var canvas = document.createElement("canvas");
    var ctx = canvas.getContext("2d", {willReadFrequently: true});
    return function (source) {
      canvas.width = source.videoWidth; canvas.height = source.videoHeight;
      ctx.drawImage(source, 0, 0);
      var data = ctx.getImageData(0, 0, canvas.width, canvas.height);
      return prepare().then(function () { return ZXingWASM.readBarcodes(data, {formats: zxingFormats, tryHarder: true, maxNumberOfSymbols: 1})
        .then(function (results) { return results.filter(function (r) { return r.isValid; }).map(function (r) { return r.text; }); }); });
    };
  }

  // Why the camera did not start, in the page's language: the texts come from data-err-*
  // attributes the template renders (so they stay translatable), keyed by the error's name.
  var ERROR_KEYS = {
    NotAllowedError: "notallowed", PermissionDeniedError: "notallowed",
    NotFoundError: "notfound", DevicesNotFoundError: "notfound",
    NotReadableError: "notreadable", TrackStartError: "notreadable", AbortError: "notreadable",
    OverconstrainedError: "overconstrained", ConstraintNotSatisfiedError: "overconstrained",
    SecurityError: "security"
  };
  function cameraErrorKey(err) {
    if (!err) return window.isSecureContext === false ? "insecure" : "nocamera";
    return ERROR_KEYS[err.name] || "other";
  }
  function explainCameraError(err, holder) {
    var key = cameraErrorKey(err);
    var data = (holder && holder.dataset) || {};
    return data["err" + key.charAt(0).toUpperCase() + key.slice(1)] || data.errOther || String(err && err.name || key);
  }

  window.WspolnieBarcode = {makeDetector: makeDetector, cameraErrorKey: cameraErrorKey,
                            explainCameraError: explainCameraError};
})();
