// Compile JSON Schemas the way a strict client does: ajv 8, draft 2020-12, ajv-formats,
// `strict: true`. Reports every strict-mode complaint of each schema (not just the first), and
// optionally validates documents against one schema.
// Usage: node ajv_strict.js <node_modules> <schema.json>... [--validate <document.json>...]
//   with --validate, the documents are checked against the last schema before it.
// stdout, one JSON object:
//   {"strict": {"<schema>": ["<complaint>", ...]}, "invalid": {"<document>": [ajv error, ...]}}
// An empty list is a clean schema; "invalid" lists only documents that fail.
"use strict";
const fs = require("fs");
const path = require("path");

const modules = path.resolve(process.argv[2]);
const Ajv2020 = require(path.join(modules, "ajv", "dist", "2020")).default;
const addFormats = require(path.join(modules, "ajv-formats")).default;

const args = process.argv.slice(3);
const cut = args.indexOf("--validate");
const schemas = cut < 0 ? args : args.slice(0, cut);
const documents = cut < 0 ? [] : args.slice(cut + 1);
const read = (file) => JSON.parse(fs.readFileSync(file, "utf-8"));

function ajv(options) {
  const instance = new Ajv2020({ allErrors: true, ...options });
  addFormats(instance);
  return instance;
}

const report = { strict: {}, invalid: {} };
let validate = null;
for (const file of schemas) {
  // `strict: true` stops at the first complaint; "log" mode goes on and names them all.
  const complaints = [];
  const say = (m) => complaints.push(String(m));
  try {
    ajv({ strict: "log", logger: { log() {}, warn: say, error: say } }).compile(read(file));
  } catch (e) {
    say(e.message);
  }
  try {
    validate = ajv({ strict: true, logger: false }).compile(read(file));
  } catch (e) {
    if (!complaints.includes(String(e.message))) say(e.message);
    validate = null;
  }
  report.strict[file] = complaints;
}
for (const file of documents) {
  if (validate === null) throw new Error("no schema compiled in strict mode to validate with");
  if (!validate(read(file))) report.invalid[file] = validate.errors.slice(0, 10);
}
process.stdout.write(JSON.stringify(report) + "\n");
