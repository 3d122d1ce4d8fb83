// Fixture loading, and throwaway git repos shaped like this one (spec, packages/*, .changeset/) for the
// CLI tests.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { applyPatch } from "diff";
import { afterAll } from "vitest";
import { parse } from "yaml";

export const SPEC = "specs/trusthub/v1/openapi.yaml";
const cli = fileURLToPath(new URL("../cli.mjs", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));

/** The trimmed spec every fixture starts from (test/fixtures/base.yaml). */
export const base = readFileSync(join(fixtures, "base.yaml"), "utf8");

/**
 * A fixture's spec text: "before" is the base; "after" is the base with test/fixtures/<name>.patch (a
 * unified diff of base.yaml holding the one change the fixture is about) applied.
 */
export function fixtureText(name: string, side: "before" | "after"): string {
  if (side === "before") return base;
  const after = applyPatch(base, readFileSync(join(fixtures, `${name}.patch`), "utf8"));
  if (after === false) throw new Error(`fixtures/${name}.patch no longer applies to fixtures/base.yaml`);
  return after;
}

/** Both sides of a fixture pair, parsed as the CLI parses the spec (YAML aliases expanded). */
export function fixture(name: string): { before: any; after: any } {
  const load = (side: "before" | "after") => parse(fixtureText(name, side), { maxAliasCount: -1 });
  return { before: load("before"), after: load("after") };
}

// A fixed identity and no user/system config, so commits work on any machine (no signing, no hooks).
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "spec-diff test",
  GIT_AUTHOR_EMAIL: "spec-diff@example.com",
  GIT_COMMITTER_NAME: "spec-diff test",
  GIT_COMMITTER_EMAIL: "spec-diff@example.com",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
};

export function git(root: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: root, env: GIT_ENV, encoding: "utf8", stdio: "pipe" }).trim();
}

export function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const CHANGESET_CONFIG = {
  changelog: "@changesets/cli/changelog",
  commit: false,
  fixed: [["@trusthub/types", "@trusthub/client"]],
  linked: [],
  access: "public",
  baseBranch: "main",
};

const made: string[] = [];
/** A new empty temporary directory, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "spec-diff-"));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A new git repo with the three published packages, .changeset/config.json (types and client in a
 * `fixed` group, as in the real repo) and `spec` committed as the spec.
 */
export function makeRepo(spec: string): string {
  const root = tempDir();
  git(root, "init", "-q", "-b", "main");
  for (const name of ["types", "client", "mock"]) {
    write(root, `packages/${name}/package.json`, JSON.stringify({ name: `@trusthub/${name}`, version: "0.1.0" }, null, 2));
  }
  write(root, ".changeset/config.json", JSON.stringify(CHANGESET_CONFIG, null, 2));
  write(root, ".changeset/README.md", "# Changesets\n");
  write(root, SPEC, spec);
  commit(root, "initial spec");
  return root;
}

export function commit(root: string, message: string): void {
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", message);
}

/** Runs the CLI against `root`; never throws, so tests can assert on failing exit codes. */
export function run(root: string, ...args: string[]): { code: number; stdout: string; stderr: string; output: string } {
  try {
    const stdout = execFileSync("node", [cli, ...args, "--root", root], { cwd: root, encoding: "utf8", stdio: "pipe" });
    return { code: 0, stdout, stderr: "", output: stdout };
  } catch (e: any) {
    return { code: e.status, stdout: e.stdout, stderr: e.stderr, output: `${e.stdout}${e.stderr}` };
  }
}
