#!/usr/bin/env node
// Adds up the JSON reports every package wrote (test-results/*.json: vitest's, and the drift audit's in
// the same shape) and prints the closing line CI reads: "N passed, N failed". A failed command with no
// failed test counts as one failure.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const commandStatus = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
for (const group of ["specs", "docs", "packages", "tools", "tests", "examples"]) {
  const dirs = group === "specs" || group === "docs" ? [group] : existsSync(group) ? readdirSync(group).map((d) => join(group, d)) : [];
  for (const dir of dirs) {
    const results = join(root, dir, "test-results");
    if (!existsSync(results)) continue;
    for (const file of readdirSync(results).filter((f) => f.endsWith(".json"))) {
      const report = JSON.parse(readFileSync(join(results, file), "utf8"));
      if (!("numTotalTests" in report)) continue; // a run's record for `pnpm release`, not a report
      const { numPassedTests = 0, numFailedTests = 0 } = report;
      console.log(`${dir}/test-results/${file}: ${numPassedTests} passed, ${numFailedTests} failed`);
      passed += numPassedTests;
      failed += numFailedTests;
    }
  }
}
if (commandStatus !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
