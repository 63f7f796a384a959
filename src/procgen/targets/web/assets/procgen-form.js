/*
 * procgen-form.js: drives a procgen web form (docs/targets/web.md). One step at a time,
 * conditions shown and hidden live, validation (procgen-check.js) with the procedure's own
 * messages, repeatable groups, a check-your-answers page with the fee total, a multipart
 * submission, and a draft saved and resumed (procgen-draft.js).
 * Reads its data from <script type="application/json" id="procgen-rules">; never uses
 * innerHTML, eval or Function(): every text reaches the page through textContent.
 * Every map keyed by a field, option, document or fee id has no prototype (dict(), and the
 * rules are parsed into such maps), so an id such as "constructor" or an option value such
 * as "__proto__" or "toString" is only ever its own entry, never an inherited member.
 */
(function () {
  "use strict";
  var E = globalThis.ProcgenExpr;
  var form = document.getElementById("procgen-form");
  var data = document.getElementById("procgen-rules");
  if (!form || !data || !E || !globalThis.ProcgenCheck || !globalThis.ProcgenFormReview ||
    !globalThis.ProcgenFormDraft) return;
  function dict() { return Object.create(null); }
  // JSON.parse reviver: every object of the rules becomes a map without a prototype.
  function bare(key, value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    var out = dict();
    Object.keys(value).forEach(function (k) { out[k] = value[k]; });
    return out;
  }
  var own = globalThis.ProcgenCheck.own, fmt = globalThis.ProcgenCheck.fmt;
  var R = JSON.parse(data.textContent, bare);
  var M = R.messages;
  var C = globalThis.ProcgenCheck(R, E);
  var ORDER = [];
  R.steps.forEach(function (s) { ORDER = ORDER.concat(s.fields); });
  var current = "start", returnToCheck = false, state = null;

  function $(id) { return document.getElementById(id); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function holds(cond, answers, row) {
    if (cond === true || cond === false || cond === null || cond === undefined) return cond === true;
    return E.holds(cond, answers, today(), row || null);
  }
  function isEmpty(v) { return v === null || v === undefined || (Array.isArray(v) && !v.length); }

  /* ---- reading answers ---------------------------------------------------------------- */

  // A question's own controls (a yes/no's hidden "false" is for the no-JavaScript post only).
  function controls(wrap) {
    return Array.prototype.filter.call(wrap.querySelectorAll("input:not([type=hidden]), select, textarea"),
      function (el) { return el.closest(".pg-field") === wrap; });
  }

  // {value, error}: value is the typed answer (null when empty), error a message key.
  function read(rule, wrap) {
    var els = controls(wrap), k = rule.kind, raw;
    if (k === "boolean") return { value: els[0].checked, error: null };
    if (k === "multichoice") {
      var vs = els.filter(function (e) { return e.checked; }).map(function (e) {
        return rule.numeric_options ? Number(e.value) : e.value;
      });
      return { value: vs.length ? vs : null, error: null };
    }
    if (k === "choice") {
      var picked = els.filter(function (e) { return e.type !== "radio" || e.checked; })[0];
      raw = picked ? picked.value : "";
      if (raw === "") return { value: null, error: null };
      return { value: rule.numeric_options ? Number(raw) : raw, error: null };
    }
    var el = els[0];
    if (k === "date") {
      if (el.validity && el.validity.badInput) return { value: null, error: "err_date" };
      return { value: el.value || null, error: null };
    }
    raw = el.value.trim();
    if (raw === "") return { value: null, error: null };
    if (k === "integer" || k === "money") {
      var digits = k === "money" ? raw.replace(/[\s.,]/g, "").replace(/₫|đ|VND$/i, "") : raw.replace(/\s/g, "");
      if (!/^-?\d+$/.test(digits)) return { value: null, error: "err_integer" };
      return { value: parseInt(digits, 10), error: null };
    }
    if (k === "number") {
      var n = raw.replace(/\s/g, "").replace(",", ".");
      if (!/^-?\d+(\.\d+)?$/.test(n)) return { value: null, error: "err_number" };
      return { value: parseFloat(n), error: null };
    }
    // Digits grouped as people type them ("001 099 012 345"): the kind's strip characters
    // (procgen.model.facts) are removed before the answer is checked and sent.
    var strip = R.formats[k] ? R.formats[k].strip : "";
    if (strip) raw = Array.from(raw).filter(function (c) { return strip.indexOf(c) < 0; }).join("");
    return { value: raw, error: null };
  }

  function fieldWrap(id, scope) {
    var root = scope || form;
    var found = root.querySelectorAll('[data-field="' + id + '"]');
    for (var i = 0; i < found.length; i++) {
      var owner = found[i].parentElement.closest("[data-entry]");
      if (scope ? owner === scope : !owner) return found[i];
    }
    return null;
  }
  function entries(id) {
    return Array.prototype.slice.call($("f-" + id + "-entries").children);
  }

  // Visibility and answers, iterated until stable (a condition may read a later field).
  function compute() {
    var answers = dict(), visible = dict(), parsed = dict(), rows = dict();
    ORDER.forEach(function (id) {
      var rule = R.fields[id];
      if (rule.kind === "group") {
        rows[id] = entries(id).map(function (entry) { return readEntry(rule, entry, answers); });
        parsed[id] = { value: rows[id].map(function (r) { return r.row; }), error: null };
      } else {
        parsed[id] = read(rule, fieldWrap(id));
      }
    });
    for (var pass = 0; pass < 4; pass++) {
      var changed = false;
      ORDER.forEach(function (id) {
        var rule = R.fields[id];
        var vis = rule.when === undefined || holds(rule.when, answers);
        if (visible[id] !== vis) changed = true;
        visible[id] = vis;
        var v = parsed[id].value;
        if (isEmpty(v) && rule.default !== undefined) v = rule.default;
        if (rule.kind === "group" && vis) {
          rows[id] = entries(id).map(function (entry) { return readEntry(rule, entry, answers); });
          v = rows[id].map(function (r) { return r.row; });
        }
        if (vis && !isEmpty(v)) answers[id] = v; else delete answers[id];
      });
      if (!changed && pass > 0) break;
    }
    var docs = dict();
    Object.keys(R.documents).forEach(function (id) {
      var rule = R.documents[id];
      docs[id] = rule.when === undefined || holds(rule.when, answers);
    });
    return { answers: answers, visible: visible, parsed: parsed, rows: rows, docs: docs };
  }

  function readEntry(rule, entry, answers) {
    var row = dict(), vis = dict(), parsed = dict();
    rule.order.forEach(function (cid) { parsed[cid] = read(rule.fields[cid], fieldWrap(cid, entry)); });
    rule.order.forEach(function (cid) {
      var c = rule.fields[cid];
      vis[cid] = c.when === undefined || holds(c.when, answers, row);
      var v = parsed[cid].value;
      if (isEmpty(v) && c.default !== undefined) v = c.default;
      if (vis[cid] && !isEmpty(v)) row[cid] = v;
    });
    return { row: row, visible: vis, parsed: parsed, entry: entry };
  }

  /* ---- showing and hiding ------------------------------------------------------------- */

  function setShown(wrap, shown) {
    if (!wrap) return;
    wrap.hidden = !shown;
    if (!shown) clearError(wrap);
  }

  function refresh() {
    state = compute();
    ORDER.forEach(function (id) {
      setShown(fieldWrap(id), state.visible[id]);
      (state.rows[id] || []).forEach(function (r) {
        Object.keys(r.visible).forEach(function (cid) { setShown(fieldWrap(cid, r.entry), r.visible[cid]); });
      });
    });
    Object.keys(R.documents).forEach(function (id) {
      setShown(form.querySelector('[data-document="' + id + '"]'), state.docs[id]);
    });
    if (current === "check") review.fees();
    review.local();
    return state;
  }

  function stepVisible(step) {
    return step.fields.some(function (id) { return state.visible[id]; }) ||
      step.documents.some(function (id) { return state.docs[id]; });
  }
  function visibleSteps() { return R.steps.filter(stepVisible); }

  function pageOf(name) {
    return name === "start" ? $("pg-start") : name === "check" ? $("pg-check")
      : name === "sent" ? $("pg-sent") : $("step-" + name);
  }

  // fromHistory: the browser's Back/Forward brought us here, so add no history entry.
  function show(name, focusId, fromHistory) {
    var section = pageOf(name);
    if (!section) return;
    document.querySelectorAll(".pg-page").forEach(function (s) { s.hidden = s !== section; });
    if (!fromHistory && name !== current && window.history && history.pushState) {
      history.pushState({ procgen: name }, "");
    }
    current = name;
    var title = section.querySelector("h2");
    var steps = visibleSteps();
    var index = steps.map(function (s) { return s.id; }).indexOf(name);
    if (index >= 0) {
      $("step-" + name + "-progress").textContent = fmt(M.step_of, { n: index + 1, total: steps.length });
    }
    if (name === "check") review.summary();
    hideSummary();
    document.title = (title ? title.textContent + " – " : "") + R.title;
    var target = focusId ? $(focusId) : title || section;
    if (target) target.focus();
    window.scrollTo(0, 0);
    if (focusId && target) target.scrollIntoView({ block: "center" });
  }

  /* ---- validation --------------------------------------------------------------------- */

  // One question's first problem, as text (procgen-check.js holds the order and the keys).
  function check(rule, p, answers, row) {
    var found = C.field(rule, p, answers, row, today());
    return found ? C.message(rule, found) : null;
  }

  function checkDocument(id) {
    var rule = R.documents[id], input = $("d-" + id), file = input.files && input.files[0];
    // The document's own words (rules.messages: its title in place), else the page's.
    function say(key, params) {
      var own = rule.messages && Object.prototype.hasOwnProperty.call(rule.messages, key) ? rule.messages[key] : null;
      return own !== null ? own : fmt(M[key], params);
    }
    if (!file) return holds(rule.required, state.answers) ? say("err_required_file", { label: rule.label }) : null;
    var type = (file.type || "").toLowerCase();
    if (rule.accept.length && rule.accept.indexOf(type) < 0) {
      return say("err_file_type", { label: rule.label, types: input.getAttribute("accept") });
    }
    if (rule.max_bytes && file.size > rule.max_bytes) return say("err_file_size", { label: rule.label, size: rule.max_size_mb });
    return null;
  }

  // Every problem of one step, in page order: [{wrap, target, message}].
  function problems(step) {
    var out = [];
    step.fields.forEach(function (id) {
      if (!state.visible[id]) return;
      var rule = R.fields[id], wrap = fieldWrap(id);
      if (rule.kind === "group") {
        var rows = state.rows[id];
        var given = { value: rows.map(function (r) { return r.row; }), error: null };
        var count = check(rule, given, state.answers, null);
        if (count) out.push({ wrap: wrap, target: "f-" + id, message: count });
        rows.forEach(function (r) {
          rule.order.forEach(function (cid) {
            if (!r.visible[cid]) return;
            var msg = check(rule.fields[cid], r.parsed[cid], state.answers, r.row);
            var cw = fieldWrap(cid, r.entry);
            if (msg) out.push({ wrap: cw, target: firstControl(cw).id, message: msg });
          });
        });
        return;
      }
      var msg = check(rule, state.parsed[id], state.answers, null);
      if (msg) out.push({ wrap: wrap, target: firstControl(wrap).id, message: msg });
    });
    step.documents.forEach(function (id) {
      if (!state.docs[id]) return;
      var msg = checkDocument(id);
      if (msg) out.push({ wrap: $("d-" + id + "-field"), target: "d-" + id, message: msg });
    });
    return out;
  }

  function firstControl(wrap) {
    return controls(wrap)[0] || (wrap.id && $(wrap.id.replace(/-field$/, ""))) || wrap;
  }

  function clearError(wrap) {
    wrap.classList.remove("pg-field-error");
    var err = wrap.querySelector(".pg-error-message");
    if (err && err.closest(".pg-field") === wrap) { err.hidden = true; err.textContent = ""; }
    controls(wrap).forEach(function (el) { el.removeAttribute("aria-invalid"); });
  }

  function hideSummary() { $("pg-error-summary").hidden = true; }

  function report(list) {
    form.querySelectorAll(".pg-field-error").forEach(clearError);
    var ul = $("pg-error-list");
    while (ul.firstChild) ul.removeChild(ul.firstChild);
    list.forEach(function (p) {
      p.wrap.classList.add("pg-field-error");
      var err = Array.prototype.filter.call(p.wrap.querySelectorAll(".pg-error-message"),
        function (e) { return e.closest(".pg-field") === p.wrap; })[0];
      if (err) { err.textContent = p.message; err.hidden = false; }
      controls(p.wrap).forEach(function (el) { el.setAttribute("aria-invalid", "true"); });
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "#" + p.target;
      a.textContent = p.message;
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        var t = $(p.target), page = t && t.closest(".pg-step");
        if (page && page.hidden) { returnToCheck = current === "check"; show(page.getAttribute("data-step"), p.target); return; }
        if (t) { t.focus(); t.scrollIntoView({ block: "center" }); }
      });
      li.appendChild(a);
      ul.appendChild(li);
    });
    var box = $("pg-error-summary");
    box.hidden = !list.length;
    if (list.length) {
      document.title = (document.title.indexOf(M.error_prefix) === 0 ? "" : M.error_prefix) + document.title;
      box.focus();
    }
  }

  /* ---- repeatable groups -------------------------------------------------------------- */

  function renumber(group) {
    var rule = R.fields[group], list = entries(group);
    var idRe = new RegExp("^(f-" + group + "-)(\\d+|__i__)(-)"), nameRe = new RegExp("^(" + group + "\\[)(\\d+|__i__)(\\])");
    list.forEach(function (entry, i) {
      entry.querySelectorAll("*").forEach(function (el) {
        ["id", "for", "aria-describedby", "aria-labelledby"].forEach(function (attr) {
          var v = el.getAttribute(attr);
          if (v) el.setAttribute(attr, v.split(" ").map(function (t) { return t.replace(idRe, "$1" + i + "$3"); }).join(" "));
        });
        if (el.name) el.name = el.name.replace(nameRe, "$1" + i + "$3");
      });
      var name = rule.entry_name || rule.label;
      entry.querySelector("legend").textContent = fmt(M.entry, { label: name.charAt(0).toUpperCase() + name.slice(1), n: i + 1 });
      var rm = entry.querySelector("[data-action=remove]");
      if (rm) { rm.textContent = fmt(M.remove_entry, { label: name, n: i + 1 }); rm.hidden = list.length <= rule.repeat.min; }
    });
    var add = $("f-" + group + "-field").querySelector("[data-action=add]");
    if (add) add.hidden = !!rule.repeat.max && list.length >= rule.repeat.max;
    var empty = $("f-" + group + "-empty");
    if (empty) empty.hidden = list.length > 0;
  }

  // One more entry, from the group's template (Add, and a draft being restored).
  function appendEntry(group) {
    var tpl = $("f-" + group + "-template");
    var entry = tpl.content.firstElementChild.cloneNode(true);
    $("f-" + group + "-entries").appendChild(entry);
    renumber(group);
    return entry;
  }

  function addEntry(group) {
    var entry = appendEntry(group);
    refresh();
    var n = entries(group).length;
    $("f-" + group + "-status").textContent = fmt(M.entry_added, { label: R.fields[group].entry_name || R.fields[group].label, n: n });
    firstControl(entry.querySelector(".pg-field")).focus();
  }

  function removeEntry(group, entry) {
    entry.parentNode.removeChild(entry);
    renumber(group);
    refresh();
    $("f-" + group + "-status").textContent = fmt(M.entry_removed, { label: R.fields[group].label });
    var add = $("f-" + group + "-field").querySelector("[data-action=add]");
    (add && !add.hidden ? add : $("f-" + group)).focus();
  }

  /* ---- a draft restored ----------------------------------------------------------------- */

  // Put one answer (as a submission or a draft carries it) back into its question's controls.
  function put(rule, wrap, v) {
    if (!wrap) return;
    var els = controls(wrap), k = rule.kind;
    if (!els.length) return;
    if (k === "boolean") { els[0].checked = v === true; return; }
    if (k === "multichoice") {
      var list = Array.isArray(v) ? v.map(String) : [];
      els.forEach(function (e) { e.checked = list.indexOf(e.value) >= 0; });
      return;
    }
    var s = v === null || v === undefined || typeof v === "object" ? "" : String(v);
    if (k === "choice") {
      els.forEach(function (e) { if (e.type === "radio") e.checked = e.value === s; else e.value = s; });
      return;
    }
    els[0].value = s;
  }

  // Fill the form from a draft's answers; a question the draft does not name keeps its value.
  function fill(answers) {
    ORDER.forEach(function (id) {
      var rule = R.fields[id], v = own(answers, id);
      if (v === undefined) return;
      if (rule.kind !== "group") { put(rule, fieldWrap(id), v); return; }
      if (!Array.isArray(v)) return;
      var repeatable = !!$("f-" + id + "-template"), list = entries(id);
      while (repeatable && list.length < v.length && !(rule.repeat.max && list.length >= rule.repeat.max)) {
        appendEntry(id);
        list = entries(id);
      }
      while (repeatable && list.length > Math.max(v.length, rule.repeat.min)) {
        list[list.length - 1].parentNode.removeChild(list[list.length - 1]);
        list = entries(id);
      }
      renumber(id);
      v.forEach(function (row, i) {
        if (!list[i] || !row || typeof row !== "object") return;
        rule.order.forEach(function (cid) {
          var cv = own(row, cid);
          if (cv !== undefined) put(rule.fields[cid], fieldWrap(cid, list[i]), cv);
        });
      });
    });
    refresh();
  }

  // Open the step a draft was saved on, if it is still asked; else the first step.
  function resume(step) {
    refresh();
    returnToCheck = false;
    var ids = visibleSteps().map(function (s) { return s.id; });
    if (step === "check" || (step !== null && ids.indexOf(step) >= 0)) show(step);
    else show(ids.length ? ids[0] : "check");
  }

  /* ---- navigation ---------------------------------------------------------------------- */

  function go(delta) {
    refresh();
    var steps = visibleSteps(), ids = steps.map(function (s) { return s.id; });
    var at = ids.indexOf(current);
    if (delta > 0 && at >= 0) {
      var list = problems(steps[at]);
      if (list.length) { report(list); return; }
      if (returnToCheck) { returnToCheck = false; show("check"); return; }
    }
    if (current === "start") { show(ids.length ? ids[0] : "check"); return; }
    if (current === "check") { show(ids.length ? ids[ids.length - 1] : "start"); return; }
    if (at < 0) { show(ids.length ? ids[0] : "check"); return; }  // this step's questions all went away
    var next = at + delta;
    show(next < 0 ? "start" : next >= ids.length ? "check" : ids[next]);
  }

  function start() {
    form.noValidate = true;
    document.documentElement.classList.add("pg-js");
    document.querySelectorAll("[data-js-only]").forEach(function (el) {
      if (el.id !== "pg-check") el.hidden = false;
    });
    document.querySelectorAll("[data-nojs-only]").forEach(function (el) { el.hidden = true; });
    Object.keys(R.fields).forEach(function (id) { if (R.fields[id].kind === "group" && $("f-" + id + "-template")) renumber(id); });
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    form.addEventListener("submit", review.submit);
    // The browser's Back button goes to the previous step, not away from the form.
    if (window.history && history.replaceState) history.replaceState({ procgen: "start" }, "");
    window.addEventListener("popstate", function (ev) {
      var name = ev.state && ev.state.procgen;
      if (!name || current === "sent") return;
      returnToCheck = false;
      refresh();
      show(name === "sent" ? "check" : name, null, true);
    });
    form.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-action]");
      if (!b) return;
      var a = b.getAttribute("data-action");
      if (a === "start" || a === "continue") go(1);
      else if (a === "back") { returnToCheck = false; go(-1); }
      else if (a === "add") addEntry(b.closest("[data-group]").getAttribute("data-group"));
      else if (a === "remove") removeEntry(b.closest("[data-group]").getAttribute("data-group"), b.closest("[data-entry]"));
      else if (a === "save") draft.save();
    });
    refresh();
    current = "start";
    document.querySelectorAll(".pg-page").forEach(function (s) { s.hidden = s.id !== "pg-start"; });
    // A link to a saved draft (#draft=TOKEN): opened, or pasted into this page's address.
    window.addEventListener("hashchange", draft.restore);
    draft.restore();
  }

  var picker = $("pg-locality");  // the province picker, when nothing in the form says it
  if (picker) picker.addEventListener("change", function () { refresh(); });

  var review = globalThis.ProcgenFormReview({
    E: E, C: C, R: R, M: M, form: form, $: $, fmt: fmt, today: today, holds: holds, isEmpty: isEmpty, own: own,
    state: function () { return state; }, visibleSteps: visibleSteps, fieldWrap: fieldWrap,
    firstControl: firstControl, show: show, report: report, problems: problems, refresh: refresh,
    changeFrom: function (step, target) { returnToCheck = true; show(step, target); }
  });
  var draft = globalThis.ProcgenFormDraft({
    R: R, M: M, fmt: fmt, refresh: refresh, answers: review.answers, fill: fill, resume: resume,
    current: function () { return current; }, page: function () { return pageOf(current); }
  });
  start();
})();
