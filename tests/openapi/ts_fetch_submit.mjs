// Submits one application through a typescript-fetch client that openapi-generator generated
// and tsc compiled (CommonJS), and writes the request it sent.
//
//   node ts_fetch_submit.mjs CLIENT_DIR CALL.json OUT.json
//
// CALL.json (written by tests/openapi/test_openapi_generator.py):
//   api, operation   the API class and its method (submit<Id>Application)
//   basePath, token  the spec's server and a bearer token
//   params           the request's parameters by their client names, JSON values (a group's
//                    entries as the texts of their JSON, as the client's types ask)
//   dates            parameters that are `format: date`: given as text, passed as the client's
//                    own parseDate() gives them (a Date at local midnight, as serializeDate reads)
//   files            parameter → {data: base64, type}: a Blob
//   status           the body of the 201 the fake fetch answers with
// OUT.json: {method, url, headers, body (base64), result (<ApplicationStatus>ToJSON of the reply)}.
// The fetch is the Configuration's fetchApi: nothing leaves the process.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const [clientDir, callFile, outFile] = process.argv.slice(2);
const call = JSON.parse(readFileSync(callFile, "utf-8"));
const client = createRequire(import.meta.url)(clientDir);

let sent;
async function fetchApi(url, init) {
  // new Response(FormData) is the multipart body a real fetch would send, with its boundary
  const body = new Response(init.body);
  sent = {
    method: init.method,
    url: String(url),
    headers: { ...init.headers, "Content-Type": body.headers.get("content-type") },
    body: Buffer.from(await body.arrayBuffer()).toString("base64"),
  };
  return new Response(JSON.stringify(call.status), {
    status: 201,
    headers: { "Content-Type": "application/json", Location: "/applications/x" },
  });
}

const params = { ...call.params };
for (const name of call.dates) params[name] = client.parseDate(params[name]);
for (const [name, file] of Object.entries(call.files)) {
  params[name] = new Blob([Buffer.from(file.data, "base64")], { type: file.type });
}

const configuration = new client.Configuration({
  basePath: call.basePath,
  accessToken: async () => call.token,
  fetchApi,
});
const result = await new client[call.api](configuration)[call.operation](params);
writeFileSync(outFile, JSON.stringify({ ...sent, result: client.ApplicationStatusToJSON(result) }));
