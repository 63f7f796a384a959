// The mobile renderer's checks and an API backend's rule checks, written only from
// docs/targets/mobile.md ("Components", "Effective answers", "Validation") and
// docs/targets/openapi.md ("Checking an application"), for tests/differential.
// Usage: node checker.js <node_modules> <src/procgen/expr/runtime>
// stdin, one JSON object a line; stdout, one JSON line each (or {"$error": ...}):
//   {"op": "fields", "cases": [{"component", "value", "logics": [rule...], "data"}]}
//       → {"results": [{"fails": [check...], "logics": [result...]}]}
//   {"op": "form", "doc": "<mobile/<id>.json>", "answers": [{...}], "today"}
//       → {"results": [{"problems": [{"path": [...], "check": ...}], "sends": {...}}]}
//   {"op": "api", "spec": "<openapi/<id>.json>", "schema": name, "answers": [{...}], "today"}
//       → {"results": [[{"path": [...], "rule": id, "code": ...}]]}
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const jsonLogic = require(path.join(process.argv[2], "json-logic-js"));
require(path.join(process.argv[3], "jsonlogic-ops.js")).register(jsonLogic);

const files = new Map();
function load(file) {
  if (!files.has(file)) files.set(file, JSON.parse(fs.readFileSync(file, "utf8")));
  return files.get(file);
}
const has = (o, k) => o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);
const get = (o, k) => (has(o, k) ? o[k] : undefined);
const absent = (v) => v === null || v === undefined;
const isTrue = (rule, data) => jsonLogic.apply(rule, data) === true;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const plainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

const regexps = new Map();
function matches(pattern, value) {
  if (!regexps.has(pattern)) regexps.set(pattern, new RegExp(pattern, "u"));
  return regexps.get(pattern).test(value);
}

function realDate(v) {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v)) return false;
  const [y, m, d] = v.split("-").map(Number);
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y);
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const TEXTS = new Set(["text", "textarea", "address", "phone", "email", "national_id"]);
const INPUTS = new Set([...TEXTS, "number", "money", "date", "boolean", "choice", "multichoice",
  "repeat_group"]);

// docs/targets/mobile.md, "Components": `strip` characters are removed from what was typed
// before it is checked and sent.
function stripped(c, v) {
  if (typeof v !== "string" || typeof c.strip !== "string" || !c.strip) return v;
  return Array.from(v).filter((ch) => !c.strip.includes(ch)).join("");
}

function strippedAnswers(components, given) {
  if (!plainObject(given)) return given;
  const out = Object.assign({}, given);
  for (const c of components) {
    if (!has(given, c.field)) continue;
    out[c.field] = c.type === "repeat_group" && Array.isArray(given[c.field])
      ? given[c.field].map((e) => strippedAnswers(c.components, e)) : stripped(c, given[c.field]);
  }
  return out;
}

// docs/targets/mobile.md, "Validation" steps 2-3, for one given answer (not null): the
// properties that refuse it, the wrong shape first (then nothing else is judged).
function fieldChecks(c, typed) {
  const v = stripped(c, typed);
  const t = c.type;
  const str = typeof v === "string";
  // "Validation" 2: a number beyond ±9007199254740991 is of the wrong shape
  const num = typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= 9007199254740991;
  const isOption = (x) => (c.options || []).some((o) => o.value === x);
  if (TEXTS.has(t) && !str) return ["shape"];
  if (t === "number" && (!num || (c.integer && !Number.isInteger(v)))) return ["shape"];
  if (t === "money" && (!num || !Number.isInteger(v))) return ["shape"];
  if (t === "date" && !(str && realDate(v))) return ["shape"];
  if (t === "boolean" && typeof v !== "boolean") return ["shape"];
  if (t === "choice" && !isOption(v)) return ["options"];
  if (t === "multichoice") {
    if (!Array.isArray(v)) return ["shape"];
    if (!v.every(isOption)) return ["options"];
    if (new Set(v).size !== v.length) return ["options_twice"];  // a set of ticked boxes
    if (v.length === 0) return [];  // no answer
  }
  if (t === "repeat_group" && !(Array.isArray(v) && v.every(plainObject))) return ["shape"];
  if (c.format_pattern !== undefined && !matches(c.format_pattern, v)) return ["format_pattern"];
  const out = [];
  if (c.min !== undefined && c.min !== null && v < c.min) out.push("min");
  if (c.max !== undefined && c.max !== null && v > c.max) out.push("max");
  if (str) {
    const n = Array.from(v).length;  // code points
    if (c.min_length !== undefined && n < c.min_length) out.push("min_length");
    if (c.max_length !== undefined && n > c.max_length) out.push("max_length");
  }
  if (Array.isArray(v)) {
    if (c.min_items !== undefined && c.min_items !== null && v.length < c.min_items) out.push("min_items");
    if (c.max_items !== undefined && c.max_items !== null && v.length > c.max_items) out.push("max_items");
  }
  if (str && c.pattern !== undefined && !matches(c.pattern, v)) out.push("pattern");
  return out;
}

function inputs(doc) {
  const out = [];
  doc.screens.forEach((s) => s.components.forEach((c) => { if (INPUTS.has(c.type)) out.push(c); }));
  return out;
}

// docs/targets/mobile.md, "Effective answers".
function effective(components, given, outer, today) {
  const typed = {};
  for (const c of components) {
    const v = get(given, c.field);
    if (!absent(v)) typed[c.field] = v;
    else if (c.default !== undefined) typed[c.field] = JSON.parse(JSON.stringify(c.default));
    if (c.type === "multichoice" && Array.isArray(typed[c.field]) && typed[c.field].length === 0) {
      delete typed[c.field];
    }
  }
  let env = typed;
  for (let i = 0; i <= components.length; i++) {
    const data = outer ? { answers: Object.assign({}, outer), row: env, today } : { answers: env, row: {}, today };
    const kept = {};
    for (const c of components) if (c.field in typed && isTrue(c.visible_when, data)) kept[c.field] = typed[c.field];
    if (same(kept, env)) break;
    env = kept;
  }
  return env;
}

// docs/targets/mobile.md, "Validation": every problem the app shows before sending.
function form(doc, typed, today) {
  const top = inputs(doc);
  const given = strippedAnswers(top, typed);
  const env = effective(top, given, null, today);
  for (const g of top) {
    if (g.type === "repeat_group" && g.field in env && Array.isArray(get(given, g.field))) {
      env[g.field] = get(given, g.field).map((e) => (plainObject(e) ? effective(g.components, e, env, today) : e));
    }
  }
  const problems = [];
  const sends = JSON.parse(JSON.stringify(env));  // "Submission": the effective answers
  const judge = (c, data, values, raw, where) => {
    if (!isTrue(c.visible_when, data)) return;
    const v = get(raw, c.field);
    const answered = c.field in values;
    if (!answered && isTrue(c.required, data)) problems.push({ path: where, check: "required" });
    if (absent(v) || (c.type === "multichoice" && Array.isArray(v) && v.length === 0)) return;
    for (const check of fieldChecks(c, v)) problems.push({ path: where, check });
    if (c.constraint && jsonLogic.apply(c.constraint.logic, data) === false) {
      problems.push({ path: where, check: "constraint" });
    }
  };
  const data = { answers: env, row: {}, today };
  for (const c of top) {
    judge(c, data, env, given, [c.field]);
    if (c.type !== "repeat_group" || !Array.isArray(env[c.field]) || !isTrue(c.visible_when, data)) continue;
    env[c.field].forEach((entry, i) => {
      if (!plainObject(entry)) return;
      const rowData = { answers: env, row: entry, today };
      const raw = get(given, c.field)[i];
      for (const child of c.components) judge(child, rowData, entry, raw, [c.field, i, child.field]);
    });
  }
  return { problems, sends };
}

// docs/targets/openapi.md, "Checking an application", steps 2-5 (step 1, the schema, is
// checked in Python with jsonschema_rs before this runs).
function api(schema, raw, today) {
  const rules = schema["x-procgen-rules"] || [];
  const byField = (list, kind) => {
    const out = Object.create(null);
    for (const r of list) if (r.kind === kind && r.field) (out[r.field] = out[r.field] || []).push(r);
    return out;
  };
  const effectiveApi = (given, props) => {
    const out = Object.create(null);
    for (const [name, prop] of Object.entries(props || {})) {
      let v = get(given, name);
      if (absent(v)) {
        if (prop.default !== undefined) v = prop.default;
        else if (prop.type === "boolean") v = false;
      }
      const objects = prop.items && prop.items.type === "object";
      if (Array.isArray(v) && v.length === 0 && prop.type === "array" && !objects) v = undefined;
      if (!absent(v)) out[name] = v;
    }
    return out;
  };
  const settle = (values, when, data) => {
    let env = values;
    for (let i = 0; i <= Object.keys(values).length; i++) {
      const d = data(env);
      const kept = Object.create(null);
      for (const [k, v] of Object.entries(values)) if ((when[k] || []).every((r) => isTrue(r.logic, d))) kept[k] = v;
      if (same(kept, env)) break;
      env = kept;
    }
    return env;
  };
  const out = [];
  const judge = (list, values, given, data, prefix) => {
    const when = byField(list, "when");
    for (const r of list) {
      if (!(when[r.field] || []).every((w) => isTrue(w.logic, data))) continue;
      if (r.kind === "required" && !has(values, r.field) && isTrue(r.logic, data)) {
        out.push({ path: [...prefix, r.field], rule: r.id, code: "answer-missing" });
      }
      if (r.kind === "constraint" && !absent(get(given, r.field)) && has(values, r.field)
          && jsonLogic.apply(r.logic, data) === false) {
        out.push({ path: [...prefix, r.field], rule: r.id, code: "answer-constraint" });
      }
    }
  };
  const top = rules.filter((r) => !r.group && r.field);
  const topData = (env) => ({ answers: env, row: {}, today });
  const env = settle(effectiveApi(raw, schema.properties), byField(top, "when"), topData);
  judge(top, env, raw, topData(env), []);
  for (const [name, prop] of Object.entries(schema.properties || {})) {
    if (!(prop.type === "array" && prop.items && prop.items.type === "object")) continue;
    if (!has(env, name) || !Array.isArray(get(raw, name))) continue;
    const list = rules.filter((r) => r.group === name);
    get(raw, name).forEach((rawRow, i) => {
      const rowData = (rowEnv) => ({ answers: env, row: rowEnv, today });
      const rowEnv = settle(effectiveApi(rawRow, prop.items.properties), byField(list, "when"), rowData);
      judge(list, rowEnv, rawRow, rowData(rowEnv), [name, i]);
    });
  }
  return out;
}

// `node` with every local `$ref` replaced by what it points at (a group's entries are a
// named component), as harness.py's resolve does for the Python side.
function resolveRefs(node, spec, depth) {
  if (depth > 50) throw new Error("$ref cycle");
  if (Array.isArray(node)) return node.map((v) => resolveRefs(v, spec, depth + 1));
  if (node === null || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    let target = spec;
    for (const part of node.$ref.replace(/^#\//, "").split("/")) {
      target = target[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    const { $ref, ...rest } = node;
    return resolveRefs({ ...target, ...rest }, spec, depth + 1);
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = resolveRefs(v, spec, depth + 1);
  return out;
}

function run(req) {
  if (req.op === "fields") {
    return { results: req.cases.map((k) => ({
      fails: fieldChecks(k.component, k.value),
      logics: (k.logics || []).map((rule) => jsonLogic.apply(rule, k.data)),
    })) };
  }
  if (req.op === "form") {
    const doc = load(req.doc);
    return { results: req.answers.map((a) => {
      try {
        return form(doc, a, req.today);
      } catch (e) {
        return { problems: [{ path: [], check: "crash: " + String(e).slice(0, 200) }], sends: {} };
      }
    }) };
  }
  if (req.op === "api") {
    const spec = load(req.spec);
    const schema = resolveRefs(spec.components.schemas[req.schema], spec, 0);
    return { results: req.answers.map((a) => api(schema, a, req.today)) };
  }
  throw new Error("unknown op " + req.op);
}

readline.createInterface({ input: process.stdin, terminal: false }).on("line", (line) => {
  if (!line.trim()) return;
  let out;
  try {
    out = run(JSON.parse(line));
  } catch (e) {
    out = { $error: String(e && e.stack ? e.stack : e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
