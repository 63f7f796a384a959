// A reference mobile renderer's logic, written only from docs/targets/mobile.md: effective
// answers, visibility, requiredness, constraints, documents, screens skipped and the online fee
// quote, all from a
// generated mobile/<id>.json with json-logic-js and procgen's custom operations.
// Usage: node reference.js <node_modules> <src/procgen/expr/runtime>
// stdin: one JSON object per line {"doc": "<path of a mobile file>", "answers": {...},
//        "today": "YYYY-MM-DD"}; stdout: one result line per input (or {"$error": "..."}).
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const jsonLogic = require(path.join(process.argv[2], "json-logic-js"));
require(path.join(process.argv[3], "jsonlogic-ops.js")).register(jsonLogic);

const docs = new Map();
function load(file) {
  if (!docs.has(file)) docs.set(file, JSON.parse(fs.readFileSync(file, "utf8")));
  return docs.get(file);
}

const INPUTS = new Set(["text", "textarea", "number", "money", "date", "boolean", "choice",
  "multichoice", "national_id", "phone", "email", "address", "repeat_group"]);

function holds(rule, data) {
  return jsonLogic.apply(rule, data) === true;
}

function inputs(doc) {
  const out = [];
  doc.screens.forEach((s) => s.components.forEach((c) => { if (INPUTS.has(c.type)) out.push(c); }));
  return out;
}

function absent(v) {
  return v === null || v === undefined;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// docs/targets/mobile.md, "Effective answers".
function effective(components, raw, outer, today) {
  const typed = {};
  components.forEach((c) => {
    const v = raw[c.field];
    if (!absent(v)) typed[c.field] = v;
    else if (c.default !== undefined) typed[c.field] = JSON.parse(JSON.stringify(c.default));
    if (c.type === "multichoice" && Array.isArray(typed[c.field]) && typed[c.field].length === 0) {
      delete typed[c.field];
    }
  });
  let env = typed;
  for (let i = 0; i <= components.length; i++) {
    const data = outer ? { answers: Object.assign({}, outer), row: env, today: today }
      : { answers: env, row: {}, today: today };
    const settled = {};
    components.forEach((c) => {
      if (c.field in typed && holds(c.visible_when, data)) settled[c.field] = typed[c.field];
    });
    if (same(settled, env)) break;
    env = settled;
  }
  return env;
}

function judge(c, data, env, key, out) {
  const visible = holds(c.visible_when, data);
  const answered = visible && c.field in env;
  out[key] = {
    visible: visible,
    required: visible && holds(c.required, data),
    answered: answered,
    constraint_ok: !(answered && c.constraint && jsonLogic.apply(c.constraint.logic, data) === false),
  };
}

function run(req) {
  const doc = load(req.doc);
  const today = req.today;
  const top = inputs(doc);
  const env = effective(top, req.answers, null, today);
  top.forEach((c) => {
    if (c.type === "repeat_group" && c.field in env) {
      const rows = req.answers[c.field];
      env[c.field] = rows.map((row) => effective(c.components, row, env, today));
    }
  });
  const data = { answers: env, row: {}, today: today };
  const fields = {};
  top.forEach((c) => {
    judge(c, data, env, c.id, fields);
    if (c.type === "repeat_group" && Array.isArray(env[c.field])) {
      env[c.field].forEach((entry, i) => {
        const rowData = { answers: env, row: entry, today: today };
        c.components.forEach((child) => judge(child, rowData, entry, child.id + "#" + i, fields));
      });
    }
  });
  const documents = {};
  doc.screens.forEach((s) => s.components.forEach((c) => {
    if (c.type !== "document_capture") return;
    const visible = holds(c.visible_when, data);
    documents[c.document] = { visible: visible, required: visible && holds(c.required, data) };
  }));
  // docs/targets/mobile.md, "Fees": the quote for the online channel.
  const fees = [];
  doc.fees.forEach((f) => {
    if (f.channels.indexOf("online") < 0) return;
    if ((f.valid_from && today < f.valid_from) || (f.valid_until && today > f.valid_until)) return;
    if (!holds(f.when, data)) return;
    const exempt = f.exemptions.some((e) => holds(e.when, data));
    let amount = null;
    if ("fixed" in f.amount) amount = f.amount.fixed;
    else if ("logic" in f.amount) {
      amount = jsonLogic.apply(f.amount.logic, data);
      if (absent(amount)) return;
    }
    fees.push({ id: f.id, amount: exempt ? 0 : amount, exempt: exempt });
  });
  const screens = {};
  doc.screens.forEach((s) => { screens[s.id] = holds(s.visible_when, data); });
  return { env: env, fields: fields, documents: documents, fees: fees, screens: screens };
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  if (!line.trim()) return;
  let out;
  try {
    out = run(JSON.parse(line));
  } catch (e) {
    out = { $error: String(e && e.stack ? e.stack : e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
