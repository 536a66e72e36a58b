/* Small helpers for forms; every page works without them.
   - form[data-once]: after the first submit its buttons are disabled, so a double click
     sends one request (the server also refuses a second submission).
   - [data-print]: prints the page (receipts).
   - [data-prefill] (the desk's returning citizen): fills the fields named in its JSON
     that are still empty; what the clerk has typed is never replaced, and a field the
     cursor is in is filled selected, so typing on replaces it. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-once")) return;
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    var submitter = event.submitter;
    if (submitter && submitter.name) {
      // A disabled button is not sent: keep which one was pressed.
      var keep = document.createElement("input");
      keep.type = "hidden"; keep.name = submitter.name; keep.value = submitter.value;
      form.appendChild(keep);
    }
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (b) {
        b.disabled = true; b.setAttribute("aria-disabled", "true");
      });
    }, 0);
  });
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (target) { event.preventDefault(); window.print(); }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var found = event.target instanceof Element ? event.target.querySelector("[data-prefill]") : null;
    if (!found) return;
    var values = JSON.parse(found.getAttribute("data-prefill"));
    Object.keys(values).forEach(function (id) {
      var field = document.getElementById(id);
      if (!field || field.value) return;
      field.value = values[id];
      // The clerk's cursor may already be there: what they type next replaces it.
      if (field === document.activeElement) field.select();
    });
  });
})();
