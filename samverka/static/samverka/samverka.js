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
  /* A data table wider than the page scrolls inside its own region (named by its caption,
     reachable by keyboard) instead of the whole page scrolling sideways. */
  var tableCount = 0;
  function wrapTables() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i += 1) {
      var table = tables[i];
      var parent = table.parentElement;
      if (parent.classList.contains("table-scroll")) { continue; }
      var region = document.createElement("div");
      region.className = "table-scroll";
      region.setAttribute("tabindex", "0");
      region.setAttribute("role", "region");
      var caption = table.querySelector("caption");
      if (caption) {
        tableCount += 1;
        if (!caption.id) { caption.id = "table-caption-" + tableCount; }
        region.setAttribute("aria-labelledby", caption.id);
      } else {
        region.setAttribute("aria-label", document.documentElement.lang === "en" ? "Table" : "Tabell");
      }
      parent.insertBefore(region, table);
      region.appendChild(table);
    }
  }
  function start() {
    wrapTables();
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
