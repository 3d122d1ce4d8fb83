#!/usr/bin/env node
// Adds up the vitest JSON reports every package wrote (test-results/vitest.json) and prints the
// closing line CI reads: "N passed, N failed". A failed command with no failed test counts as one failure.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const commandStatus = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
for (const group of ["specs", "packages", "tools", "examples"]) {
  const dirs = group === "specs" ? ["specs"] : existsSync(group) ? readdirSync(group).map((d) => join(group, d)) : [];
  for (const dir of dirs) {
    const report = join(root, dir, "test-results", "vitest.json");
    if (!existsSync(report)) continue;
    const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report, "utf8"));
    console.log(`${dir}: ${numPassedTests} passed, ${numFailedTests} failed`);
    passed += numPassedTests;
    failed += numFailedTests;
  }
}
if (commandStatus !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
