#!/usr/bin/env node
// The publishing step of `pnpm release`: `changeset publish` publishes each @trusthub package whose version
// the registry does not have yet and creates the git tags (`@trusthub/types@X.Y.Z`, ...).
//
// The registry is the one npm's own configuration names for the @trusthub scope: the scoped key, else
// `registry`, from the project's or the user's .npmrc (NPM_CONFIG_USERCONFIG included) or npm_config_*
// variables. changesets reads only npm_config_* variables and publishConfig and otherwise assumes
// registry.npmjs.org, so the registry npm resolved is handed to it explicitly.
//
// The gate: nothing is published unless the suites of the published packages and the consumer tests passed
// in full on the commit being released, with no uncommitted change to a tracked file then or now. It reads
// the record each suite's run writes (`runRecord` in vitest.shared.mjs); CI's test step writes them, and the
// release workflow starts only from a green CI run, with that run's records.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { runRecord } from "../../vitest.shared.mjs";
import { SCOPE } from "./index.mjs";

const root = process.cwd(); // `pnpm release` runs it at the repository root

const pending = readdirSync(join(root, ".changeset")).filter((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md");
if (pending.length) {
  console.error(
    `Not released: ${pending.length} changeset(s) in .changeset/ are not versioned yet (${pending.join(", ")}).\n` +
      "Run `pnpm version-packages`, review and commit the result, then `pnpm release`.",
  );
  process.exit(1);
}

const git = (...args) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
const head = git("rev-parse", "HEAD");
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const gated = [
  ...readdirSync(join(root, "packages"))
    .map((name) => join("packages", name))
    .filter((dir) => existsSync(join(root, dir, "package.json")) && readJson(join(root, dir, "package.json")).scripts?.test),
  "tests/consumers",
];
const refusals = [];
if (git("status", "--porcelain", "--untracked-files=no")) refusals.push("the working tree has uncommitted changes: release a commit");
for (const dir of gated) {
  const file = join(root, dir, runRecord);
  const name = readJson(join(root, dir, "package.json")).name;
  if (!existsSync(file)) {
    refusals.push(`${name}: no test run recorded (${join(dir, runRecord)})`);
    continue;
  }
  const record = readJson(file);
  const failed = Object.entries(record.files ?? {}).filter(([, state]) => state !== "passed" && state !== "skipped").map(([test]) => test);
  if (record.commit !== head) refusals.push(`${name}: its last recorded run tested ${record.commit ? record.commit.slice(0, 12) : "no commit"}, not ${head.slice(0, 12)}`);
  else if (!record.clean) refusals.push(`${name}: its run on this commit had uncommitted changes`);
  else if (!record.complete) refusals.push(`${name}: its run on this commit left test files or tests out (a filter)`);
  else if (!record.passed) refusals.push(`${name}: its suite failed on this commit${failed.length ? ` (${failed.join(", ")})` : ""}`);
}
if (refusals.length) {
  console.error(
    `Not released: the suites must pass on the commit being released (${head.slice(0, 12)}).\n${refusals.map((r) => `  - ${r}`).join("\n")}\n` +
      "Commit, run `pnpm test` (`pnpm test --force` if turbo replays runs of an earlier commit), then `pnpm release`.",
  );
  process.exit(1);
}

const npmConfig = (key) => {
  const value = execFileSync("npm", ["config", "get", key, "--loglevel=error"], { cwd: root, encoding: "utf8" }).trim();
  return value && value !== "undefined" && value !== "null" ? value : undefined;
};
const registry = npmConfig(`${SCOPE}:registry`) ?? npmConfig("registry");
console.log(`Publishing the ${SCOPE} packages to ${registry} (npm's configuration for ${SCOPE}).`);

const changesets = join(dirname(createRequire(join(root, "package.json")).resolve("@changesets/cli/package.json")), "bin.js");
const result = spawnSync(process.execPath, [changesets, "publish"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, [`npm_config_${SCOPE}:registry`]: registry },
});
process.exit(result.status ?? 1);
