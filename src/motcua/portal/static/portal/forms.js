/* Small helpers for forms; every page works without them.
   - form[data-once]: after the first submit its buttons are disabled, so a double click
     sends one request (the server also refuses a second submission).
   - [data-print]: prints the page (receipts). */
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
})();
