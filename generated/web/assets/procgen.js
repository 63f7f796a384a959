/* procgen web runtime: the expression runtime, then the form runtime. */
/*
 * procgen-expr.js: evaluates the compact expression form procgen compiles for web forms
 * (docs/expressions.md, "The web runtime form"). Dependency-free; no eval, no Function().
 *
 *   ProcgenExpr.evaluate(form, answers, today, row)  -> the value, or null for no value
 *   ProcgenExpr.holds(form, answers, today, row)     -> true only when the value is true
 *
 * answers: {fieldId: value} (absent or null = no value; dates "YYYY-MM-DD", multichoice
 * arrays, groups arrays of objects); today: "YYYY-MM-DD"; row: the group entry, for an
 * expression written inside a group. Numbers are doubles, exactly as procgen's Python
 * evaluator computes them.
 */
(function (root) {
  "use strict";

  var HAS = Object.prototype.hasOwnProperty;

  function isNull(x) {
    return x === null || x === undefined;
  }

  function daysFromCivil(text) {
    var y = parseInt(text.slice(0, 4), 10);
    var m = parseInt(text.slice(5, 7), 10);
    var d = parseInt(text.slice(8, 10), 10);
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  function age(d, today) {
    var years = parseInt(today.slice(0, 4), 10) - parseInt(d.slice(0, 4), 10);
    var tm = parseInt(today.slice(5, 7), 10), td = parseInt(today.slice(8, 10), 10);
    var dm = parseInt(d.slice(5, 7), 10), dd = parseInt(d.slice(8, 10), 10);
    if (tm < dm || (tm === dm && td < dd)) years -= 1;
    return years;
  }

  function roundHalfUp(x) {
    var f = Math.floor(x);
    return (x - f >= 0.5 ? f + 1 : f) + 0;
  }

  function lookup(source, name) {
    // Own entries only: a field named "constructor" or "toString" is never Object.prototype's.
    if (isNull(source) || typeof source !== "object" || !HAS.call(source, name)) return null;
    var v = source[name];
    return isNull(v) ? null : v;
  }

  function contains(container, item) {
    if (typeof container === "string") {
      return container !== "" && container.indexOf(item) !== -1;
    }
    for (var i = 0; i < container.length; i++) {
      if (container[i] === item) return true;
    }
    return false;
  }

  function Context(answers, today, row) {
    this.answers = answers || Object.create(null);
    this.today = today;
    this.row = row || null;
  }

  var OPS = {
    "var": function (c, f) { return lookup(c.answers, f[1]); },
    "row": function (c, f) { return lookup(c.row, f[1]); },
    "list": function (c, f) {
      var out = [];
      for (var i = 1; i < f.length; i++) out.push(ev(c, f[i]));
      return out;
    },
    "neg": function (c, f) {
      var x = ev(c, f[1]);
      return isNull(x) ? null : -x + 0;
    },
    "+": arith(function (a, b) { return a + b; }),
    "-": arith(function (a, b) { return a - b; }),
    "*": arith(function (a, b) { return a * b; }),
    "/": arith(function (a, b) { return b === 0 ? null : a / b; }),
    "round": function (c, f) {
      var x = ev(c, f[1]);
      return isNull(x) ? null : roundHalfUp(x);
    },
    "==": compare(function (a, b) { return a === b; }),
    "!=": compare(function (a, b) { return a !== b; }),
    "<": compare(function (a, b) { return a < b; }),
    "<=": compare(function (a, b) { return a <= b; }),
    ">": compare(function (a, b) { return a > b; }),
    ">=": compare(function (a, b) { return a >= b; }),
    "in": compare(function (a, b) { return contains(b, a); }),
    "not in": compare(function (a, b) { return !contains(b, a); }),
    "not": function (c, f) {
      var x = ev(c, f[1]);
      return isNull(x) ? null : !x;
    },
    "and": function (c, f) {
      var a = ev(c, f[1]);
      if (a === false) return false;
      var b = ev(c, f[2]);
      if (b === false) return false;
      return isNull(a) || isNull(b) ? null : true;
    },
    "or": function (c, f) {
      var a = ev(c, f[1]);
      if (a === true) return true;
      var b = ev(c, f[2]);
      if (b === true) return true;
      return isNull(a) || isNull(b) ? null : false;
    },
    "today": function (c) { return c.today; },
    "age": function (c, f) {
      var d = ev(c, f[1]);
      return isNull(d) ? null : age(d, c.today);
    },
    "days_between": function (c, f) {
      var a = ev(c, f[1]), b = ev(c, f[2]);
      return isNull(a) || isNull(b) ? null : daysFromCivil(b) - daysFromCivil(a);
    },
    "len": function (c, f) {
      var x = ev(c, f[1]);
      if (isNull(x)) return 0;
      return typeof x === "string" ? Array.from(x).length : x.length;
    },
    "count": function (c, f) {
      var g = ev(c, f[1]);
      return Array.isArray(g) ? g.length : 0;
    },
    "sum": function (c, f) {
      var rows = ev(c, f[1]), total = 0;
      if (!Array.isArray(rows)) return 0;
      for (var i = 0; i < rows.length; i++) {
        var v = isNull(rows[i]) || typeof rows[i] !== "object" ? null : lookup(rows[i], f[2]);
        if (!isNull(v)) total = total + v;
      }
      return total;
    },
    "answered": function (c, f) { return !isNull(ev(c, f[1])); }
  };

  function arith(op) {
    return function (c, f) {
      var a = ev(c, f[1]), b = ev(c, f[2]);
      return isNull(a) || isNull(b) ? null : op(a, b);
    };
  }

  function compare(op) {
    return function (c, f) {
      var a = ev(c, f[1]), b = ev(c, f[2]);
      return isNull(a) || isNull(b) ? false : op(a, b);
    };
  }

  function ev(c, form) {
    if (!Array.isArray(form)) return form;
    var op = HAS.call(OPS, form[0]) ? OPS[form[0]] : null;
    if (op === null) throw new Error("procgen-expr: unknown operation " + String(form[0]));
    return op(c, form);
  }

  var api = {
    evaluate: function (form, answers, today, row) {
      var v = ev(new Context(answers, today, row), form);
      return v === undefined ? null : v;
    },
    holds: function (form, answers, today, row) {
      return api.evaluate(form, answers, today, row) === true;
    },
    operations: Object.keys(OPS)
  };

  if (typeof module === "object" && module.exports) {
    module.exports = api;
  }
  root.ProcgenExpr = api;
})(typeof globalThis !== "undefined" ? globalThis : this);

/*
 * procgen-check.js: whether one answer fits one question, as the web form judges it
 * (docs/targets/web.md, "How an answer is checked"). Pure: no DOM, so it runs in the page
 * and under node (tests/differential), where it is held to procgen.model.answer.problems.
 *
 *   var C = ProcgenCheck(R, E);   // R: the page rules (kinds, formats, messages), E: ProcgenExpr
 *   C.problem(rule, value)        -> the first problem of a given answer, or null
 *   C.field(rule, parsed, answers, row, today) -> the first problem of a question, or null
 *   C.message(rule, problem)      -> its text in the page's language
 *   C.shaped(kind, text)          -> whether a text has its kind's format (a real date…)
 *
 * A problem is {check, key, params}: check is the step of procgen.model.answer ("type",
 * "option", "format", "min", "max", "min_length", "max_length", "pattern", "entries", and
 * here also "required" and "constraint"), key the wording key (err_...). Field kinds' facts
 * (JSON type, format pattern and message key) come from the rules as data (R.kinds,
 * R.formats): this file holds no pattern of its own.
 */
(function (root) {
  "use strict";

  var HAS = Object.prototype.hasOwnProperty;
  function own(map, key) { return map != null && HAS.call(map, key) ? map[key] : undefined; }
  function isEmpty(v) { return v === null || v === undefined || (Array.isArray(v) && !v.length); }
  function isWhole(v) { return typeof v === "number" && Number.isInteger(v); }
  function fmt(t, v) {
    return t.replace(/\{(\w+)\}/g, function (m, k) { var x = own(v, k); return x === undefined ? m : String(x); });
  }
  function problem(check, key, params) { return { check: check, key: key, params: params || {} }; }

  // procgen's pattern dialect reads the same with the u and the v flag (docs/dsl.md#patterns).
  var compiled = Object.create(null);
  function regex(source) {
    if (!HAS.call(compiled, source)) {
      var re = null;
      try { re = new RegExp(source, "u"); } catch (e) { re = null; }
      compiled[source] = re;
    }
    return compiled[source];
  }
  function matches(source, v) { var re = regex(source); return re === null || re.test(v); }

  // The proleptic Gregorian calendar of Python's datetime.date: year 1 to 9999.
  function isRealDate(v) {
    var y = parseInt(v.slice(0, 4), 10), m = parseInt(v.slice(5, 7), 10), d = parseInt(v.slice(8, 10), 10);
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }
  function optionValue(x) { return typeof x === "string" || isWhole(x); }

  root.ProcgenCheck = function (R, E) {
    var KINDS = R.kinds, FORMATS = R.formats, M = R.messages;

    // Whether a text has the shape of its kind (true for a kind without a format): the
    // format's pattern, and for a date a real calendar day.
    function shaped(kind, v) {
      var format = own(FORMATS, kind);
      if (!format) return true;
      return typeof v === "string" && matches(format.pattern, v) && (kind !== "date" || isRealDate(v));
    }

    function hasType(rule, facts, v) {
      var k = rule.kind;
      if (k === "choice") return optionValue(v);
      if (facts.json_type === "string") return typeof v === "string";
      // A number answer is within ±(2^53 - 1) (facts.safe), whatever the field says.
      if (facts.json_type === "integer") return isWhole(v) && Math.abs(v) <= facts.safe;
      if (facts.json_type === "number") return typeof v === "number" && Math.abs(v) <= facts.safe;
      if (facts.json_type === "boolean") return typeof v === "boolean";
      if (!Array.isArray(v)) return false;
      if (k === "multichoice") return v.every(optionValue);
      return v.every(function (x) { return x !== null && typeof x === "object" && !Array.isArray(x); });
    }

    // procgen.model.answer.problems, first problem only, in its order.
    function answerProblem(rule, v) {
      var k = rule.kind, facts = own(KINDS, k);
      if (!hasType(rule, facts, v)) return problem("type", facts.type_message);
      if ((k === "choice" || k === "multichoice") && rule.values && rule.values.length) {
        var items = Array.isArray(v) ? v : [v];
        var bad = items.filter(function (x) { return rule.values.indexOf(x) < 0; });
        if (bad.length) return problem("option", "err_option", { value: bad[0] });
        if (Array.isArray(v)) {
          var seen = Object.create(null);
          for (var i = 0; i < v.length; i++) {
            var id = typeof v[i] + ":" + String(v[i]);
            if (seen[id]) return problem("option", "err_option_twice");
            seen[id] = true;
          }
        }
      }
      if (!shaped(k, v)) return problem("format", own(FORMATS, k).message);
      if (facts.numeric || k === "date") {
        var date = k === "date";
        if (rule.min !== undefined && v < rule.min) return problem("min", date ? "err_date_min" : "err_min", { min: rule.min });
        if (rule.max !== undefined && v > rule.max) return problem("max", date ? "err_date_max" : "err_max", { max: rule.max });
      }
      if (facts.textual || (k === "multichoice" && v.length)) {
        var many = k === "multichoice", len = many ? v.length : Array.from(v).length;
        if (rule.min_length !== undefined && len < rule.min_length) {
          return problem("min_length", many ? "err_min_items" : "err_min_length", { n: rule.min_length });
        }
        if (rule.max_length !== undefined && len > rule.max_length) {
          return problem("max_length", many ? "err_max_items" : "err_max_length", { n: rule.max_length });
        }
      }
      if (rule.pattern !== undefined && typeof v === "string" && !matches("^(?:" + rule.pattern + ")$", v)) {
        return problem("pattern", "err_pattern");
      }
      if (k === "group") return entries(rule, v.length, false);
      return null;
    }

    // A group's number of entries; a required group needs at least one.
    function entries(rule, n, required) {
      var rep = rule.repeat, need = Math.max(rep.min, required ? 1 : 0);
      if (n < need) return problem("entries", "err_min_entries", { n: need });
      if (rep.max !== null && rep.max !== undefined && n > rep.max) return problem("entries", "err_max_entries", { n: rep.max });
      return null;
    }

    function holds(cond, answers, today, row) {
      if (cond === true || cond === false || cond === null || cond === undefined) return cond === true;
      return E.holds(cond, answers, today, row || null);
    }

    // One shown question: parsed is {value, error} (error: the key of an answer the page
    // could not read, e.g. letters in a number). Unanswered: required or not; answered: the
    // answer's own problems, then the constraint (only false rejects: "no value" passes).
    function field(rule, parsed, answers, row, today) {
      var v = parsed.value, k = rule.kind;
      if (parsed.error) {
        var shape = own(FORMATS, k);
        return problem(shape && shape.message === parsed.error ? "format" : "type", parsed.error);
      }
      if (k === "group") {
        var rows = v || [];
        if (!rows.length && holds(rule.required, answers, today, row)) return entries(rule, 0, true);
        return answerProblem(rule, rows);
      }
      if (isEmpty(v)) {
        if (k === "boolean" || !holds(rule.required, answers, today, row)) return null;
        return problem("required", k === "choice" || k === "multichoice" ? "err_required_choice" : "err_required");
      }
      var found = answerProblem(rule, v);
      if (found) return found;
      if (rule.constraint !== undefined && E.evaluate(rule.constraint, answers, today, row || null) === false) {
        return problem("constraint", "err_constraint");
      }
      return null;
    }

    // The field's own wording of the key (rule.messages, when the rules carry it) or the
    // page's; a constraint speaks with its own constraint_message.
    function message(rule, p) {
      if (p.check === "constraint" && rule.constraint_message) return rule.constraint_message;
      var params = { label: rule.label };
      Object.keys(p.params).forEach(function (key) { params[key] = p.params[key]; });
      var text = own(rule.messages, p.key);
      if (text === undefined) text = own(M, p.key);
      if (text === undefined) text = M.err_constraint;
      return fmt(text, params);
    }

    // The locality whose amounts and offices apply (R.localities, the model's LocalFacts):
    // a site's own; else the locality question's answer; else the province picked.
    function place(answers, picked) {
      var L = R.localities;
      if (!L) return null;
      if (L.site) return own(L.places, L.order[0]) || null;
      var id = L.field ? own(L.options, String(answers[L.field])) : picked;
      return (id && own(L.places, id)) || null;
    }

    // The online fees for the answers, as procgen quote computes them: a fee applies when the
    // day is in its window and its `when` holds; an amount with no value is not charged; an
    // exemption makes it 0; a locality-set fee takes the place's amount (null: not known),
    // a placeholder amount counts but marks the total provisional. total is null until every
    // amount is known.
    function fees(answers, today, where) {
      var known = 0, complete = true, provisional = false;
      var rows = R.fees.map(function (fee) {
        var applies = (!fee.valid_from || today >= fee.valid_from) &&
          (!fee.valid_until || today <= fee.valid_until) &&
          (fee.when === undefined || holds(fee.when, answers, today));
        var exempt = applies && fee.exemptions.some(function (c) { return holds(c, answers, today); });
        var amount = null, placeholder = false;
        if (applies && fee.set_by_locality) {
          var local = where ? own(where.fees, fee.id) : undefined;
          if (exempt) amount = 0;
          else if (local) { amount = local.amount; placeholder = local.placeholder; }
        } else if (applies) {
          amount = typeof fee.amount === "number" ? fee.amount : E.evaluate(fee.amount, answers, today, null);
          if (amount === null) applies = false;
          else if (exempt) amount = 0;
          else if (amount % 1 !== 0) amount = Math.floor(amount + 0.5);  // whole đồng, half up
        }
        if (applies) {
          if (amount === null) complete = false; else known += amount;
          provisional = provisional || placeholder;
        }
        return { id: fee.id, applies: applies, amount: amount, exempt: exempt, placeholder: placeholder };
      });
      return { rows: rows, total: complete ? known : null, known: known, complete: complete,
               provisional: provisional };
    }

    return { problem: answerProblem, entries: entries, field: field, message: message, shaped: shaped,
             place: place, fees: fees };
  };

  // The two helpers the form uses too, so it holds no copy of them.
  root.ProcgenCheck.own = own;
  root.ProcgenCheck.fmt = fmt;

  if (typeof module === "object" && module.exports) module.exports = root.ProcgenCheck;
})(typeof globalThis !== "undefined" ? globalThis : this);

/*
 * procgen-review.js: the check-your-answers page of a procgen web form, its live fee total and
 * the submission (docs/targets/web.md). procgen-form.js calls ProcgenFormReview(F) with its
 * internals (rules, state, navigation); like it, this writes text only through textContent.
 */
(function (root) {
  "use strict";

  root.ProcgenFormReview = function (F) {
    var E = F.E, R = F.R, M = F.M, $ = F.$, fmt = F.fmt, isEmpty = F.isEmpty, form = F.form;
    var own = F.own;  // an id's own entry in a map, never an inherited member
    var C = F.C;  // the pure check: also the fee arithmetic (C.fees) and the place (C.place)

    /* ---- check your answers, fees -------------------------------------------------------- */

    function display(rule, v) {
      if (isEmpty(v)) return M.not_answered;
      if (rule.kind === "boolean") return v ? M.yes : M.no;
      if (rule.options) {
        return (Array.isArray(v) ? v : [v]).map(function (x) { return own(rule.options, String(x)) || String(x); }).join(", ");
      }
      if (rule.kind === "money") return money(v);
      if (rule.kind === "date" && F.C.shaped(rule.kind, v)) {
        return new Date(v + "T00:00:00Z").toLocaleDateString(R.lang === "en" ? "en-GB" : R.lang,
          { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      }
      return String(v);
    }

    function money(n) {
      var s = String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, R.lang === "vi" ? "." : ",");
      return s + " ₫";
    }

    function row(dl, label, value, target, step) {
      var div = document.createElement("div"), dt = document.createElement("dt");
      var dd = document.createElement("dd"), act = document.createElement("dd"), a = document.createElement("a");
      dt.textContent = label;
      value.split("\n").forEach(function (line, i) {
        if (i) dd.appendChild(document.createElement("br"));
        dd.appendChild(document.createTextNode(line));
      });
      a.href = "#" + target;
      a.textContent = M.change;
      var hidden = document.createElement("span");
      hidden.className = "pg-visually-hidden";
      hidden.textContent = " " + label;
      a.appendChild(hidden);
      a.addEventListener("click", function (ev) { ev.preventDefault(); F.changeFrom(step, target); });
      act.className = "pg-summary-action";
      act.appendChild(a);
      div.appendChild(dt); div.appendChild(dd); div.appendChild(act);
      dl.appendChild(div);
    }

    function summary() {
      var state = F.state();
      var box = $("pg-summary");
      while (box.firstChild) box.removeChild(box.firstChild);
      F.visibleSteps().forEach(function (step) {
        var h = document.createElement("h3"), dl = document.createElement("dl"), section;
        h.textContent = step.title;
        dl.className = "pg-summary-list";
        box.appendChild(h);
        // The answers of a block used with a heading (the building site's address) go under
        // that heading, as they were asked; the list resumes after it.
        function under(heading) {
          if (heading === section) return;
          if (dl.firstChild) box.appendChild(dl);
          section = heading;
          if (heading) {
            var h4 = document.createElement("h4");
            h4.textContent = heading;
            box.appendChild(h4);
          }
          dl = document.createElement("dl");
          dl.className = "pg-summary-list";
        }
        step.fields.forEach(function (id) {
          if (!state.visible[id]) return;
          var rule = R.fields[id];
          under(rule.section);
          if (rule.kind !== "group") {
            row(dl, rule.label, display(rule, state.answers[id]), F.firstControl(F.fieldWrap(id)).id, step.id);
            return;
          }
          state.rows[id].forEach(function (r, i) {
            var lines = rule.order.filter(function (c) { return r.visible[c]; }).map(function (c) {
              return rule.fields[c].label + ": " + display(rule.fields[c], r.row[c]);
            });
            row(dl, fmt(M.entry, { label: rule.label, n: i + 1 }), lines.join("\n"), F.firstControl(r.entry).id, step.id);
          });
          if (!state.rows[id].length) row(dl, rule.label, M.not_answered, "f-" + id, step.id);
        });
        step.documents.forEach(function (id) {
          if (!state.docs[id]) return;
          var input = $("d-" + id), file = input.files && input.files[0];
          under(undefined);
          row(dl, R.documents[id].label, file ? file.name : M.not_answered, "d-" + id, step.id);
        });
        if (dl.firstChild) box.appendChild(dl);
      });
      fees();
    }

    // The province whose amounts and offices apply (R.localities; see ProcgenCheck.place).
    function where() {
      var picker = $("pg-locality");
      return C.place(F.state().answers, picker ? picker.value : null);
    }

    function amountText(row) {
      if (row.exempt) return M.fee_exempt;
      if (row.amount === null) return M.fee_unknown;
      if (row.placeholder) return M.local_fee_placeholder;
      return money(row.amount);
    }

    function totalText(q) {
      if (!q.complete) return fmt(M.total_plus_local, { amount: money(q.known) });
      if (q.provisional) return fmt(M.total_provisional, { amount: money(q.known) });
      return money(q.total);
    }

    function fees() {
      var q = C.fees(F.state().answers, F.today(), where());
      q.rows.forEach(function (row) {
        var tr = form.querySelector('[data-fee="' + row.id + '"]');
        tr.hidden = !row.applies;
        tr.querySelector(".pg-amount").textContent = amountText(row);
      });
      var cell = $("pg-fee-total");
      if (cell) cell.textContent = totalText(q);
      return q;
    }

    // The confirmation keeps what was due when the application was sent.
    function sentFees() {
      var list = $("pg-sent-fees");
      if (!list) return;
      var q = C.fees(F.state().answers, F.today(), where());
      while (list.firstChild) list.removeChild(list.firstChild);
      function line(label, value) {
        var div = document.createElement("div"), dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = label; dd.textContent = value;
        div.appendChild(dt); div.appendChild(dd); list.appendChild(div);
      }
      q.rows.forEach(function (row, i) { if (row.applies) line(R.fees[i].label, amountText(row)); });
      line(M.total, totalText(q));
    }

    function office(o) {
      var li = document.createElement("li"), name = document.createElement("span");
      name.className = "pg-office-name";
      name.textContent = o.name;
      li.appendChild(name);
      function add(node) { li.appendChild(document.createElement("br")); li.appendChild(node); }
      if (o.placeholder) {
        var note = document.createElement("span");
        note.className = "pg-office-note";
        note.textContent = M.local_office_placeholder;
        add(note);
        return li;
      }
      [["address", M.local_address], ["hours", M.local_hours], ["phone", M.local_phone]].forEach(function (k) {
        if (o[k[0]]) add(document.createTextNode(k[1] + ": " + o[k[0]]));
      });
      [["map", M.local_map], ["url", M.local_web]].forEach(function (k) {
        if (!o[k[0]] || !/^https?:\/\//.test(o[k[0]])) return;
        var a = document.createElement("a"), hidden = document.createElement("span");
        a.href = o[k[0]]; a.rel = "noopener noreferrer"; a.textContent = k[1];
        hidden.className = "pg-visually-hidden"; hidden.textContent = ": " + o.name;
        a.appendChild(hidden);
        add(a);
      });
      return li;
    }

    // The start page's local amounts and every offices block, for the province now known.
    function local() {
      var L = R.localities;
      if (!L || L.site) return;
      var p = where();
      form.querySelectorAll("[data-local-fee]").forEach(function (td) {
        if (!td.hasAttribute("data-national")) td.setAttribute("data-national", td.textContent);
        var amount = p ? own(p.fees, td.getAttribute("data-local-fee")) : undefined;
        td.textContent = !p ? td.getAttribute("data-national")
          : amountText({ exempt: false, amount: amount ? amount.amount : null, placeholder: amount ? amount.placeholder : false });
      });
      document.querySelectorAll("[data-offices]").forEach(function (box) {
        if (!box.hasAttribute("data-note")) {
          var first = box.querySelector(".pg-offices-note");
          box.setAttribute("data-note", first ? first.textContent : "");
        }
        while (box.firstChild) box.removeChild(box.firstChild);
        if (p && p.offices.length) {
          var ul = document.createElement("ul");
          ul.className = "pg-office-list";
          p.offices.forEach(function (o) { ul.appendChild(office(o)); });
          box.appendChild(ul);
        } else {
          var para = document.createElement("p");
          para.className = "pg-offices-note";
          para.textContent = p ? M.fee_unknown : box.getAttribute("data-note");
          box.appendChild(para);
        }
      });
    }

    /* ---- submission -------------------------------------------------------------------- */

    function part(boundary, name, value, type, filename) {
      var head = "--" + boundary + '\r\nContent-Disposition: form-data; name="' + name.replace(/["\r\n\\]/g, "_") + '"';
      if (filename !== undefined) head += '; filename="' + filename.replace(/["\r\n\\]/g, "_") + '"';
      if (type) head += "\r\nContent-Type: " + type;
      return [head + "\r\n\r\n", value, "\r\n"];
    }

    // What is sent, as one object: field id → typed answer (a group: a list of entry
    // objects), the shown questions of the shown steps only. A draft saves exactly this.
    function answers() {
      var state = F.state(), out = Object.create(null);
      F.visibleSteps().forEach(function (step) {
        step.fields.forEach(function (id) {
          var v = state.answers[id];
          if (state.visible[id] && !isEmpty(v)) out[id] = v;
        });
      });
      return out;
    }

    function body() {
      var state = F.state();
      var boundary = "procgen-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
      var parts = [];
      // What the server put in the form for itself (its CSRF token: a hidden _csrf input)
      // travels as it would in the browser's own post: one text part per hidden input whose
      // name begins with "_" (the server's own; a yes/no's hidden "false" is the form's).
      Array.prototype.forEach.call(form.querySelectorAll('input[type=hidden][name^="_"]'), function (el) {
        parts = parts.concat(part(boundary, el.name, el.value));
      });
      F.visibleSteps().forEach(function (step) {
        step.fields.forEach(function (id) {
          var v = state.answers[id], rule = R.fields[id];
          if (!state.visible[id] || isEmpty(v)) return;
          if (rule.kind === "group") {
            // One application/json part per entry, all named by the group (the OpenAPI
            // encoding: docs/targets/openapi.md, "Multipart encoding").
            v.forEach(function (entry) {
              parts = parts.concat(part(boundary, id, JSON.stringify(entry), "application/json"));
            });
          } else if (Array.isArray(v)) {
            v.forEach(function (x) { parts = parts.concat(part(boundary, id, String(x))); });
          } else {
            parts = parts.concat(part(boundary, id, String(v)));
          }
        });
        step.documents.forEach(function (id) {
          var input = $("d-" + id), file = input.files && input.files[0];
          if (state.docs[id] && file) parts = parts.concat(part(boundary, id, file, file.type || "application/octet-stream", file.name));
        });
      });
      parts.push("--" + boundary + "--\r\n");
      return { blob: new Blob(parts), type: "multipart/form-data; boundary=" + boundary };
    }

    // The API's 422 problem: {"errors": [{"pointer": "#/field" | "#/group/0/child", "detail"}]}.
    // Its problems are shown like the form's own, each linking to its question.
    function rejected(text) {
      var problem;
      try { problem = JSON.parse(text); } catch (e) { return false; }
      var list = ((problem && problem.errors) || []).map(function (e) {
        var path = String(e.pointer || "").replace(/^#\//, "").split("/");
        var id = own(R.documents, path[0]) ? "d-" + path[0] : path.length === 3 ? "f-" + path.join("-") : "f-" + path[0];
        var target = $(id) && $(id).closest(".pg-field") ? F.firstControl($(id).closest(".pg-field")) : $(id);
        return target ? { wrap: target.closest(".pg-field"), target: target.id, message: String(e.detail || e.code || M.send_failed) } : null;
      }).filter(Boolean);
      if (!list.length) return false;
      F.report(list);
      return true;
    }

    function submit(ev) {
      ev.preventDefault();
      F.refresh();
      var steps = F.visibleSteps();
      for (var i = 0; i < steps.length; i++) {
        var list = F.problems(steps[i]);
        if (list.length) { F.show(steps[i].id); F.report(list); return; }
      }
      var status = $("pg-send-status"), button = $("pg-submit");
      var b = body();
      status.textContent = M.sending;
      button.disabled = true;
      fetch(form.getAttribute("action"), { method: "POST", body: b.blob, headers: { "Content-Type": b.type }, credentials: "same-origin" })
        .then(function (res) {
          return res.text().then(function (text) {
            if (res.status === 422 && rejected(text)) return null;
            if (!res.ok) throw new Error(String(res.status));
            return text;
          });
        })
        .then(function (text) {
          if (text === null) { status.textContent = ""; button.disabled = false; return; }
          var ref = null;
          // The API answers with its ApplicationStatus: the reference is its application_id.
          try {
            var j = JSON.parse(text), id = j && typeof j === "object" ? j.application_id : null;
            ref = typeof id === "string" || typeof id === "number" ? String(id) : null;
          } catch (e) { ref = null; }
          $("pg-sent-reference").textContent = ref ? fmt(M.reference, { ref: ref }) : "";
          sentFees();
          local();
          F.show("sent");
          $("pg-sent").focus();
        })
        .catch(function () { status.textContent = M.send_failed; button.disabled = false; });
    }

    return { summary: summary, fees: fees, local: local, submit: submit, answers: answers };
  };
})(globalThis);

/*
 * procgen-draft.js: "Save and continue later" for a procgen web form (docs/targets/web.md,
 * "Drafts"). procgen-form.js calls ProcgenFormDraft(F) with its internals. The first save
 * POSTs {answers, step} to {api}/procedures/{id}/drafts, later ones PUT to the draft,
 * {api}/procedures/{id}/drafts/{token}; a page opened at #draft=TOKEN GETs the draft and
 * fills the form with it. The
 * answers are exactly what a submission sends (files are not kept). Like the rest of the
 * runtime, this writes text only through textContent and DOM nodes.
 */
(function (root) {
  "use strict";
  var TOKEN = /^[A-Za-z0-9_-]{43}$/;

  root.ProcgenFormDraft = function (F) {
    var R = F.R, M = F.M, fmt = F.fmt;
    var token = null, busy = false;

    var DRAFTS = "/procedures/" + encodeURIComponent(R.procedure) + "/drafts";
    function address(path) { return R.api + path; }
    function request(method, path, payload) {
      var init = { method: method, headers: { Accept: "application/json" }, credentials: "same-origin" };
      if (payload !== undefined) {
        init.body = JSON.stringify(payload);
        init.headers["Content-Type"] = "application/json";
      }
      return fetch(address(path), init);
    }
    // A reply's draft: an object (when saved: with a well-formed token), else an error.
    function draft(res, saving) {
      return res.text().then(function (text) {
        var d = JSON.parse(text);
        if (!d || typeof d !== "object" || Array.isArray(d)) throw new Error("not a draft");
        if (saving && (typeof d.token !== "string" || !TOKEN.test(d.token))) throw new Error("no token");
        return d;
      });
    }

    /* ---- the status region of the page shown ------------------------------------------- */

    function region() {
      var page = F.page();
      return page ? page.querySelector("[data-draft-status]") : null;
    }
    function clear(box) { while (box.firstChild) box.removeChild(box.firstChild); }
    // lines: each a text or a list of texts and nodes, one paragraph each.
    function say(lines) {
      var box = region();
      document.querySelectorAll("[data-draft-status]").forEach(function (b) { if (b !== box) clear(b); });
      if (!box) return;
      clear(box);
      lines.forEach(function (line) {
        var p = document.createElement("p");
        (Array.isArray(line) ? line : [line]).forEach(function (n) {
          p.appendChild(typeof n === "string" ? document.createTextNode(n) : n);
        });
        box.appendChild(p);
      });
    }

    function day(iso) {
      var d = new Date(iso);
      if (typeof iso !== "string" || isNaN(d.getTime())) return null;
      return d.toLocaleDateString(R.lang === "en" ? "en-GB" : R.lang, { day: "numeric", month: "long", year: "numeric" });
    }

    function saved(d) {
      var link = document.createElement("a");
      link.href = location.href.split("#")[0] + "#draft=" + d.token;
      link.textContent = link.href;
      var lines = [M.draft_saved, [link]], until = day(d.expires_at);
      if (until) lines.push(fmt(M.draft_expires, { date: until }));
      if (Object.keys(R.documents).length) lines.push(M.draft_files);
      say(lines);
    }

    /* ---- saving ------------------------------------------------------------------------- */

    function save() {
      if (busy) return;  // the button keeps its focus: it is not disabled, a second click waits
      busy = true;
      F.refresh();
      var current = F.current();
      var payload = { answers: F.answers(), step: current === "start" || current === "sent" ? null : current };
      say([M.draft_saving]);
      function post() { return request("POST", DRAFTS, payload); }
      var sent = token === null ? post() : request("PUT", DRAFTS + "/" + token, payload).then(function (res) {
        if (res.status !== 404) return res;
        token = null;  // it expired meanwhile: a new draft, a new link
        return post();
      });
      sent.then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return draft(res, true);
      }).then(function (d) {
        token = d.token;
        saved(d);
      }).catch(function () { say([M.draft_save_failed]); })
        .then(function () { busy = false; });
    }

    /* ---- resuming ----------------------------------------------------------------------- */

    function restore() {
      var m = /^#draft=(.*)$/.exec(location.hash);
      if (!m) return;
      if (!TOKEN.test(m[1])) { say([M.draft_not_found]); return; }
      var wanted = m[1];
      request("GET", DRAFTS + "/" + wanted).then(function (res) {
        if (res.status === 404 || res.status === 410) return null;
        if (!res.ok) throw new Error(String(res.status));
        return draft(res, false);
      }).then(function (d) {
        if (d === null || (d.procedure !== undefined && d.procedure !== R.procedure)) {
          say([M.draft_not_found]);
          return;
        }
        var answers = d.answers && typeof d.answers === "object" && !Array.isArray(d.answers) ? d.answers : {};
        token = wanted;
        F.fill(answers);
        F.resume(typeof d.step === "string" ? d.step : null);
        say([M.draft_restored]);
      }).catch(function () { say([M.draft_restore_failed]); });
    }

    return { save: save, restore: restore };
  };
})(globalThis);

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
