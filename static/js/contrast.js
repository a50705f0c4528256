/* High contrast for dim warehouses (issue 17): the choice lives in localStorage and is applied
   as the class "hc" on <html> before the first paint (this file loads synchronously in <head>;
   a separate file because the Content-Security-Policy forbids inline scripts). The toggle
   button itself is wired in app.js. */
(function () {
  "use strict";
  try {
    if (window.localStorage.getItem("wspolnie-contrast") === "high") {
      document.documentElement.classList.add("hc");
    }
  } catch (e) { /* storage blocked: the default look */ }
})();
