/**
 * An integrator's first program in TypeScript: load a canonical report with the generated types
 * and print its totals, exactly as `cargo run --example totals` does. With `--json` it prints the
 * report serialised again instead (a round trip that keeps every number exact).
 *
 * Run: `npm ci && npx tsc -p . && node dist/examples/totals.js ../../examples/jingyue-2024.json`
 */
import { readFileSync } from "node:fs";

import { CELLS, cellValues, parseReport, stringifyReport } from "../src/index.js";

const args = process.argv.slice(2);
const json = args[0] === "--json";
const path = json ? args[1] : args[0];
if (path === undefined || args.length !== (json ? 2 : 1)) {
  console.error("usage: totals [--json] FILE");
  process.exit(2);
}

const report = parseReport(readFileSync(path, "utf8"));
if (json) {
  console.log(stringifyReport(report, 2));
} else {
  const apps = report.applications;
  const cases = report.review_litigation;
  console.log(`${report.metadata.organ.name} — ${report.metadata.report_year} 年度`);
  console.log(`新收申请 new applications        ${apps.new_received.total}`);
  console.log(`上年结转 carried over            ${apps.carried_over.total}`);
  console.log(`办理完毕 concluded               ${apps.results.total.total}`);
  console.log(`结转下年 carried forward         ${apps.carried_forward.total}`);
  console.log(`行政复议 administrative reviews  ${cases.review.total}`);
  console.log(
    `行政诉讼 lawsuits                ${cases.litigation_direct.total + cases.litigation_after_review.total}`,
  );
  console.log(`行政事业性收费 fees (万元)       ${report.active_disclosure.fees.amount_wan_yuan}`);

  // Every cell, with its Chinese label path, through the generated cell table.
  const nonzero = cellValues(report).filter((value) => value !== 0n).length;
  console.log(`${nonzero} of ${CELLS.length} cells are non-zero`);
}
