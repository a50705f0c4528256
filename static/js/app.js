/* Small behaviours every page may use, declared with data- attributes so that no template
   needs an inline script or on* handler (the Content-Security-Policy forbids both):
     data-submit-on-change   on a form control: submit its form when it changes
     data-confirm="text"     on a form: ask before submitting
     data-check-all="name"   on a checkbox: tick or untick every checkbox named so */
(function () {
  "use strict";
  document.addEventListener("change", function (evt) {
    var el = evt.target;
    if (el.matches && el.matches("[data-submit-on-change]") && el.form) el.form.submit();
    if (el.matches && el.matches("[data-check-all]")) {
      var name = el.getAttribute("data-check-all");
      document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (c) {
        c.checked = el.checked;
      });
    }
  });
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    var text = form.getAttribute && form.getAttribute("data-confirm");
    if (text && !window.confirm(text)) evt.preventDefault();
  }, true);
})();
