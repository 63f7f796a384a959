// The Markdown renderers of the tools that show OpenAPI descriptions, as an oracle:
// marked (Redoc; GFM, which turns bare https://, www. and e-mail addresses into links) and
// remarkable in its "commonmark" preset with tables (Swagger UI, for OpenAPI 3 documents).
// Usage: node markdown_render.js <node_modules> <runtime folder, unused>
// stdin, one JSON object a line: {"texts": ["markdown", ...]}
// stdout, one line each: {"marked": ["html", ...], "remarkable": ["html", ...]} or {"$error": m}.
"use strict";
const path = require("path");
const readline = require("readline");

const { marked } = require(path.join(process.argv[2], "marked"));
const { Remarkable } = require(path.join(process.argv[2], "remarkable"));

const swagger = new Remarkable("commonmark");
swagger.block.ruler.enable(["table"]);
swagger.set({ html: true });

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  if (!line.trim()) return;
  let out;
  try {
    const texts = JSON.parse(line).texts;
    out = {
      marked: texts.map((t) => marked.parse(t, { gfm: true, breaks: false, async: false })),
      remarkable: texts.map((t) => swagger.render(t)),
    };
  } catch (e) {
    out = { $error: String(e && e.stack ? e.stack : e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
