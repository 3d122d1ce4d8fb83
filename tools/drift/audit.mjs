#!/usr/bin/env node
// Drift audit (`pnpm test:drift`): applies each mutation of ./catalog.mjs to the spec, one at a time, in two
// scenarios, and records which check fails:
//   moved        the API moved: types and client stay as built from the real spec; Prism serves the mutant;
//                the contract suite must fail.
//   regenerated  the spec was edited and regenerated in a scratch copy of the repo: codegen, the client
//                build, tsc over client, contract tests and quickstart, then the contract suite (Prism on the
//                mutant). The staleness check is left out: it fails on any unregenerated edit, proving nothing.
// A baseline row (no mutation) must pass everything. Exits 1 unless every expected disagreement is caught.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { catalog } from "./catalog.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const SPEC = "specs/trusthub/v1/openapi.yaml";
const only = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "trusthub-drift-"));
const original = readFileSync(join(repo, SPEC), "utf8");

// The scratch repo: every file but node_modules' store (linked) and caches; package-level node_modules are
// relative symlinks, so the copy resolves its workspace packages to itself.
const scratch = join(work, "repo");
cpSync(repo, scratch, {
  recursive: true,
  verbatimSymlinks: true,
  filter: (src) => !/\/(\.git|\.turbo|test-results)(\/|$)/.test(src) && relative(repo, src) !== "node_modules",
});
symlinkSync(join(repo, "node_modules"), join(scratch, "node_modules"));
const pristine = ["packages/types/src/generated", "packages/types/package.json", "packages/client/src/generated", "packages/client/dist"];

const bin = (root, pkg, name) => join(root, pkg, "node_modules/.bin", name);
function run(label, cmd, args, { cwd, env = {} }) {
  const result = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env, CI: "true", NO_COLOR: "1" }, encoding: "utf8", timeout: 300_000 });
  const log = join(work, "logs", `${label}.log`);
  mkdirSync(join(work, "logs"), { recursive: true });
  writeFileSync(log, `${cmd} ${args.join(" ")}\n${result.stdout}\n${result.stderr}`);
  return result.status === 0;
}

const contract = (root, env, label) =>
  run(label, bin(root, "tests/contract", "vitest"), ["run", "--reporter=dot"], { cwd: join(root, "tests/contract"), env });

function moved(mutation, text) {
  const mutant = join(work, `${mutation.id}.yaml`);
  writeFileSync(mutant, text);
  return contract(repo, { TRUSTHUB_SERVED_SPEC: mutant }, `${mutation.id}.moved.contract`) ? [] : ["contract"];
}

function regenerated(mutation, text) {
  for (const path of pristine) {
    rmSync(join(scratch, path), { recursive: true, force: true });
    cpSync(join(repo, path), join(scratch, path), { recursive: true });
  }
  writeFileSync(join(scratch, SPEC), text);
  const id = mutation.id;
  if (!run(`${id}.regen.codegen`, process.execPath, [join(scratch, "tools/codegen/generate.mjs"), "--root", scratch], { cwd: scratch })) {
    return ["codegen"]; // nothing downstream can be built from a spec the generator refuses
  }
  const caught = [];
  if (!run(`${id}.regen.build`, bin(scratch, "packages/client", "tsup"), [], { cwd: join(scratch, "packages/client") })) caught.push("client build");
  const tsc = join(scratch, "node_modules/.bin/tsc");
  for (const project of ["packages/client", "tests/contract", "examples/quickstart"]) {
    if (!run(`${id}.regen.tsc.${project.replace("/", "-")}`, tsc, ["--noEmit", "-p", join(scratch, project, "tsconfig.json")], { cwd: scratch })) {
      caught.push(`tsc ${project}`);
    }
  }
  if (!contract(scratch, {}, `${id}.regen.contract`)) caught.push("contract");
  return caught;
}

const rows = [];
const baseline = { id: "baseline", what: "no mutation", disagrees: { moved: false, regenerated: false }, apply: () => {} };
for (const mutation of [baseline, ...catalog.filter((m) => !only.length || only.includes(m.id))]) {
  const spec = parse(original, { maxAliasCount: -1 });
  mutation.apply(spec);
  const text = mutation === baseline ? original : stringify(spec, { aliasDuplicateObjects: false, lineWidth: 0 });
  const started = Date.now();
  const result = { moved: moved(mutation, text), regenerated: regenerated(mutation, text) };
  // A miss: client and API disagree and nothing failed. A false alarm: the baseline failed something.
  const ok = Object.entries(result).every(([scenario, caught]) =>
    mutation === baseline ? caught.length === 0 : caught.length > 0 || !mutation.disagrees[scenario],
  );
  rows.push({ mutation, result, ok });
  process.stderr.write(`${ok ? "ok  " : "FAIL"} ${mutation.id} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

const cell = (caught, expected) => (caught.length ? `caught: ${caught.join(", ")}` : expected ? "MISSED" : "passes (agree)");
const header = ["mutation", "change", "API moved (types/client as built)", "spec edited + regenerated"];
const table = rows.map(({ mutation: m, result: r }) => [m.id, m.what, cell(r.moved, m.disagrees.moved), cell(r.regenerated, m.disagrees.regenerated)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log([line(header), line(widths.map((w) => "-".repeat(w))), ...table.map(line)].join("\n"));

const failed = rows.filter((r) => !r.ok);
// Same shape as vitest's JSON report, so CI's summary counts each mutation (and the baseline) as a test.
mkdirSync(new URL("test-results/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("test-results/drift-audit.json", import.meta.url),
  JSON.stringify({ numPassedTests: rows.length - failed.length, numFailedTests: failed.length, rows: table }, null, 2),
);
console.log(`\n${rows.length - 1} mutations x 2 scenarios; logs in ${join(work, "logs")}`);
if (failed.length) {
  console.error(`drift audit FAILED for: ${failed.map((r) => r.mutation.id).join(", ")}`);
  process.exit(1);
}
rmSync(scratch, { recursive: true, force: true });
console.log("every disagreement between client and API was caught; the baseline passes");
