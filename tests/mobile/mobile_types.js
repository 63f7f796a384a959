// The TypeScript a renderer team gets from the mobile schema with json-schema-to-typescript
// (the library behind `json2ts`), with its default options.
// Usage: node mobile_types.js <node_modules> <mobile-screens.schema.json>
// stdout: the generated declarations.
"use strict";
const fs = require("fs");
const path = require("path");

const modules = path.resolve(process.argv[2]);
const { compile } = require(path.join(modules, "json-schema-to-typescript"));
const schema = JSON.parse(fs.readFileSync(process.argv[3], "utf-8"));
compile(schema, "MobileScreens", { bannerComment: "" })
  .then((ts) => process.stdout.write(ts))
  .catch((e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
    process.exit(1);
  });
