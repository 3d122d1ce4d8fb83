#!/usr/bin/env node
// The publishing step of `pnpm release`: `changeset publish` publishes each @trusthub package whose version
// the registry does not have yet and creates the git tags (`@trusthub/types@X.Y.Z`, ...).
//
// The registry is the one npm's own configuration names for the @trusthub scope: the scoped key, else
// `registry`, from the project's or the user's .npmrc (NPM_CONFIG_USERCONFIG included) or npm_config_*
// variables. changesets reads only npm_config_* variables and publishConfig and otherwise assumes
// registry.npmjs.org, so the registry npm resolved is handed to it explicitly.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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
