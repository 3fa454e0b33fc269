/* Progressive enhancement: show follow-up questions whose rule holds, mirror of the server's
   rules (formbuilder/definitions/rules.py). The server stays the truth; without this script
   every question is shown and answers to hidden ones are ignored. */
(function () {
  "use strict";
  function valuesOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) { return; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      var value = el.type === "checkbox" && el.value === "y" ? true : el.value;
      if (value === "") { return; }
      (values[el.name] = values[el.name] || []).push(value);
    });
    return values;
  }
  function compare(op, value, limit) {
    var left = typeof limit === "number" ? Number(value) : String(value);
    if (typeof limit === "number" && isNaN(left)) { return false; }
    return { gt: left > limit, gte: left >= limit, lt: left < limit, lte: left <= limit }[op];
  }
  function holds(rule, values) {
    if (!rule) { return true; }
    if (rule.all) { return rule.all.every(function (r) { return holds(r, values); }); }
    if (rule.any) { return rule.any.some(function (r) { return holds(r, values); }); }
    if (rule.not) { return !holds(rule.not, values); }
    var present = values[rule.field] || [];
    if ("answered" in rule) { return (present.length > 0) === rule.answered; }
    if (!present.length) { return false; }
    if ("equals" in rule) { return present.some(function (v) { return v === rule.equals || v === String(rule.equals); }); }
    if ("in" in rule) { return present.some(function (v) { return rule["in"].map(String).indexOf(String(v)) >= 0; }); }
    var ops = ["gt", "gte", "lt", "lte"];
    for (var i = 0; i < ops.length; i++) { if (ops[i] in rule) { return compare(ops[i], present[0], rule[ops[i]]); } }
    return false;
  }
  function refresh(form, slots) {
    var typed = valuesOf(form);
    slots.forEach(function (slot) {
      var rule = JSON.parse(slot.getAttribute("data-when"));
      var known = JSON.parse(slot.getAttribute("data-known") || "{}");
      var values = Object.assign({}, typed);
      Object.keys(known).forEach(function (k) { values[k] = [].concat(known[k]); });
      slot.hidden = !holds(rule, values);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
      var slots = Array.prototype.slice.call(form.querySelectorAll("[data-when]"));
      if (!slots.length) { return; }
      form.addEventListener("change", function () { refresh(form, slots); });
      form.addEventListener("input", function () { refresh(form, slots); });
      refresh(form, slots);
    });
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
