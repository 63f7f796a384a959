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
