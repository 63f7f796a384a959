// Test harness: one long-lived node process evaluating procgen expressions with json-logic-js
// (plus procgen's custom operations) and with procgen-expr.js.
// Usage: node harness.js <node_modules> <src/procgen/expr/runtime>
// stdin: one JSON object per line {"rule": ..., "form": ..., "answers": {...}, "row": {...} | null,
//        "today": "YYYY-MM-DD"}; stdout: one line per input {"jsonlogic": v, "runtime": v}
// (a value that JSON cannot hold is {"$special": "NaN"}; a crash is {"$error": "message"}).
"use strict";
const path = require("path");
const readline = require("readline");

const jsonLogic = require(path.join(process.argv[2], "json-logic-js"));
require(path.join(process.argv[3], "jsonlogic-ops.js")).register(jsonLogic);
const ProcgenExpr = require(path.join(process.argv[3], "procgen-expr.js"));

function encode(v) {
  if (typeof v === "number" && !Number.isFinite(v)) return { $special: String(v) };
  if (v === undefined) return { $special: "undefined" };
  if (Array.isArray(v)) return v.map(encode);
  return v;
}

function attempt(fn) {
  try {
    return encode(fn());
  } catch (e) {
    return { $error: String(e && e.message ? e.message : e) };
  }
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  if (!line.trim()) return;
  const req = JSON.parse(line);
  const data = { answers: req.answers, row: req.row || {}, today: req.today };
  const out = {
    jsonlogic: attempt(() => jsonLogic.apply(req.rule, data)),
    runtime: attempt(() => ProcgenExpr.evaluate(req.form, req.answers, req.today, req.row)),
  };
  process.stdout.write(JSON.stringify(out) + "\n");
});
