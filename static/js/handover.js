// Hand-over page: a code already handed over gets a signal nobody misses — a long
// vibration pattern and three low tones (the red card is the colour; scan.js does ok/error).
(function () {
  "use strict";
  function tones() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var ctx = new Ctx();
      [0, 0.3, 0.6].forEach(function (at) {
        var osc = ctx.createOscillator();
        osc.type = "square"; osc.frequency.value = 180; osc.connect(ctx.destination);
        osc.start(ctx.currentTime + at); osc.stop(ctx.currentTime + at + 0.22);
      });
    } catch (e) { /* no audio: the card and the vibration still tell */ }
  }
  document.body.addEventListener("scan-already", function () {
    if (navigator.vibrate) navigator.vibrate([400, 120, 400, 120, 400]);
    tones();
    document.body.dataset.alert = "already";
  });
})();
