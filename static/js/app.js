/* Small behaviours every page may use, declared with data- attributes so that no template
   needs an inline script or on* handler (the Content-Security-Policy forbids both):
     data-submit-on-change   on a form control: submit its form when it changes
     data-confirm="text"     on a form: ask before submitting
     data-check-all="name"   on a checkbox: tick or untick every checkbox named so
     data-contrast-toggle    on a button: switch the high-contrast look (stored per browser) */
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
  // Esc closes an open menu (<details class="dropdown">) and gives focus back to its summary;
  // <dialog> closes on Esc by itself. A click outside an open menu closes it too.
  function closeMenus(except) {
    var closed = null;
    document.querySelectorAll("details.dropdown[open]").forEach(function (d) {
      if (d === except) return;
      d.removeAttribute("open");
      closed = d;
    });
    return closed;
  }
  document.addEventListener("keydown", function (evt) {
    if (evt.key !== "Escape") return;
    var closed = closeMenus(null);
    if (closed) {
      var summary = closed.querySelector("summary");
      if (summary) summary.focus();
    }
  });
  document.addEventListener("click", function (evt) {
    var inside = evt.target.closest ? evt.target.closest("details.dropdown") : null;
    closeMenus(inside);
  });
  // High contrast (contrast.js applies the stored choice before the first paint).
  function syncContrastButtons() {
    var on = document.documentElement.classList.contains("hc");
    document.querySelectorAll("[data-contrast-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  document.addEventListener("click", function (evt) {
    var button = evt.target.closest ? evt.target.closest("[data-contrast-toggle]") : null;
    if (!button) return;
    var on = document.documentElement.classList.toggle("hc");
    try { window.localStorage.setItem("wspolnie-contrast", on ? "high" : "normal"); } catch (e) { /* ignore */ }
    syncContrastButtons();
  });
  syncContrastButtons();
})();
