// Shared vitest settings: every package also writes a JSON report that .ci/run adds up, one per Node line
// (CI runs some suites on several), and the record `pnpm release` checks (tools/registry/release.mjs).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const nodeLine = `node${process.versions.node.split(".")[0]}`;
export const report = `test-results/vitest-${nodeLine}.json`;
export const runRecord = `test-results/run-${nodeLine}.json`;

/**
 * Writes `runRecord`: the commit this run tested, whether the working tree had uncommitted changes to tracked
 * files, whether every test file of the suite ran (no file or name filter), and how each file ended.
 */
class RunRecorder {
  onInit(vitest) {
    this.vitest = vitest;
  }

  // At the start of each run (watch mode runs again after edits and commits).
  onTestRunStart() {
    const git = (...args) => {
      try {
        return execFileSync("git", args, { cwd: this.vitest.config.root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      } catch {
        return null;
      }
    };
    this.commit = git("rev-parse", "HEAD");
    this.clean = git("status", "--porcelain", "--untracked-files=no") === "";
  }

  async onTestRunEnd(testModules, unhandledErrors, reason) {
    const root = this.vitest.config.root;
    const ran = new Set(testModules.map((module) => module.moduleId));
    const all = await this.vitest.globTestSpecifications();
    const record = {
      commit: this.commit,
      clean: this.clean,
      complete: !this.vitest.config.testNamePattern && all.every((spec) => ran.has(spec.moduleId)),
      passed: reason === "passed" && unhandledErrors.length === 0,
      files: Object.fromEntries(testModules.map((module) => [relative(root, module.moduleId), module.state()])),
    };
    const file = join(root, runRecord);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  }
}

export const shared = {
  test: {
    reporters: ["default", ["json", { outputFile: report }], new RunRecorder()],
    // Generous: several suites spawn processes (Spectral, Prism, tsc, whole scratch builds) and CI runs every
    // package's suite at once on 2 cores; these limits only stop a hang, they are no speed goal.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
};
