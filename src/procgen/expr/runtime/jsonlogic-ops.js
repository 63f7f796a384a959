/*
 * procgen's custom JSON Logic operations (docs/expressions.md, "JSON Logic").
 *
 * Register them once on a json-logic-js instance before applying procgen rules:
 *
 *   // node
 *   const jsonLogic = require("json-logic-js");
 *   require("./jsonlogic-ops.js").register(jsonLogic);
 *   // browser: load this file after logic.js, then
 *   ProcgenJsonLogicOps.register(window.jsonLogic);
 *
 * Apply a rule to the data {"answers": {...}, "row": {...}, "today": "YYYY-MM-DD"}.
 * Mobile teams using another JSON Logic library implement the same four operations:
 *
 *   pg_round(x)             round to a whole number, halves up (towards +infinity)
 *   pg_age(d, today)        whole years from date d to today
 *   pg_days_between(a, b)   b - a in days (dates "YYYY-MM-DD", proleptic Gregorian)
 *   pg_len(x)               characters (Unicode code points) of a text, items of a list;
 *                           0 for null
 *
 * Each returns null when an argument is null (procgen never relies on it: rules are guarded).
 *
 * register() also replaces the built-in `var` with one that reads only own properties:
 * json-logic-js's own `var` walks inherited ones, so {"var": "answers.constructor"} gives
 * Object's constructor function when "constructor" (a valid field id) is unanswered, and
 * {"var": "answers.toString"} a function for any data. procgen's `var` means what JSON Logic
 * says for plain data (a dotted path, numeric steps into lists, an optional default, "" for
 * the whole data) and gives the default (null) for any name the data does not itself hold.
 * Another JSON Logic library must resolve `var` the same way (e.g. a Map, or an own-key check).
 * No dependencies; no eval.
 */
(function (root) {
  "use strict";

  function isNull(x) {
    return x === null || x === undefined;
  }

  function daysFromCivil(text) {
    // Howard Hinnant's days_from_civil: days since 1970-01-01 for a "YYYY-MM-DD" date.
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

  var HAS = Object.prototype.hasOwnProperty;

  // JSON Logic's `var`, through own properties only (see above).
  function ownVar(a, b) {
    var notFound = b === undefined ? null : b;
    var data = this;
    if (a === undefined || a === "" || a === null) return data;
    var steps = String(a).split(".");
    for (var i = 0; i < steps.length; i++) {
      if (data === null || data === undefined) return notFound;
      if (!HAS.call(Object(data), steps[i])) return notFound;
      data = data[steps[i]];
      if (data === undefined) return notFound;
    }
    return data;
  }

  var ops = {
    pg_round: function (x) {
      if (isNull(x)) return null;
      var f = Math.floor(x);
      return (x - f >= 0.5 ? f + 1 : f) + 0;
    },
    pg_age: function (d, today) {
      if (isNull(d) || isNull(today)) return null;
      var years = parseInt(today.slice(0, 4), 10) - parseInt(d.slice(0, 4), 10);
      var tm = parseInt(today.slice(5, 7), 10), td = parseInt(today.slice(8, 10), 10);
      var dm = parseInt(d.slice(5, 7), 10), dd = parseInt(d.slice(8, 10), 10);
      if (tm < dm || (tm === dm && td < dd)) years -= 1;
      return years;
    },
    pg_days_between: function (a, b) {
      if (isNull(a) || isNull(b)) return null;
      return daysFromCivil(b) - daysFromCivil(a);
    },
    pg_len: function (x) {
      if (isNull(x)) return 0;
      if (typeof x === "string") return Array.from(x).length;
      return x.length;
    }
  };

  var api = {
    ops: ops,
    daysFromCivil: daysFromCivil,
    ownVar: ownVar,
    register: function (jsonLogic) {
      Object.keys(ops).forEach(function (name) {
        jsonLogic.add_operation(name, ops[name]);
      });
      jsonLogic.add_operation("var", ownVar);
      return jsonLogic;
    }
  };

  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.ProcgenJsonLogicOps = api;
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
