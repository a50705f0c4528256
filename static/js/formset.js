/* "Dodaj wiersz" / "usuń" for templates/common/formset.html without a page reload.
   Without JavaScript the same buttons work as plain submits (backend/common/formsets.py). */
(function () {
  "use strict";
  function renumber(box) {
    var n = 0;
    box.querySelectorAll("[data-formset-rows] > [data-formset-row]").forEach(function (row) {
      if (row.hidden) return;
      n += 1;
      var label = row.querySelector("[data-formset-number]");
      if (label) label.textContent = String(n);
    });
  }
  function enhanceRow(row) {
    var box = row.querySelector("[data-formset-delete]");
    if (!box || box.getAttribute("data-enhanced")) return;
    box.setAttribute("data-enhanced", "1");
    var check = box.querySelector("input[type=checkbox]");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary outline formset-remove-button";
    button.textContent = box.textContent.trim();
    button.addEventListener("click", function () {
      check.checked = true;
      row.hidden = true;
      renumber(row.closest("[data-formset]"));
    });
    box.hidden = true;
    box.parentNode.insertBefore(button, box);
    if (check.checked) row.hidden = true;  // removed before a plain re-render
  }
  function enhance(formset) {
    var prefix = formset.getAttribute("data-formset");
    var total = formset.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var max = formset.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    var rows = formset.querySelector("[data-formset-rows]");
    var template = formset.querySelector("template[data-formset-template]");
    var add = formset.querySelector("[data-formset-add]");
    rows.querySelectorAll("[data-formset-row]").forEach(enhanceRow);
    if (!add || !template || !total) return;
    add.type = "button";  // Enter in a field then saves the form instead of adding a row
    add.addEventListener("click", function (evt) {
      evt.preventDefault();
      var index = parseInt(total.value, 10) || 0;
      if (max && index >= parseInt(max.value, 10)) return;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      enhanceRow(row);
      renumber(formset);
      var first = row.querySelector("input:not([type=hidden]):not([type=checkbox]), select, textarea");
      if (first) first.focus();
    });
  }
  function init() { document.querySelectorAll("[data-formset]").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
