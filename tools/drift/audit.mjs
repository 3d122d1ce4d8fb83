#!/usr/bin/env node
// Drift audit (`pnpm test:drift`): applies each mutation of the catalog to the spec and records which
// check fails, in two scenarios:
//   moved        the API moved: types and client stay as built from the real spec; Prism serves the mutant;
//                the contract suite must fail. Every mutation runs here, in batches: one vitest run per
//                batch, one project per mutant, each against its own mock (`startMock()`: the mock's
//                one process, as `pnpm test` runs it), so no vitest process starts per mutant.
//   regenerated  the spec was edited and regenerated in a scratch copy of the repo: codegen, the client
//                build, tsc over client, contract tests and quickstart, then the contract suite (Prism on the
//                mutant). It judges hand-written code against a regenerated client, so it runs the
//                hand-written mutations (./catalog.mjs), whose verdict there is known, and a fixed sample of
//                the generated ones (the first of each kind, in catalog order), reported but not judged:
//                after regenerating, client and API agree by construction. The staleness check is left out:
//                it fails on any unregenerated edit, proving nothing.
// The catalog: mutations generated from the spec per operation (./generate.mjs) plus the hand-written ones.
// A baseline row (no mutation) must pass everything. Exits 1 unless every expected disagreement is caught.
//
// Usage: audit.mjs [--scenario moved|regenerated] [FILTER ...]
//                                          run the mutations whose id contains a FILTER or whose kind is one
//                                          (default: all), in both scenarios or the one named
//        audit.mjs --list [--json] [--spec FILE]   print the catalog generated for a spec (default: the repo's)
import { spawn } from "node:child_process";
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startMock } from "@trusthub/mock";
import { repoRoot, scratchRepo } from "@trusthub/test-support";
import { parse, stringify } from "yaml";
import { catalog as handWritten } from "./catalog.mjs";
import { generatedMutations, KINDS } from "./generate.mjs";

const SPEC = "specs/trusthub/v1/openapi.yaml";
/** Mutants served at once in one vitest run (memory: a project and a Prism each). */
const BATCH = 40;
const START_LIMIT_MS = 600_000;

const { values: args, positionals: filters } = parseArgs({
  allowPositionals: true,
  options: {
    list: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    spec: { type: "string" },
    scenario: { type: "string", multiple: true, default: ["moved", "regenerated"] },
  },
});
const specFile = resolve(args.spec ?? join(repoRoot, SPEC));
if (args.spec && !args.list && specFile !== resolve(repoRoot, SPEC)) {
  console.error("audit: --spec goes with --list; the audit itself checks the repo's spec against the client built from it");
  process.exit(2);
}
const original = readFileSync(specFile, "utf8");
const load = () => parse(original, { maxAliasCount: -1 });
const spec = load();
const catalog = [...generatedMutations(spec), ...handWritten.filter((m) => m.applies(spec))];
const byKind = Object.fromEntries([...KINDS, "hand-written"].map((k) => [k, catalog.filter((m) => m.kind === k).length]).filter(([, n]) => n));
const kindLine = Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(", ");

if (args.list) {
  if (args.json) console.log(JSON.stringify(catalog.map(({ id, kind, operation, what }) => ({ id, kind, operation, what })), null, 2));
  else console.log(`${catalog.map((m) => `${m.id}\t${m.what}`).join("\n")}\n\n${catalog.length} mutations by kind: ${kindLine}`);
  process.exit(0);
}

const started = 0; // performance.now() counts from the process start: the wall time is the whole run
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
const work = mkdtempSync(join(tmpdir(), "trusthub-drift-"));
const logs = join(work, "logs");
mkdirSync(logs, { recursive: true });
const contractDir = join(repoRoot, "tests/contract");
const reporter = fileURLToPath(new URL("./reporter.mjs", import.meta.url));

const baseline = { id: "baseline", kind: "baseline", what: "no mutation", disagrees: { moved: false, regenerated: false }, apply: () => {} };
const selected = catalog.filter((m) => !filters.length || filters.some((f) => m.id.includes(f) || m.kind === f));
const entries = [baseline, ...selected].map((mutation, index) => {
  const s = load();
  mutation.apply(s);
  // Served as JSON (a YAML subset): the contract suite parses it several times faster than YAML.
  const file = join(work, `mutant-${index}.json`);
  writeFileSync(file, JSON.stringify(s));
  const text = mutation === baseline ? original : stringify(s, { aliasDuplicateObjects: false, lineWidth: 0 });
  return { mutation, file, text, moved: undefined, regenerated: undefined };
});

/** Runs a command (in parallel with the others of a batch); resolves to success. */
function run(label, cmd, argv, { cwd, env = {}, timeoutMs = 1_800_000 }) {
  return new Promise((done) => {
    const log = createWriteStream(join(logs, `${label.replace(/[^\w.-]+/g, "_")}.log`));
    log.write(`${cmd} ${argv.join(" ")}\n`);
    const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const timer = setTimeout(() => {
      log.write(`\nkilled after ${timeoutMs / 1000} s\n`);
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      log.end();
      done(code === 0);
    });
  });
}

const failedTests = (report, project) => (report?.projects?.[project]?.failed ?? []).map((f) => f.test);

// ---- moved: one vitest run per batch of mutants, each project against its own Prism --------------------
async function movedScenario() {
  for (let from = 0; from < entries.length; from += BATCH) {
    const batch = entries.slice(from, from + BATCH);
    const served = await Promise.all(
      batch.map((entry) =>
        // A batch's mocks start at once and share the cores: the start limit is a hang guard, not a speed goal.
        startMock({ spec: entry.file, startTimeoutMs: START_LIMIT_MS }).catch((error) => {
          entry.moved = { caught: [], error: `Prism could not serve it: ${error.message}` };
          return undefined;
        }),
      ),
    );
    const projects = batch.flatMap((entry, i) =>
      served[i]
        ? [
            {
              test: {
                name: `m${from + i}`,
                root: contractDir,
                include: ["test/**/*.test.ts"],
                // One worker per mutant, its files in turn sharing their modules: a worker's start and
                // imports cost more than the tests; the mutants run side by side instead.
                pool: "threads",
                isolate: false,
                fileParallelism: false,
                maxWorkers: 1,
                testTimeout: 60_000,
                hookTimeout: 60_000,
                provide: { prismUrl: served[i].url, servedSpec: entry.file },
              },
            },
          ]
        : [],
    );
    const config = join(work, `moved-${from}.config.mjs`);
    writeFileSync(config, `export default ${JSON.stringify({ test: { root: contractDir, maxWorkers: availableParallelism(), reporters: [reporter], projects } })};\n`);
    const report = join(work, `moved-${from}.json`);
    const t = performance.now();
    await run(`moved-batch-${from}`, join(contractDir, "node_modules/.bin/vitest"), ["run", "--config", config], { cwd: contractDir, env: { DRIFT_REPORT: report } });
    let result;
    try {
      result = JSON.parse(readFileSync(report, "utf8"));
    } catch {
      result = { projects: {} }; // vitest died before reporting: every mutant of the batch is an error
    }
    batch.forEach((entry, i) => {
      if (!served[i]) return;
      const ran = result.projects[`m${from + i}`];
      entry.moved = ran?.passed || ran?.failed.length ? { caught: failedTests(result, `m${from + i}`), errors: ran.failed } : { caught: [], error: `no test ran (see ${logs}/moved-batch-${from}.log)` };
    });
    await Promise.all(served.filter(Boolean).map((s) => s.close()));
    process.stderr.write(`moved: mutants ${from}-${from + batch.length - 1} in ${seconds(t)} s\n`);
  }
}

// ---- regenerated: one scratch repo, regenerated per mutation ---------------------------------------------
const PRISTINE = ["packages/types/src/generated", "packages/types/package.json", "packages/client/src/generated", "packages/client/dist"];
const bin = (root, pkg, name) => join(root, pkg, "node_modules/.bin", name);

async function regenerated(scratch, entry, index) {
  for (const path of PRISTINE) {
    rmSync(join(scratch, path), { recursive: true, force: true });
    cpSync(join(repoRoot, path), join(scratch, path), { recursive: true });
  }
  writeFileSync(join(scratch, SPEC), entry.text);
  const id = `regen-${index}`;
  if (!(await run(`${id}.codegen`, process.execPath, [join(scratch, "tools/codegen/generate.mjs"), "--root", scratch], { cwd: scratch }))) {
    return { caught: ["codegen"] }; // nothing downstream can be built from a spec the generator refuses
  }
  const caught = [];
  if (!(await run(`${id}.build`, bin(scratch, "packages/client", "tsup"), [], { cwd: join(scratch, "packages/client") }))) caught.push("client build");
  const tsc = join(scratch, "node_modules/.bin/tsc");
  const projects = ["packages/client", "tests/contract", "examples/quickstart"];
  const typed = await Promise.all(projects.map((p) => run(`${id}.tsc.${p}`, tsc, ["--noEmit", "-p", join(scratch, p, "tsconfig.json")], { cwd: scratch })));
  projects.forEach((p, i) => typed[i] || caught.push(`tsc ${p}`));
  // The scratch copy's contract suite, against a mock serving the mutant.
  const prism = await startMock({ spec: entry.file, startTimeoutMs: START_LIMIT_MS });
  const report = join(work, `${id}.contract.json`);
  const config = join(work, `${id}.config.mjs`);
  const root = join(scratch, "tests/contract");
  const project = { root, include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000, provide: { prismUrl: prism.url, servedSpec: entry.file } };
  writeFileSync(config, `export default ${JSON.stringify({ test: { ...project, reporters: [reporter] } })};\n`);
  const ok = await run(`${id}.contract`, bin(scratch, "tests/contract", "vitest"), ["run", "--config", config], { cwd: root, env: { DRIFT_REPORT: report } });
  await prism.close();
  if (!ok) {
    let tests = [];
    try {
      tests = Object.values(JSON.parse(readFileSync(report, "utf8")).projects).flatMap((p) => p.failed.map((f) => f.test));
    } catch {}
    caught.push(`contract${tests.length ? ` (${tests.length}: ${tests[0]})` : ""}`);
  }
  return { caught };
}

async function regeneratedScenario() {
  const judged = entries.filter((e) => e.mutation.disagrees.regenerated !== undefined);
  const sampled = KINDS.map((kind) => entries.find((e) => e.mutation.kind === kind)).filter(Boolean);
  const scratch = scratchRepo({ prefix: "trusthub-drift-scratch-" });
  try {
    for (const entry of [...judged, ...sampled]) {
      const t = performance.now();
      entry.regenerated = await regenerated(scratch.dir, entry, entries.indexOf(entry));
      process.stderr.write(`regenerated: ${entry.mutation.id} (${seconds(t)} s)\n`);
    }
  } finally {
    scratch.remove();
  }
}

const movedStarted = performance.now();
let movedTime;
let regeneratedTime;
await Promise.all([
  args.scenario.includes("moved") && movedScenario().then(() => (movedTime = seconds(movedStarted))),
  args.scenario.includes("regenerated") && regeneratedScenario().then(() => (regeneratedTime = seconds(movedStarted))),
]);

// ---- verdicts and report ---------------------------------------------------------------------------------
// A miss: client and API disagree and nothing failed. A false alarm: the baseline failed something. An
// error: the audit could not run a scenario (a mutant Prism cannot serve is a generator bug).
function verdict({ mutation, moved, regenerated }) {
  if (moved?.error) return false;
  const judged = [["moved", moved], ["regenerated", mutation.disagrees.regenerated !== undefined && regenerated]].filter(([, result]) => result);
  return judged.every(([scenario, result]) => (mutation === baseline ? result.caught.length === 0 : result.caught.length > 0 || !mutation.disagrees[scenario]));
}
const short = (name) => (name.length > 90 ? `${name.slice(0, 87)}...` : name);
// Moved: the contract tests that failed; regenerated: the checks that failed.
function cell(result, expected, { judged = true, tests = false } = {}) {
  if (!result) return judged ? "not run" : "not run (not sampled)";
  if (result.error) return `ERROR: ${result.error}`;
  if (result.caught.length) return `caught: ${tests ? `${result.caught.length} test(s), first: ${short(result.caught[0])}` : result.caught.join(", ")}`;
  return !judged ? "passes (reported only)" : expected ? "MISSED" : "passes (agree)";
}
const rows = entries.map((entry) => ({ ...entry, ok: verdict(entry) }));
const table = rows.map(({ mutation: m, moved, regenerated }) => [
  m.id,
  m.what,
  cell(moved, m.disagrees.moved, { tests: true }),
  cell(regenerated, m.disagrees.regenerated, { judged: m.disagrees.regenerated !== undefined }),
]);
const header = ["mutation", "change", "API moved (types/client as built)", "spec edited + regenerated"];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log([line(header), line(widths.map((w) => "-".repeat(w))), ...table.map(line)].join("\n"));

const failed = rows.filter((r) => !r.ok);
const wall = seconds(started);
const selectedByKind = Object.fromEntries(Object.keys(byKind).map((k) => [k, selected.filter((m) => m.kind === k).length]).filter(([, n]) => n));
const selectedKinds = Object.entries(selectedByKind).map(([k, n]) => `${k} ${n}`).join(", ");
// Same shape as vitest's JSON report, so CI's summary counts each mutation (and the baseline) as a test.
mkdirSync(new URL("test-results/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("test-results/drift-audit.json", import.meta.url),
  JSON.stringify(
    {
      numPassedTests: rows.length - failed.length,
      numFailedTests: failed.length,
      wallSeconds: Number(wall),
      mutationsByKind: selectedByKind,
      rows: rows.map(({ mutation: m, moved, regenerated, ok }) => ({ id: m.id, kind: m.kind, what: m.what, ok, moved, regenerated })),
    },
    null,
    2,
  ),
);
console.log(`\n${selected.length} mutations by kind: ${selectedKinds}`);
const regeneratedRows = rows.filter((r) => r.regenerated && r.mutation !== baseline);
console.log(
  `API moved: ${rows.filter((r) => r.moved && r.mutation !== baseline).length} mutations (all selected) in ${movedTime ?? "-"} s; ` +
    `regenerated: ${regeneratedRows.length} (${regeneratedRows.filter((r) => r.mutation.disagrees.regenerated !== undefined).length} hand-written, judged; ` +
    `${regeneratedRows.filter((r) => r.mutation.disagrees.regenerated === undefined).length} generated, the first of each kind, reported) in ${regeneratedTime ?? "-"} s; the two run side by side`,
);
console.log(`drift audit wall time: ${wall} s`);
if (failed.length) {
  console.error(`drift audit FAILED for: ${failed.map((r) => r.mutation.id).join(", ")}; logs in ${logs}`);
  process.exit(1);
}
rmSync(work, { recursive: true, force: true });
console.log("every disagreement between client and API was caught; the baseline passes");
