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
