/* Progressive enhancement, our only script. The server stays the truth; without it every page
   works as plain HTML.
   1. Show follow-up questions whose rule holds, mirror of the server's rules
      (formbuilder/definitions/rules.py); without it every question is shown and answers to
      hidden ones are ignored.
   2. Instant feedback on leaving a field, from the server's own checks.
   3. The address from the postal code.
   4. Attachments: previews of the files chosen, a button to take one back, and the size and
      kind checked before anything is sent (the server checks again, for real).
   5. 「該当なし」 (an exclusive choice of checkboxes) unticks the others, and they untick it.
   6. A name's 「ローマ字（アルファベット）で入力する」 shows what differs in that way of typing. */
(function () {
  "use strict";
  /* Run `start` once the page is parsed, also when this script comes after that (a slow phone
     or a late cache): a DOMContentLoaded already past would never fire again. */
  function ready(start) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  }
  /* The names of the inputs the citizen changed before this script ran: their value differs from
     the one the server wrote into the page. */
  function typedEarly(form) {
    var names = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "file") { return; }
      var changed = el.type === "checkbox" || el.type === "radio" ? el.checked !== el.defaultChecked
        : el.tagName === "SELECT" ? choiceChanged(el) : el.value !== el.defaultValue;
      if (changed && names.indexOf(el.name) < 0) { names.push(el.name); }
    });
    return names;
  }
  function choiceChanged(select) {
    var options = Array.prototype.slice.call(select.options);
    if (select.multiple) { return options.some(function (o) { return o.selected !== o.defaultSelected; }); }
    var chosen = options.filter(function (o) { return o.defaultSelected; }).pop() || options[0];
    return !!chosen && !chosen.selected;
  }
  /* After 「追加する」 of a repeating group, the new item's first input has the focus (the page
     already opens at it: the button posts to the page's address with the item's fragment). */
  ready(function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var item = id && document.getElementById(id);
    if (!item || !item.classList.contains("group-item")) { return; }
    setTimeout(function () {  // after the rules below have shown and hidden the follow-up questions
      var inputs = item.querySelectorAll("input:not([type=hidden]), select, textarea");
      for (var i = 0; i < inputs.length; i++) {
        if (inputs[i].offsetParent !== null) { inputs[i].focus(); return; }
      }
    }, 0);
  });
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

  /* Instant feedback. On leaving a field the citizen changed, the server checks the page as
     typed so far (…/pages/<id>/validate, flows.answers: the same rules and messages, nothing
     saved); the answer's error text is shown like the server's markup and normalised values
     (ひらがな → カタカナ, 〒１００ー０００１ → 100-0001) are put back. */
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  function isText(el) { return /^(text|tel|email|number|search|url|textarea)$/.test(el.type); }
  function byId(id) { return document.getElementById(id); }
  function send(url, options, done) {
    options.credentials = "same-origin";
    fetch(url, options).then(function (r) {
      return r.json().then(function (data) { done(data, r.status); });
    }).catch(function () {});
  }
  /* Japanese inside a message on a page in another language (the label of a field with no
     translation): each run in a <span lang="ja">, as the server marks it (i18n.mark_japanese);
     on a Chinese page only runs with kana. */
  var JA = "\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f";
  var JA_RUN = new RegExp("[" + JA + "](?:[" + JA + "0-9\uff10-\uff19\\-]|[ \u3000](?=[" + JA + "]))*", "g");
  function appendMarked(parent, text) {
    var page = document.documentElement.lang || "", end = 0, found;
    JA_RUN.lastIndex = 0;
    while (page.indexOf("ja") !== 0 && (found = JA_RUN.exec(text))) {
      if (page.indexOf("zh") === 0 && !/[\u3041-\u30ff\uff66-\uff9f]/.test(found[0])) { continue; }
      if (found.index > end) { parent.appendChild(document.createTextNode(text.slice(end, found.index))); }
      var span = parent.appendChild(document.createElement("span"));
      span.lang = "ja";
      span.textContent = found[0];
      end = found.index + found[0].length;
    }
    if (end < text.length) { parent.appendChild(document.createTextNode(text.slice(end))); }
  }
  function aria(el, id, on) {
    var ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
    if (on) { ids.push(id); }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
    if (on) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
  }
  /* The error summary of a page sent with errors follows the fields: an entry goes when its
     field is fixed, its text changes with the field's message, a new error gets an entry in
     page order; the heading counts them, or says all are fixed. The alert has been read at
     load: later changes go to a polite status (#error-summary-status), the focus stays. */
  function summarise(field, messages, anchor, fallback) {
    var summary = byId("error-summary"), list = summary && summary.querySelector("ul");
    if (!list) { return; }
    var entry = null, before = null, mine = byId(field + "-error");
    each(list.children, function (li) {
      var f = li.getAttribute("data-field"), shown = byId(f + "-error");
      if (f === field) { entry = li; }
      else if (!before && mine && shown && (mine.compareDocumentPosition(shown) & 4)) { before = li; }
    });
    var count = list.children.length;
    if (messages && !entry) {
      entry = document.createElement("li");
      entry.setAttribute("data-field", field);
      entry.appendChild(document.createElement("a")).setAttribute("href", "#" + (anchor || fallback));
      list.insertBefore(entry, before);
    } else if (!messages && entry) {
      list.removeChild(entry);
    }
    if (messages) {
      var link = entry.querySelector("a");
      if (anchor) { link.setAttribute("href", "#" + anchor); }
      link.textContent = "";
      appendMarked(link, messages[0]);
    }
    if (list.children.length === count) { return; }
    var heading = byId("error-summary-title"), left = list.children.length;
    heading.textContent = left ? summary.getAttribute("data-heading").replace("{count}", left) : summary.getAttribute("data-fixed");
    summary.classList.toggle("resolved", !left);
    summary.setAttribute("role", "region");  // no second alert: the status below speaks
    var status = byId("error-summary-status");
    if (status) { status.textContent = heading.textContent; }
  }
  function showErrors(form, field, names, messages, invalid, anchor) {
    var first = form.elements[names[0]], id = field + "-error", p = byId(id);
    first = first && !first.tagName ? first[0] : first;
    var box = first && first.closest(".field");
    if (!box) { return; }
    if (messages) {
      if (!p) {
        p = document.createElement("p");
        p.className = "error-text";
        p.id = id;
        var after = byId(field + "-help") || box.querySelector(".label");
        after.parentNode.insertBefore(p, after.nextSibling);
      }
      p.textContent = "";
      messages.forEach(function (m, i) {
        if (i) { p.appendChild(document.createElement("br")); }
        appendMarked(p, m);
      });
    } else if (p) { p.parentNode.removeChild(p); }
    box.classList.toggle("has-error", !!messages);
    var group = box.tagName === "FIELDSET";
    if (group) { aria(box, id, !!messages); }
    names.forEach(function (name) {
      var el = form.elements[name];
      if (el && el.tagName && (isText(el) || el.tagName === "SELECT")) {
        aria(el, id, !!messages && (!group || invalid.indexOf(name) >= 0));
      }
    });
    summarise(field, messages, anchor, first.id);
  }
  function instant(form) {
    var action = form.getAttribute("action") || "", dirty = {};
    if (!/\/pages\/[^\/?#]+$/.test(action) || !form.elements.csrf_token) { return; }
    function mark(e) { if (e.target.name) { dirty[e.target.name] = true; } }
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("focusout", function (e) { left(e.target); });
    typedEarly(form).forEach(function (name) {  // typed before this script ran: checked as if left
      dirty[name] = true;
      var el = form.elements[name];
      el = el && !el.tagName ? el[0] : el;
      if (el && el !== document.activeElement) { left(el); }
    });
    function left(el) {
      if (!el.name || !el.form || el.type === "submit" || !dirty[el.name]) { return; }
      var sent = {};
      each(form.elements, function (x) { if (x.name && isText(x)) { sent[x.name] = x.value; } });
      var body = new FormData(form);
      each(form.querySelectorAll("input[type=file]"), function (x) { body.delete(x.name); });  // never upload here
      send(action + "/validate", {
        method: "POST", body: body, headers: { "X-CSRFToken": form.elements.csrf_token.value }
      }, function (data, status) {
        if (status !== 200) { return; }
        var field = Object.keys(data.fields).filter(function (f) { return data.fields[f].indexOf(el.name) >= 0; })[0];
        if (!field) { return; }
        var names = data.fields[field], here = document.activeElement;
        Object.keys(data.normalised).forEach(function (name) {
          var x = form.elements[name];
          if (x && x.tagName && isText(x) && x !== here && x.value === sent[name]) { x.value = data.normalised[name]; }
        });
        if (here && names.indexOf(here.name) >= 0) { return; }  // still inside the same question
        showErrors(form, field, names, data.errors[field], data.invalid[field] || [], (data.anchors || {})[field]);
      });
    }
  }

  /* Address from the postal code: 7 digits typed (or 「住所を検索」) fill 都道府県・市区町村・町域;
     several towns give a list to pick from with one tap. */
  function address(box) {
    var name = box.getAttribute("data-address"), last = "";
    var postal = byId(name + "-postal"), status = byId(name + "-lookup");
    function set(part, value) {
      var el = byId(name + "-" + part);
      if (el && value) { el.value = value; el.dispatchEvent(new Event("change", { bubbles: true })); }
    }
    function fill(d) {
      set("prefecture", d.prefecture);
      set("city", d.city);
      var line = byId(name + "-line1");
      if (d.town && line.value.indexOf(d.town) !== 0) { set("line1", d.town); }
    }
    function choices(d) {
      var list = document.createElement("fieldset"), legend = document.createElement("legend");
      list.className = "subfield choices town-choices";
      legend.className = "sublabel";
      legend.textContent = box.getAttribute("data-pick");
      list.appendChild(legend);
      d.towns.forEach(function (t, i) {
        var row = document.createElement("div"), input = document.createElement("input"), label = document.createElement("label");
        row.className = "choice";
        input.type = "radio";
        input.name = name + "-town";
        input.id = name + "-town-" + i;
        input.value = t.value;
        input.setAttribute("data-prefecture", t.prefecture);
        input.setAttribute("data-city", t.city);
        input.setAttribute("data-town", t.town);
        label.htmlFor = input.id;
        label.textContent = t.label;
        if (t.lang && t.lang !== document.documentElement.lang) { label.lang = t.lang; }  // 春日一番割 on an English page
        row.appendChild(input);
        row.appendChild(label);
        list.appendChild(row);
      });
      status.parentNode.insertBefore(list, status.nextSibling);
    }
    function lookup(force) {
      var typed = postal.value, digits = (typed.match(/[0-9０-９]/g) || []).length;
      if (!force && (digits !== 7 || typed === last)) { return; }
      last = typed;
      send(box.getAttribute("data-lookup") + encodeURIComponent(typed.replace(/\//g, "")), { headers: { Accept: "application/json" } }, function (d) {
        each(box.querySelectorAll(".town-choices"), function (old) { old.parentNode.removeChild(old); });
        status.textContent = d.message;
        if (d.status === "found" || d.status === "several") {
          if (postal.value === typed) { postal.value = d.postal_code; last = d.postal_code; }
          fill(d.status === "found" ? d : { prefecture: d.prefecture, city: d.city });
        }
        if (d.status === "several") { choices(d); }
      });
    }
    postal.addEventListener("input", function () { lookup(false); });
    box.querySelector(".lookup-button").addEventListener("click", function (e) { e.preventDefault(); lookup(true); });
    box.addEventListener("change", function (e) {
      var t = e.target;
      if (t.name !== name + "-town") { return; }
      fill({ prefecture: t.getAttribute("data-prefecture"), city: t.getAttribute("data-city"), town: t.getAttribute("data-town") });
      var list = t.closest(".town-choices");
      list.parentNode.removeChild(list);
      status.textContent = "";
      byId(name + "-line1").focus();
    });
    if (postal.value !== postal.defaultValue) { lookup(false); }  // typed before this script ran
  }
  /* Files chosen but not sent yet: one line each with a preview, name, size and 「取り消す」.
     DataTransfer rebuilds the input's list without the file taken back. */
  function files(input) {
    var box = input.closest("[data-files]"), list = document.createElement("ul");
    var error = document.createElement("p"), urls = [];
    list.className = "file-previews";
    list.setAttribute("aria-label", input.getAttribute("data-chosen"));
    error.className = "error-text";
    error.id = input.id + "-chosen-error";
    error.setAttribute("role", "alert");
    error.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    input.parentNode.insertBefore(error, list);
    var limit = +input.getAttribute("data-max-bytes"), most = +input.getAttribute("data-max-files") - +input.getAttribute("data-held");
    var allowed = (input.getAttribute("accept") || "").toLowerCase().split(",").filter(function (x) { return x.charAt(0) === "."; });
    function say(key, file) { return input.getAttribute(key).replace("{name}", file.name); }
    function size(n) { return n < 1048576 ? Math.max(1, Math.round(n / 1024)) + " KB" : (n / 1048576).toFixed(1) + " MB"; }
    function render() {
      var kept = new DataTransfer(), problems = [];
      each(input.files, function (file) {
        var dot = file.name.lastIndexOf("."), ext = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
        if (allowed.length && allowed.indexOf(ext) < 0) { problems.push(say("data-wrong-kind", file)); }
        else if (file.size > limit) { problems.push(say("data-too-large", file)); }
        else if (kept.files.length >= most) { problems.push(say("data-too-many", file)); }
        else { kept.items.add(file); }
      });
      if (problems.length) { input.files = kept.files; }
      error.textContent = problems.join(" ");
      error.hidden = !problems.length;
      aria(input, error.id, problems.length > 0);
      urls.forEach(function (u) { URL.revokeObjectURL(u); });
      urls = [];
      list.textContent = "";
      each(input.files, function (file, i) {
        var item = document.createElement("li"), meta = document.createElement("span");
        var name = document.createElement("span"), bytes = document.createElement("span");
        var remove = document.createElement("button"), thumb;
        item.className = "file-item";
        if (/^image\/(jpeg|png)$/.test(file.type)) {
          thumb = document.createElement("img");
          thumb.src = URL.createObjectURL(file);
          thumb.alt = "";
          urls.push(thumb.src);
        } else {
          thumb = document.createElement("span");
          thumb.setAttribute("aria-hidden", "true");
          thumb.textContent = /pdf$/i.test(file.name) ? "PDF" : "HEIC";
          thumb.className = "thumb-other";
        }
        thumb.className += " thumb";
        meta.className = "file-meta";
        name.className = "file-name";
        name.textContent = file.name;
        bytes.className = "file-size";
        bytes.textContent = size(file.size);
        meta.appendChild(name);
        meta.appendChild(bytes);
        remove.type = "button";
        remove.className = "button secondary small";
        remove.textContent = input.getAttribute("data-remove");
        remove.setAttribute("aria-label", input.getAttribute("data-remove") + " " + file.name);
        remove.addEventListener("click", function () {
          var left = new DataTransfer();
          each(input.files, function (f, j) { if (j !== i) { left.items.add(f); } });
          input.files = left.files;
          render();
          input.focus();
        });
        item.appendChild(thumb);
        item.appendChild(meta);
        item.appendChild(remove);
        list.appendChild(item);
      });
      box.classList.toggle("has-chosen", input.files.length > 0);
    }
    input.addEventListener("change", render);
    if (input.files.length) { render(); }  // chosen before this script ran
  }
  /* An exclusive choice and the others of its question untick each other; without this script
     the server refuses the two together with a message (fields/choice.py). */
  function exclusive(box) {
    box.addEventListener("change", function (e) {
      var t = e.target;
      if (t.type !== "checkbox" || !t.checked) { return; }
      var alone = t.hasAttribute("data-exclusive");
      each(box.querySelectorAll("input[type=checkbox]"), function (x) {
        if (x !== t && x.checked && (alone || x.hasAttribute("data-exclusive"))) { x.checked = false; }
      });
    });
  }
  /* A name's Latin box (fields/name.py): the hints and 「※任意」 marks of the way chosen; the
     boxes stay as they are, so nothing typed is lost. Without this script the server shows them
     for the way posted. */
  function script(toggle) {
    var box = toggle.closest("fieldset");
    function show() {
      each(box.querySelectorAll("[data-when-latin]"), function (x) { x.hidden = !toggle.checked; });
      each(box.querySelectorAll("[data-when-kanji]"), function (x) { x.hidden = toggle.checked; });
    }
    toggle.addEventListener("change", show);
    show();
  }
  function enter(form) {
    // Enter means 次へ (検索 in a postal code box), not the form's first button (住所を検索).
    form.addEventListener("keydown", function (e) {
      var t = e.target, box = t.closest("[data-address]");
      if (e.key !== "Enter" || t.tagName !== "INPUT" || /submit|radio|checkbox/.test(t.type)) { return; }
      e.preventDefault();
      var button = box && t.id === box.getAttribute("data-address") + "-postal" ? box.querySelector(".lookup-button") : form.querySelector('button[value="next"]');
      if (button) { button.click(); }
    });
  }

  ready(function () {
    each(document.querySelectorAll("form"), function (form) {
      var boxes = form.querySelectorAll("[data-address]");
      each(boxes, function (box) { address(box); });
      if (boxes.length) { enter(form); }
      instant(form);
      each(form.querySelectorAll("[data-files] input[type=file]"), files);
      each(form.querySelectorAll("[data-exclusive-choices]"), exclusive);
      each(form.querySelectorAll("[data-script-toggle]"), script);
      var slots = Array.prototype.slice.call(form.querySelectorAll("[data-when]"));
      if (!slots.length) { return; }
      form.addEventListener("change", function () { refresh(form, slots); });
      form.addEventListener("input", function () { refresh(form, slots); });
      refresh(form, slots);
    });
    var summary = byId("error-summary");
    if (summary) { summary.focus(); }
  });

  /* 5. Rules between answers (`checks`), mirror of formbuilder/definitions/rules.py and
     checks.py: the page sends each check's rule, its message, how to read the answers it looks
     at and the earlier pages' answers it needs (data-checks, web/client_checks.py). A failing
     check shows its message at its field once the citizen has changed an answer it looks at
     and left that question; it goes as soon as the answers fit. The server decides in the end. */
  var MISSING = undefined;
  function digits(text) {
    return String(text || "").replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }).trim();
  }
  function isoOf(y, m, d) {
    if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) { return null; }
    var day = new Date(Date.UTC(+y, +m - 1, +d));
    if (day.getUTCMonth() !== +m - 1 || day.getUTCDate() !== +d) { return null; }
    return day.toISOString().slice(0, 10);
  }
  function readAnswer(form, name, how, offsets) {
    var el = function (part) { var x = form.elements[name + part]; return x && x.tagName ? x.value : ""; };
    if (how.kind === "date" || how.kind === "era_date") {
      var y = digits(el("-year")), m = digits(el("-month")), d = digits(el("-day"));
      if (!y && !m && !d) { return MISSING; }
      if (how.kind === "era_date") {
        if (!/^\d{1,4}$/.test(y)) { return null; }  // a whole date in the year box: the server reads it
        var era = el("-era") || how.era, offset = offsets[era];
        if (offset === undefined) { return null; }
        y = String(+y + offset);
        if (y.length !== 4) { return null; }
      }
      return isoOf(y, m, d);
    }
    if (how.kind === "list") {
      var ticked = [];
      each(form.querySelectorAll('input[name="' + name + '"]'), function (x) { if (x.checked) { ticked.push(x.value); } });
      return ticked.length ? ticked : MISSING;
    }
    if (how.kind === "number") {
      var text = digits(el("")).replace(/,/g, "");
      if (!text) { return MISSING; }
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
    }
    if (how.kind === "text") {
      var given = (how.inputs || [name]).some(function (input) { var x = form.elements[input]; return x && x.tagName && x.type !== "checkbox" && x.value.trim(); });
      return given ? true : MISSING;
    }
    return null;
  }
  function plusDays(iso, days) {
    var day = new Date(iso + "T00:00:00Z");
    day.setUTCDate(day.getUTCDate() + days);
    return day.toISOString().slice(0, 10);
  }
  function japanToday() { return new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10); }
  function ageOn(born, on) {
    var b = born.split("-").map(Number), o = on.split("-").map(Number);
    return o[0] - b[0] - ((o[1] < b[1] || (o[1] === b[1] && o[2] < b[2])) ? 1 : 0);
  }
  function referenceDay(on, values) {
    var today = japanToday(), year = +today.slice(0, 4) - (+today.slice(5, 7) < 4 ? 1 : 0);
    if (on && typeof on === "object") { return typeof values[on.answer] === "string" ? values[on.answer] : null; }
    if (!on || on === "today") { return today; }
    if (on === "fiscal_year_start") { return year + "-04-01"; }
    if (on === "fiscal_year_end") { return (year + 1) + "-03-31"; }
    return on;
  }
  function operandOf(wanted, values) {
    if (!wanted || typeof wanted !== "object") { return wanted; }
    if ("count" in wanted) { var items = values[wanted.count]; return Array.isArray(items) ? items.length : 0; }
    var answer = values[wanted.answer];
    if (answer === MISSING || answer === null || Array.isArray(answer)) { return null; }
    return "plus_days" in wanted ? plusDays(answer, wanted.plus_days) : answer;
  }
  function checkHolds(rule, values) {
    if (rule.all) { return rule.all.every(function (r) { return checkHolds(r, values); }); }
    if (rule.any) { return rule.any.some(function (r) { return checkHolds(r, values); }); }
    if (rule.not) { return !checkHolds(rule.not, values); }
    var value = values[rule.field];
    if ("answered" in rule) { return (value !== MISSING) === rule.answered; }
    if (value === MISSING || value === null) { return false; }
    var present = Array.isArray(value) ? value : [value];
    if ("equals" in rule) {
      var wanted = operandOf(rule.equals, values);
      return wanted !== null && present.some(function (v) { return String(v) === String(wanted); });
    }
    if ("in" in rule) { return present.some(function (v) { return rule["in"].map(String).indexOf(String(v)) >= 0; }); }
    var ops = ["gt", "gte", "lt", "lte"];
    for (var i = 0; i < ops.length; i++) {
      if (ops[i] in rule) {
        var limit = operandOf(rule[ops[i]], values);
        return limit !== null && compare(ops[i], value, typeof value === "number" ? Number(limit) : limit);
      }
    }
    var ages = ["age_under", "age_at_least"];
    for (var j = 0; j < ages.length; j++) {
      if (!(ages[j] in rule)) { continue; }
      var spec = rule[ages[j]], years = typeof spec === "number" ? spec : spec.years;
      var day = referenceDay(typeof spec === "number" ? "today" : spec.on, values);
      if (!day) { return false; }
      var age = ageOn(value, day);
      return ages[j] === "age_under" ? age < years : age >= years;
    }
    return false;
  }
  function namesIn(rule, compared) {
    if (rule.all || rule.any) { return [].concat.apply([], (rule.all || rule.any).map(function (r) { return namesIn(r, compared); })); }
    if (rule.not) { return namesIn(rule.not, compared); }
    var found = compared && "answered" in rule ? [] : [rule.field];
    Object.keys(rule).forEach(function (op) {
      var wanted = rule[op];
      if (wanted && typeof wanted === "object" && !Array.isArray(wanted)) {
        if (wanted.on && typeof wanted.on === "object") { found.push(wanted.on.answer); }
        if (wanted.answer) { found.push(wanted.answer); }
        if (wanted.count && !compared) { found.push(wanted.count); }
      }
    });
    return found;
  }
  function crossChecks(form, data) {
    var touched = {}, mine = {};
    function fieldOf(input) { return input.replace(/-(era|year|month|day)$/, ""); }
    function verdicts() {
      var found = {};  // field → its first failing check, or null
      data.checks.forEach(function (check) {
        if (found[check.field]) { return; }
        found[check.field] = null;
        var slot = byId(check.inputs[0]), box = slot && slot.closest(".field-slot");
        if (box && box.hidden) { return; }
        var values = {}, unreadable = false;
        Object.keys(check.known).forEach(function (n) { values[n] = check.known[n]; });
        Object.keys(check.read).forEach(function (n) {
          values[n] = readAnswer(form, n, check.read[n], data.eras);
          var own = byId(n + "-error");
          if (values[n] === null || (own && own.textContent !== mine[n])) { unreadable = true; }  // its own error first
        });
        var missing = namesIn(check.rule, true).some(function (n) { return values[n] === MISSING; });
        if (!unreadable && !missing && !checkHolds(check.rule, values)) { found[check.field] = check; }
      });
      return found;
    }
    function run(left) {
      var found = verdicts();
      Object.keys(found).forEach(function (field) {
        var check = found[field], own = byId(field + "-error");
        var ours = !!own && mine[field] !== undefined && own.textContent === mine[field];
        var inputs = data.checks.filter(function (c) { return c.field === field; })[0].inputs;
        if (!check) {
          if (ours) { showErrors(form, field, inputs, null, []); }
          delete mine[field];
          return;
        }
        if (own && !ours) { return; }  // the field's own error (from the server) stays
        var seen = left && namesIn(check.rule, false).some(function (n) { return touched[n]; });
        if ((!ours && !seen) || (ours && own.textContent === check.message)) { return; }
        showErrors(form, field, inputs, [check.message], inputs);
        mine[field] = check.message;
      });
    }
    data.checks.forEach(function (check) {  // a check's message the server showed is ours to update
      var shown = byId(check.field + "-error");
      if (shown && shown.textContent === check.message) { mine[check.field] = check.message; }
    });
    form.addEventListener("input", function (e) { if (e.target.name) { touched[fieldOf(e.target.name)] = true; } run(false); });
    form.addEventListener("change", function (e) { if (e.target.name) { touched[fieldOf(e.target.name)] = true; } run(false); });
    form.addEventListener("focusout", function (e) {
      var next = e.relatedTarget, name = e.target.name && fieldOf(e.target.name);
      if (next && next.name && fieldOf(next.name) === name) { return; }  // still inside the same question
      run(true);
    });
    var early = typedEarly(form);  // typed before this script ran: as if typed now
    early.forEach(function (name) { touched[fieldOf(name)] = true; });
    if (early.length) { run(false); }
  }
  ready(function () {
    each(document.querySelectorAll(".check-data"), function (el) {
      var form = el.closest("form");
      if (form) { crossChecks(form, JSON.parse(el.getAttribute("data-checks"))); }
    });
  });

  /* Calculated values (fields/calculated.py), mirror of formbuilder/definitions/calculations.py:
     each <output data-calculated> is recomputed as the citizen types or chooses. Numbers are
     exact decimals (a BigInt and its count of decimal places), never floats, so 0.1 + 0.2 is 0.3
     and rounding is the server's. An answer not given (or in a hidden question) leaves the value
     unknown (—), as on the server; the server computes it again from what is sent. */
  var TEN = typeof BigInt === "undefined" ? null : BigInt(10);
  function pow10(k) { var p = BigInt(1); for (var i = 0; i < k; i++) { p = p * TEN; } return p; }
  function decimal(value) {
    if (value === null || value === MISSING) { return null; }
    if (typeof value === "object") { return "n" in value ? value : null; }
    var m = /^([-+]?)(\d+\.?\d*|\.\d+)$/.exec(digits(String(value)).replace(/[,\s]/g, "").replace(/^[‐‑–—−ー－]/, "-"));
    if (!m) { return null; }
    var parts = m[2].split("."), frac = parts[1] || "";
    return { n: BigInt(m[1] + (parts[0] || "0") + frac), s: frac.length };
  }
  function plus(a, b) { var s = Math.max(a.s, b.s); return { n: a.n * pow10(s - a.s) + b.n * pow10(s - b.s), s: s }; }
  function times(a, b) { return { n: a.n * b.n, s: a.s + b.s }; }
  function rounded(a, places, mode) {
    if (a.s <= places) { return a; }
    var d = pow10(a.s - places), q = a.n / d, r = a.n % d, sign = BigInt(a.n < 0 ? -1 : 1);
    if (r !== BigInt(0) && (mode === "up" || (mode === "half_up" && r * sign * BigInt(2) >= d))) { q = q + sign; }
    return places < 0 ? { n: q * pow10(-places), s: 0 } : { n: q, s: places };
  }
  function shown(a, unit) {
    var n = a.n, s = a.s;
    while (s > 0 && n % TEN === BigInt(0)) { n = n / TEN; s--; }
    var text = (n < 0 ? -n : n).toString();
    while (text.length <= s) { text = "0" + text; }
    var whole = text.slice(0, text.length - s).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (n < 0 ? "-" : "") + whole + (s ? "." + text.slice(text.length - s) : "") + unit;
  }
  function calc(formula, get, items) {
    if (formula === null || typeof formula !== "object") { return decimal(String(formula)); }
    if ("answer" in formula) { return decimal(get(formula.answer)); }
    var listed = formula.sum || formula.product;
    if (listed) {
      var parts = listed.map(function (p) { return calc(p, get, items); });
      if (parts.some(function (p) { return p === null; })) { return null; }
      return parts.reduce(formula.sum ? plus : times, { n: BigInt(formula.sum ? 0 : 1), s: 0 });
    }
    if ("count" in formula) { return { n: BigInt(items(formula.count).length), s: 0 }; }
    if (formula.sum_of) {
      return items(formula.sum_of.group).reduce(function (total, item) {
        var v = decimal(item(formula.sum_of.field));
        return v ? plus(total, v) : total;
      }, { n: BigInt(0), s: 0 });
    }
    if (formula.table) {
      var chosen = get(formula.table.answer), amounts = formula.table.values;
      if (typeof chosen === "string" && Object.prototype.hasOwnProperty.call(amounts, chosen)) { return decimal(String(amounts[chosen])); }
      return "default" in formula.table ? decimal(String(formula.table["default"])) : null;
    }
    if ("round" in formula) {
      var inner = calc(formula.round, get, items);
      return inner && rounded(inner, formula.places || 0, formula.mode || "half_up");
    }
    return null;
  }
  function calculations(form) {
    var outputs = Array.prototype.slice.call(form.querySelectorAll("output[data-calculated]"));
    var data = outputs.map(function (out) { return JSON.parse(out.getAttribute("data-calculated")); });
    function run() {
      var computed = {};
      outputs.forEach(function (out, i) {
        var known = data[i].known;
        function get(name) {
          if (name in computed) { return computed[name]; }
          if (name in known) { return known[name]; }
          var el = form.elements[name], first = el && !el.tagName ? el[0] : el;
          if (!first || first.closest("[hidden]")) { return null; }
          var value = (el.value || "").trim();
          return value === "" ? null : value;
        }
        function items(group) {
          if (Array.isArray(known[group])) { return known[group].map(function (item) { return function (f) { return item[f]; }; }); }
          var count = form.elements[group], found = [];
          if (!count || !count.tagName || count.closest("[hidden]")) { return found; }
          for (var j = 0; j < +count.value; j++) {
            found.push((function (prefix) { return function (f) { return get(prefix + f); }; })(group + "-" + j + "-"));
          }
          return found;
        }
        var value = out.closest("[hidden]") ? null : calc(data[i].formula, get, items);
        computed[out.id] = value;
        var one = value && rounded(value, 0, "down").n === BigInt(1) && plus(value, { n: BigInt(-1), s: 0 }).n === BigInt(0);
        var text = value ? shown(value, one ? data[i].unit_one : data[i].unit) : "—";
        if (out.textContent !== text) { out.textContent = text; }
      });
    }
    form.addEventListener("input", run);
    form.addEventListener("change", run);
    run();
  }
  ready(function () {
    if (TEN === null) { return; }  // no BigInt: the values computed at the last post stay
    each(document.querySelectorAll("form"), function (form) {
      if (form.querySelector("output[data-calculated]")) { calculations(form); }
    });
  });
})();
/* The confirmation page: buttons to copy the access key and to print the page. Without a
   script they stay hidden, and the key is plain text to select and copy by hand. */
(function () {
  "use strict";
  function ready(start) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  }
  ready(function () {
    var actions = document.querySelector("[data-key-actions]");
    if (!actions) { return; }
    var copy = actions.querySelector("[data-copy]"), print = actions.querySelector("[data-print]");
    var said = actions.querySelector("[role=status]");
    if (window.print) {
      print.addEventListener("click", function () { window.print(); });
    } else {
      print.hidden = true;
    }
    if (navigator.clipboard && window.isSecureContext) {
      copy.addEventListener("click", function () {
        var key = document.getElementById(copy.getAttribute("data-copy")).textContent.trim();
        navigator.clipboard.writeText(key).then(function () {
          said.textContent = copy.getAttribute("data-copied");
        }, function () {  // refused: select the key, so the phone's own copy is one tap away
          window.getSelection().selectAllChildren(document.getElementById(copy.getAttribute("data-copy")));
        });
      });
    } else {
      copy.hidden = true;
    }
    actions.hidden = false;
  });
})();
/* Bank and branch by name (fields/bank_account.py, assist/banks.py): typing in 「金融機関名で探す」
   or 「支店名で探す」 lists what matches as buttons under the box (their count read out by the
   status line); a button fills the code and the name. ↓ from the box goes into the list, ↑/↓ move,
   Esc goes back. 「検索」 does the same at once instead of posting the page (its no-script path).
   Codes typed or pasted in full width (０００１) become ASCII, and the name of a code shows under it. */
(function () {
  "use strict";
  function ready(start) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  }
  function ascii(text) {
    return text.replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); });
  }
  function get(url, done) {
    if (!window.fetch) { return; }
    fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (r.ok) { return r.json().then(done); }
    }).catch(function () {});
  }
  function bankAccount(box) {
    var name = box.getAttribute("data-bank-account");
    var el = function (suffix) { return document.getElementById(name + "-" + suffix); };
    var size = { bank: 4, branch: 3 };
    function urlFor(part, q) {
      var base = part === "bank" ? box.getAttribute("data-banks") : box.getAttribute("data-branches").replace("/0000/", "/" + el("bank").value + "/");
      return base + "?q=" + encodeURIComponent(q);
    }
    function bankKnown() { return /^[0-9]{4}$/.test(el("bank").value) && el("bank-named").textContent !== ""; }
    function nameOf(part) {  // the name of the code typed, under its box
      var code = el(part).value, named = el(part + "-named");
      if (code.length !== size[part] || (part === "branch" && !/^[0-9]{4}$/.test(el("bank").value))) { named.textContent = ""; return; }
      get(urlFor(part, code), function (d) {
        if (el(part).value !== code) { return; }
        var exact = d.results.filter(function (r) { return r.code === code; })[0];
        named.textContent = exact ? exact.name : "";
      });
    }
    ["bank", "branch"].forEach(function (part) {
      var input = el(part);
      function fold(e) {
        if (e && e.isComposing) { return; }
        var folded = ascii(input.value);
        if (folded !== input.value) { input.value = folded; }
        nameOf(part);
        if (part === "bank") { nameOf("branch"); }
      }
      input.addEventListener("input", fold);
      input.addEventListener("compositionend", fold);
      finder(part);
    });
    function finder(part) {
      var query = el(part + "_name"), status = el(part + "-found"), area = query.closest("[data-bank-finder]");
      var list = document.createElement("ul"), timer = null, asked = null;
      list.className = "bank-results";
      list.id = name + "-" + part + "-results";
      list.setAttribute("aria-label", area.getAttribute("data-legend"));
      list.hidden = true;
      status.parentNode.insertBefore(list, status.nextSibling);
      query.setAttribute("aria-controls", list.id);
      function buttons() { return Array.prototype.slice.call(list.querySelectorAll("button")); }
      function clear() { list.hidden = true; list.textContent = ""; }
      function run(force) {
        var q = query.value.trim();
        if (!q) { clear(); status.textContent = ""; asked = null; return; }
        if (part === "branch" && !bankKnown()) { clear(); status.textContent = box.getAttribute("data-bank-first"); return; }
        if (!force && q === asked) { return; }
        asked = q;
        get(urlFor(part, q), function (d) {
          if (query.value.trim() !== q) { return; }
          Array.prototype.forEach.call(area.querySelectorAll(".bank-choices"), function (old) { old.parentNode.removeChild(old); });
          list.textContent = "";
          d.results.forEach(function (r) {
            var item = document.createElement("li"), button = document.createElement("button");
            button.type = "button";
            button.name = name + "-" + part + "_pick";  // one of the field's inputs: the instant check waits
            button.textContent = r.name + "（" + r.kana + "） " + r.code;
            button.setAttribute("data-code", r.code);
            button.setAttribute("data-name", r.name);
            item.appendChild(button);
            list.appendChild(item);
          });
          list.hidden = !d.results.length;
          status.textContent = d.message;
        });
      }
      function pick(button) {
        el(part).value = button.getAttribute("data-code");
        query.value = asked = button.getAttribute("data-name");
        el(part + "-named").textContent = query.value;
        clear();
        status.textContent = "";
        el(part).dispatchEvent(new Event("change", { bubbles: true }));
        if (part === "bank") {
          nameOf("branch");
          el("branch_name").focus();
        } else if (el("kind-0")) {
          el("kind-0").focus();
        }
      }
      query.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { run(false); }, 250);
      });
      query.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); e.stopPropagation(); run(true); }
        if (e.key === "ArrowDown" && buttons().length) { e.preventDefault(); buttons()[0].focus(); }
      });
      list.addEventListener("click", function (e) {
        var button = e.target.closest("button");
        if (button) { pick(button); }
      });
      list.addEventListener("keydown", function (e) {
        var all = buttons(), at = all.indexOf(document.activeElement);
        if (e.key === "ArrowDown" && at < all.length - 1) { e.preventDefault(); all[at + 1].focus(); }
        if (e.key === "ArrowUp") { e.preventDefault(); (at > 0 ? all[at - 1] : query).focus(); }
        if (e.key === "Escape") { e.preventDefault(); query.focus(); }
      });
      area.querySelector(".lookup-button").addEventListener("click", function (e) { e.preventDefault(); run(true); });
    }
  }
  ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-bank-account]"), bankAccount);
  });
})();
