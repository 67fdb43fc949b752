// Validates documents against the published schema with ajv (draft 2020-12, strict mode,
// ajv-formats asserting `format`) and prints {"<file name>": true | false, ...}: true when the
// file parses as JSON and is valid. Usage: node validate.mjs SCHEMA DOCUMENT...
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, ...documents] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));

// Strict mode rejects unknown keywords; the schema's annotations (x-…) are declared as such.
const annotations = new Set();
(function collect(node) {
  if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) annotations.add(key);
      collect(value);
    }
  }
})(schema);

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
for (const keyword of annotations) ajv.addKeyword({ keyword, schemaType: ["string", "boolean", "number", "object", "array"] });
const validate = ajv.compile(schema);

const verdicts = {};
for (const path of documents) {
  let document;
  try {
    document = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path)));
  } catch {
    verdicts[basename(path)] = false;
    continue;
  }
  verdicts[basename(path)] = validate(document);
}
console.log(JSON.stringify(verdicts, Object.keys(verdicts).sort()));
