// Reference checker for `x-procgen-rules`, written from docs/targets/openapi.md ("Checking an
// application") the way a locality's backend would: json-logic-js plus procgen's operations.
// Usage: node rules_check.js <node_modules> <src/procgen/expr/runtime>
// stdin, one JSON object a line: {"schema": <the answers object schema, x-procgen-rules inside,
//   with the spec's "components" beside its keys, for its $refs>, "answers": {...},
//   "files": [document ids sent] | null, "today": "YYYY-MM-DD"}
// stdout, one line each: {"violations": [{"rule": id, "pointer": "#/...", "code": ...}]}
// or {"$error": message}.
"use strict";
const path = require("path");
const readline = require("readline");

const jsonLogic = require(path.join(process.argv[2], "json-logic-js"));
require(path.join(process.argv[3], "jsonlogic-ops.js")).register(jsonLogic);

const isTrue = (logic, data) => jsonLogic.apply(logic, data) === true;
// Answers and rule tables are keyed by field ids, and "constructor" is a valid one: look up
// own entries only (a plain object's `in` and `[]` also find Object.prototype's members).
const has = (o, k) => o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);
const get = (o, k) => (has(o, k) ? o[k] : undefined);
const dict = () => Object.create(null);

// Step 1: absent answers take their `default`; an absent boolean is false; [] is no answer.
function effective(raw, props) {
  const out = dict();
  for (const [name, prop] of Object.entries(props)) {
    let v = get(raw, name);
    if (v === undefined || v === null) {
      if (prop.default !== undefined) v = prop.default;
      else if (prop.type === "boolean") v = false;
    }
    if (Array.isArray(v) && v.length === 0 && prop.type === "array" &&
        !(prop.items && prop.items.type === "object")) v = undefined;
    if (v !== undefined && v !== null) out[name] = v;
  }
  return out;
}

// Step 2: drop the answers of questions not asked (a `when` rule not true), until stable.
function settle(values, whenRules, data) {
  let env = values;
  for (let i = 0; i <= Object.keys(values).length; i++) {
    const d = data(env);
    const kept = dict();
    for (const [k, v] of Object.entries(values)) {
      if ((get(whenRules, k) || []).every((r) => isTrue(r.logic, d))) kept[k] = v;
    }
    if (JSON.stringify(kept) === JSON.stringify(env)) break;
    env = kept;
  }
  return env;
}

// A schema with its local reference (`#/components/schemas/...`) followed, its own keys on top:
// enums and group entries are named components.
function deref(root, node) {
  while (node && has(node, "$ref")) {
    let target = root;
    for (const t of node.$ref.replace(/^#\//, "").split("/")) {
      target = get(target, t.replace(/~1/g, "/").replace(/~0/g, "~"));
    }
    const rest = Object.assign(dict(), node);
    delete rest.$ref;
    node = Object.assign(dict(), target, rest);
  }
  return node;
}

function properties(root, schema) {
  const out = dict();
  for (const [name, prop] of Object.entries(schema.properties)) out[name] = deref(root, prop);
  return out;
}

function byField(rules, kind) {
  const out = dict();
  for (const r of rules) if (r.kind === kind && r.field) (out[r.field] = out[r.field] || []).push(r);
  return out;
}

function check(schema, raw, files, today) {
  const rules = schema["x-procgen-rules"];
  const top = rules.filter((r) => !r.group && r.field);
  const violations = [];
  const topData = (env) => ({ answers: env, row: {}, today });
  const props = properties(schema, schema);
  const env = settle(effective(raw, props), byField(top, "when"), topData);
  // Step 3: required and constraint rules on the effective answers.
  const judge = (list, values, given, data, prefix) => {
    const asked = (f) => (get(byField(list, "when"), f) || []).every((r) => isTrue(r.logic, data));
    for (const r of list) {
      if (!asked(r.field)) continue;
      if (r.kind === "required" && !has(values, r.field) && isTrue(r.logic, data)) {
        violations.push({ rule: r.id, pointer: prefix + r.field, code: "answer-missing" });
      }
      if (r.kind === "constraint" && get(given, r.field) !== undefined &&
          get(given, r.field) !== null && has(values, r.field) &&
          jsonLogic.apply(r.logic, data) === false) {
        violations.push({ rule: r.id, pointer: prefix + r.field, code: "answer-constraint" });
      }
    }
  };
  judge(top, env, raw, topData(env), "#/");
  // Step 4: each entry of a group, with `row` the entry.
  for (const [name, prop] of Object.entries(props)) {
    const items = deref(schema, prop.items);
    if (prop.type !== "array" || !items || items.type !== "object") continue;
    if (!has(env, name) || !Array.isArray(get(raw, name))) continue;
    const list = rules.filter((r) => r.group === name);
    get(raw, name).forEach((rawRow, i) => {
      const rowData = (rowEnv) => ({ answers: env, row: rowEnv, today });
      const rowEnv = settle(effective(rawRow, properties(schema, items)), byField(list, "when"),
                            rowData);
      judge(list, rowEnv, rawRow, rowData(rowEnv), `#/${name}/${i}/`);
    });
  }
  // Step 5: documents (only when the list of files sent is given).
  if (files) {
    const d = topData(env);
    const docs = rules.filter((r) => r.document);
    for (const r of docs) {
      const asked = docs.filter((w) => w.document === r.document && w.kind === "when")
        .every((w) => isTrue(w.logic, d));
      if (r.kind === "required" && asked && !files.includes(r.document) && isTrue(r.logic, d)) {
        violations.push({ rule: r.id, pointer: "#/" + r.document, code: "document-missing" });
      }
    }
  }
  return violations;
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  if (!line.trim()) return;
  let out;
  try {
    const req = JSON.parse(line);
    out = { violations: check(req.schema, req.answers, req.files, req.today) };
  } catch (e) {
    out = { $error: String(e && e.stack ? e.stack : e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
