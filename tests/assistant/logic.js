// Test harness: evaluates the JSON Logic of the assistant files with json-logic-js and
// procgen's operations, as an assistant reading those files would.
// Usage: node logic.js <node_modules> <src/procgen/expr/runtime>
// stdin: one JSON object per line {"rules": [...], "answers": {...}, "today": "YYYY-MM-DD"};
// stdout: one line per input {"values": [...]} (a crash is {"$error": "message"}).
"use strict";
const path = require("path");
const readline = require("readline");

const jsonLogic = require(path.join(process.argv[2], "json-logic-js"));
require(path.join(process.argv[3], "jsonlogic-ops.js")).register(jsonLogic);

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  if (!line.trim()) return;
  const req = JSON.parse(line);
  const data = { answers: req.answers, row: {}, today: req.today };
  let out;
  try {
    out = { values: req.rules.map((rule) => jsonLogic.apply(rule, data)) };
  } catch (e) {
    out = { $error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
