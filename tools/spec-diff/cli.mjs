#!/usr/bin/env node
// pnpm spec:diff / pnpm spec:changeset / the CI check: compares the spec at a git ref (default: the last
// release tag, else HEAD~1) with the working file, classifies every change and acts on the result.
//
//   node tools/spec-diff/cli.mjs diff      [git-ref] [--root <repo>]   print the classified changes
//   node tools/spec-diff/cli.mjs changeset [git-ref] [--root <repo>]   write .changeset/spec-diff-<sha>.md
//   node tools/spec-diff/cli.mjs check     [git-ref] [--root <repo>]   exit 1 when a changeset is missing
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { CLASSES, classify } from "./classify.mjs";
import { missingMajor, pendingChangesets, publishedPackages, renderChangeset, writeChangeset } from "./changeset.mjs";

const SPEC = "specs/trusthub/v1/openapi.yaml";
const RELEASE_TAGS = ["@trusthub/types@*", "v*"];
const USAGE = "usage: node tools/spec-diff/cli.mjs <diff|changeset|check> [git-ref] [--root <repo>]";

function git(root, ...args) {
  return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}
function tryGit(root, ...args) {
  try {
    return git(root, ...args);
  } catch {
    return undefined;
  }
}

// The spec's text at a ref. `./` makes the path relative to root, so --root may be a subfolder of a repo.
const specAt = (root, ref) => tryGit(root, "show", `${ref}:./${SPEC}`);
const load = (text) => parse(text, { maxAliasCount: -1 }); // the spec shares example values through YAML anchors

/** Picks what to compare with: the given ref, else the last release tag, else HEAD~1. */
function baseRef(root, ref) {
  if (ref) {
    const commit = tryGit(root, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
    return commit ? { ref, label: ref, commit } : { error: `Unknown git ref "${ref}".` };
  }
  const tag = tryGit(root, "describe", "--tags", "--abbrev=0", ...RELEASE_TAGS.flatMap((t) => ["--match", t]), "HEAD");
  if (tag) return { ref: tag, label: `the last release (${tag})`, commit: git(root, "rev-parse", `${tag}^{commit}`) };
  const previous = tryGit(root, "rev-parse", "--verify", "--quiet", "HEAD~1^{commit}");
  if (previous) return { ref: "HEAD~1", label: "the previous commit (HEAD~1; no release tag yet)", commit: previous };
  return { none: "No release tag and no previous commit (HEAD~1 does not exist): nothing to compare." };
}

function main(argv) {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { root: { type: "string" } } });
  const [command, ref] = positionals;
  if (!["diff", "changeset", "check"].includes(command ?? "")) {
    console.error(USAGE);
    return 2;
  }
  const root = resolve(values.root ?? tryGit(process.cwd(), "rev-parse", "--show-toplevel") ?? process.cwd());
  if (!existsSync(join(root, SPEC))) {
    console.error(`No spec at ${join(root, SPEC)}.`);
    return 2;
  }
  const base = baseRef(root, ref);
  if (base.error) {
    console.error(base.error);
    return 2;
  }
  if (base.none) {
    console.log(base.none);
    return 0;
  }
  const oldText = specAt(root, base.ref);
  if (oldText === undefined) {
    console.log(`${SPEC} does not exist at ${base.ref}: nothing to compare.`);
    return 0;
  }
  const before = load(oldText);
  const after = load(readFileSync(join(root, SPEC), "utf8"));
  const versions = [String(before.info?.version), String(after.info?.version)];
  const { changes, bump } = classify(before, after);
  const header = `${SPEC} at ${base.label}, info.version ${versions[0]} → working file, info.version ${versions[1]}`;

  if (command === "diff") return printDiff(header, changes, bump);
  if (command === "changeset") return writeFor(root, base, changes, bump, versions);
  return check(root, base, changes, bump, versions);
}

function printDiff(header, changes, bump) {
  console.log(header);
  if (!changes.length) {
    console.log("\nNo changes.");
    return 0;
  }
  for (const type of CLASSES) {
    const ofType = changes.filter((c) => c.type === type);
    if (!ofType.length) continue;
    console.log(`\n${type} (${ofType.length}):`);
    for (const c of ofType) {
      const override = c.rule ? `  [rule ${c.rule}; api-smart-diff: ${c.library}]` : "";
      console.log(`  - ${c.description}${override}`);
    }
  }
  if (changes.some((c) => c.type === "unclassified")) console.log("\nReview the unclassified changes by hand; they count as a patch.");
  console.log(`\nChangeset bump: ${bump}`);
  return 0;
}

function writeFor(root, base, changes, bump, versions) {
  if (!changes.length) {
    console.log(`No spec changes since ${base.label}; no changeset written.`);
    return 0;
  }
  const packages = publishedPackages(root);
  if (!packages.length) {
    console.error("None of the spec's packages (packages/*/package.json) is published; no changeset written.");
    return 1;
  }
  const file = writeChangeset(root, renderChangeset({ packages, bump, changes, from: base.ref, versions }), base.commit);
  const shown = relative(process.cwd(), file);
  console.log(`Wrote ${shown.startsWith("..") || isAbsolute(shown) ? file : shown} (${bump}: ${packages.join(", ")})`);
  return 0;
}

function check(root, base, changes, bump, versions) {
  const pending = pendingChangesets(root);
  const problems = [];
  if (bump === "major") {
    const missing = missingMajor(root, publishedPackages(root), pending);
    if (missing.length) {
      const breaking = changes.filter((c) => c.type === "breaking").map((c) => `  - ${c.description}`);
      problems.push(`Breaking spec changes since ${base.label}, but no pending changeset bumps ${missing.join(", ")} by major:\n${breaking.join("\n")}`);
    }
  }
  if (versions[0] !== versions[1] && !pending.length) {
    problems.push(`The spec's info.version changed (${versions[0]} → ${versions[1]}) since ${base.label}, but .changeset/ has no pending changeset.`);
  }
  if (problems.length) {
    console.error(`${problems.join("\n\n")}\n\nRun \`pnpm spec:changeset\` (or \`pnpm changeset\`) and commit the file.`);
    return 1;
  }
  console.log(`spec-diff check: OK (${changes.length} change(s) since ${base.label}, bump ${bump ?? "none"}, ${pending.length} pending changeset(s)).`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
