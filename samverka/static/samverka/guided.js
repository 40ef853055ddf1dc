/* Guided creation of a partnership (issue 15): progressive enhancement only. Without this script
   every step works; the server checks everything and computes the budget's total on each save.
   With it: focus moves to the error summary, the budget table gets an "add a line" button and
   the running total follows what is typed. Amounts are an estimate until saved. */
(function () {
  "use strict";

  var summary = document.getElementById("form-errors");
  if (summary) { summary.focus(); }

  var table = document.getElementById("budget-lines");
  if (!table) { return; }
  var form = document.getElementById("budget-form");
  var prefix = "lines";
  var totalForms = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
  var template = document.getElementById("line-template");
  var municipal = (table.getAttribute("data-municipal-parties") || "").split(",");
  var NBSP = "\u00a0";

  function parseNumber(text) {
    var value = String(text || "").replace(/[\s\u00a0\u202f\u2009']/g, "").replace("\u2212", "-");
    if (!value) { return null; }
    if (value.indexOf(",") >= 0 && value.indexOf(".") >= 0) {
      var comma = value.lastIndexOf(",") > value.lastIndexOf(".");
      value = comma ? value.replace(/\./g, "").replace(",", ".") : value.replace(/,/g, "");
    } else if ((value.match(/,/g) || []).length === 1) {
      value = value.replace(",", ".");
    }
    if (!/^[+-]?\d*(\.\d*)?$/.test(value) || !/\d/.test(value)) { return NaN; }
    return parseFloat(value);
  }

  function kronor(amount) {
    if (amount === null) { return "–"; }
    var sign = amount < 0 ? "\u2212" : "";
    var digits = String(Math.abs(Math.round(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    return sign + digits + NBSP + "kr";
  }

  function percent(part, whole) {
    if (!whole) { return null; }
    return Math.round(part * 1000 / whole) / 10;
  }

  function percentText(value) {
    return value === null ? "–" : value.toFixed(1).replace(".", ",") + NBSP + "%";
  }

  function field(row, name) {
    return row.querySelector("[name$='-" + name + "']");
  }

  function lineAmount(row) {
    var lump = parseNumber(field(row, "lump_sum").value);
    if (lump !== null) { return isNaN(lump) ? null : Math.round(lump); }
    var hours = parseNumber(field(row, "hours_per_week").value);
    var weeks = parseNumber(field(row, "weeks_per_year").value);
    var rate = parseNumber(field(row, "hourly_rate").value);
    if (hours === null || weeks === null || rate === null) { return null; }
    if (isNaN(hours) || isNaN(weeks) || isNaN(rate)) { return null; }
    return Math.round(hours * weeks * rate);
  }

  function recompute() {
    var parties = {}, order = [], total = 0, municipalTotal = 0;
    table.querySelectorAll("tbody tr.budget-line").forEach(function (row) {
      var amount = lineAmount(row);
      var output = row.querySelector("[data-line-sum]");
      var remove = field(row, "DELETE");
      var party = field(row, "party");
      output.textContent = amount === null ? "–" : kronor(amount);
      if (amount === null || (remove && remove.checked) || !party.value) { return; }
      var name = party.options[party.selectedIndex].text;
      if (!(party.value in parties)) {
        parties[party.value] = {name: name, amount: 0};
        order.push(party.value);
      }
      parties[party.value].amount += amount;
      total += amount;
      if (municipal.indexOf(party.value) >= 0) { municipalTotal += amount; }
    });
    var share = percent(municipalTotal, total);
    document.querySelector("[data-total]").textContent = order.length ? kronor(total) : "–";
    document.querySelector("[data-municipal]").textContent = order.length ? kronor(municipalTotal) : "–";
    document.querySelector("[data-partners]").textContent = order.length ? kronor(total - municipalTotal) : "–";
    document.querySelector("[data-share]").textContent = percentText(share);
    var rect = document.querySelector("[data-share-bar] rect");
    if (rect) { rect.setAttribute("width", (share === null ? 0 : share) + "%"); }
    var body = document.querySelector("[data-party-rows]");
    body.textContent = "";
    order.forEach(function (key) {
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = parties[key].name;
      var amount = document.createElement("td");
      amount.className = "num";
      amount.textContent = kronor(parties[key].amount);
      var part = document.createElement("td");
      part.className = "num";
      part.textContent = percentText(percent(parties[key].amount, total));
      tr.append(th, amount, part);
      body.appendChild(tr);
    });
  }

  function addLine() {
    var index = parseInt(totalForms.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index))
      .replace(/__num__/g, String(index + 1));
    var holder = document.createElement("tbody");
    holder.innerHTML = html;
    var row = holder.querySelector("tr");
    table.querySelector("tbody").appendChild(row);
    totalForms.value = String(index + 1);
    var first = row.querySelector("select, input:not([type=hidden])");
    if (first) { first.focus(); }
    recompute();
  }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.id = "add-line";
  button.textContent = table.getAttribute("data-add-label") || "Lägg till rad";
  var help = document.getElementById("more-lines-help");
  help.replaceWith(button);

  var note = document.querySelector("[data-total-note]");
  if (note) { note.textContent = table.getAttribute("data-live-note") || note.textContent; }

  button.addEventListener("click", addLine);
  table.addEventListener("input", recompute);
  table.addEventListener("change", recompute);
  recompute();
}());
