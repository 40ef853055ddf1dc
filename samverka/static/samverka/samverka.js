/* Samverka: small progressive enhancements; the pages work without this file (CSP: no inline
   script). When a form comes back with errors, focus moves to the error summary at its top, and
   a link in the summary moves focus to its field. */
(function () {
  "use strict";
  function focusField(event) {
    var id = decodeURIComponent((this.getAttribute("href") || "").slice(1));
    var field = id && document.getElementById(id);
    if (!field) { return; }
    event.preventDefault();
    field.scrollIntoView({block: "center"});
    field.focus();
  }
  function start() {
    var summary = document.querySelector("[data-error-summary], #form-errors");
    if (!summary) { return; }
    var links = summary.querySelectorAll("a[href^='#']");
    for (var i = 0; i < links.length; i += 1) { links[i].addEventListener("click", focusField); }
    summary.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
