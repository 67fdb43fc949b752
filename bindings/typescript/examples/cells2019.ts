/**
 * Reading a report in the 2019 format (reports on 2019 and 2020) with the module
 * `@xxgk/model/edition2019`: print every cell of its tables, one `pointer TAB value` line each with
 * the value as JSON (本年增/减 signed, 采购总金额 the published text with its unit). With `--json` it
 * prints the report serialised again instead. A report of another edition is refused by its
 * `edition`, which is how a program reading both formats picks the module.
 *
 * Run: `npx tsc -p . && node dist/examples/cells2019.js ../../conformance/base/realistic-2019.json`
 */
import { readFileSync } from "node:fs";

import { CELLS, EDITION, cellValues, parseReport, stringifyReport } from "../src/edition2019.js";

const args = process.argv.slice(2);
const json = args[0] === "--json";
const path = json ? args[1] : args[0];
if (path === undefined || args.length !== (json ? 2 : 1)) {
  console.error("usage: cells2019 [--json] FILE");
  process.exit(2);
}

const report = parseReport(readFileSync(path, "utf8"));
// The types say `edition` is "2019"; a parsed document proves it only when checked.
const edition: unknown = report.edition;
if (edition !== EDITION) {
  console.error(`${path}: a report of edition ${JSON.stringify(edition)}, not ${EDITION}`);
  process.exit(2);
}
if (json) {
  console.log(stringifyReport(report, 2));
} else {
  const values = cellValues(report);
  CELLS.forEach((cell, i) => {
    const value = values[i];
    console.log(`${cell.pointer}\t${typeof value === "bigint" ? value : JSON.stringify(value)}`);
  });
}
