// `pnpm bench`: @trusthub/client against raw fetch, bare openapi-fetch and the official twilio package, in
// one run, and the figures published to tools/bench/results.json and BENCHMARKS.md.
//
//   node tools/bench/run.mjs            the full run (~8 min on a busy 2-core machine)
//   node tools/bench/run.mjs --smoke    tiny counts, writes to a temp dir (or --out DIR); a manual check that every figure comes out
//   BENCH_SMOKE=1 node tools/bench/run.mjs   same as --smoke
//   node tools/bench/run.mjs --report   re-render the table and BENCHMARKS.md from results.json, no measuring
//
// How: the server (server.mjs) runs in its own process; every client runs in its own process per task and
// run (client-runner.mjs), the clients interleaved round-robin, starting with a different client each
// round, so that drift of a shared machine spreads over all of them. Figures are medians with min–max over
// the runs. The timed phases run one at a time; the untimed ones (bundle, install) after them.
import { execFileSync, fork, spawn } from "node:child_process";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { summarize } from "./profile.mjs";
import { CLIENTS, THROUGHPUT_VARIANTS, aggregate, renderMarkdown, renderText } from "./report.mjs";
import { ACCOUNT_SID, AUTH_TOKEN, FETCH_SID, LIST_PAGE_SIZE } from "./server.mjs";
import { bundleSizes, installFootprints } from "./static.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const { values: argv } = parseArgs({ options: { smoke: { type: "boolean" }, out: { type: "string" }, report: { type: "boolean" } } });
const smoke = argv.smoke || process.env.BENCH_SMOKE === "1";

// The full plan; the smoke plan only checks that every figure comes out.
const PLAN = smoke
  ? { runs: 1, requests: 30, warmup: 10, concurrency: [1, 16], pages: 3, pageSize: 1000, coldReps: 2, profileRequests: 30 }
  : { runs: 5, requests: 2000, warmup: 200, concurrency: [1, 16], pages: 100, pageSize: 1000, coldReps: 20, profileRequests: 1000 };
const ITEMS = PLAN.pages * PLAN.pageSize;

const outDir = argv.out ?? (smoke ? await mkdtemp(join(tmpdir(), "trusthub-bench-smoke-")) : undefined);
const resultsFile = outDir ? join(outDir, "results.json") : join(here, "results.json");
const markdownFile = outDir ? join(outDir, "BENCHMARKS.md") : join(repo, "BENCHMARKS.md");

/** Writes BENCHMARKS.md, keeping the section tools/bench/mock.mjs writes (between its markers). */
async function writeMarkdown(results) {
  const previous = await readFile(markdownFile, "utf8").catch(() => "");
  const begin = previous.indexOf("<!-- mock benchmark: begin");
  const endMarker = "<!-- mock benchmark: end -->";
  const end = previous.indexOf(endMarker);
  const mockSection = begin >= 0 && end > begin ? `\n${previous.slice(begin, end + endMarker.length)}\n` : "";
  await writeFile(markdownFile, renderMarkdown(results) + mockSection);
}

if (argv.report) {
  const results = JSON.parse(await readFile(resultsFile, "utf8"));
  await writeMarkdown(results);
  process.stdout.write(renderText(results));
  process.exit(0);
}

// Every child is killed when this process ends, however it ends.
const children = new Set();
const track = (child) => {
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
};
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

const started = performance.now();
const loadStart = loadavg()[0];
const log = (msg) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}\n`);
// The whole run is bounded too (a full run takes ~8 min on a busy 2-core machine).
const LIMIT_S = smoke ? 120 : 15 * 60;
setTimeout(() => {
  log(`gave up: the run took longer than ${LIMIT_S} s`);
  process.exit(1);
}, LIMIT_S * 1000).unref();

// The install footprint is not timed. A smoke run starts it at once, in parallel with everything else, to
// stay quick; a full run keeps it for the end so npm does not compete with the timed phases for the CPU.
const startInstalls = () => installFootprints(CLIENTS, { preferOffline: smoke });
const earlyInstalls = smoke ? startInstalls() : undefined;

/** Round r of an interleaved schedule: every client once, starting with a different one each round. */
const rotation = (r, clients = CLIENTS) => clients.map((_, i) => clients[(i + r) % clients.length]);
// The throughput phase (and its profile) also runs the variants, which only serve comparisons there.
const THROUGHPUT_CLIENTS = [...CLIENTS, ...THROUGHPUT_VARIANTS];

function startServer() {
  const child = track(fork(join(here, "server.mjs"), ["--pages", String(PLAN.pages), "--page-size", String(PLAN.pageSize)], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start within 60 s")), 60_000);
    child.once("message", (ready) => {
      clearTimeout(timer);
      resolve({ child, ...ready });
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
}

/** Runs client-runner.mjs to completion; resolves with its RESULT line. */
function runClient(client, task, origin, { extra = [], nodeArgs = [], maxSeconds = 150 } = {}) {
  const args = [
    ...nodeArgs,
    join(here, "client-runner.mjs"),
    ...["--client", client, "--task", task, "--origin", origin, "--account-sid", ACCOUNT_SID, "--auth-token", AUTH_TOKEN],
    ...["--requests", String(PLAN.requests), "--warmup", String(PLAN.warmup), "--concurrency", PLAN.concurrency.join(",")],
    ...["--list-page-size", String(LIST_PAGE_SIZE), "--fetch-sid", FETCH_SID, "--page-size", String(PLAN.pageSize), "--items", String(ITEMS)],
    ...["--max-seconds", String(maxSeconds)],
    ...extra,
  ];
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] }));
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), (maxSeconds + 15) * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)));
      else reject(new Error(`${client} ${task} failed (exit ${code}): ${err.trim().slice(-1000)}`));
    });
  });
}

/** Process start → import → client created → exit, timed from here. */
function coldStart(client) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = track(
      spawn(process.execPath, [join(here, "client-runner.mjs"), "--client", client, "--task", "cold", "--account-sid", ACCOUNT_SID, "--auth-token", AUTH_TOKEN, "--max-seconds", "30"], {
        stdio: "ignore",
      }),
    );
    child.on("exit", (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${client} cold start exited ${code}`))));
  });
}

const samples = {}; // figure id → client → numbers
const add = (id, client, value) => ((samples[id] ??= {})[client] ??= []).push(value);

const server = await startServer();
log(`server ${server.origin}: list page ${server.sizes.listPage} B, paging page ${server.sizes.pagingPage} B, instance ${server.sizes.instance} B`);

for (let r = 0; r < PLAN.runs; r++) {
  for (const client of rotation(r, THROUGHPUT_CLIENTS)) {
    const result = await runClient(client, "throughput", server.origin);
    for (const [key, phase] of Object.entries(result)) {
      if (typeof phase !== "object") continue;
      for (const metric of ["rps", "meanMs", "p99Ms", "cpuUsPerReq"]) add(`${key}.${metric}`, client, phase[metric]);
    }
    add("throughput.peakRssMB", client, result.peakRssMB);
  }
  log(`throughput round ${r + 1}/${PLAN.runs} done`);
}

for (let r = 0; r < PLAN.runs; r++) {
  for (const client of rotation(r)) {
    const streamed = await runClient(client, "stream", server.origin, { nodeArgs: ["--expose-gc"] });
    for (const metric of ["wallS", "peakRssMB", "retainedGrowthMB"]) add(`stream.${metric}`, client, streamed[metric]);
    const collected = await runClient(client, "collect", server.origin);
    for (const metric of ["wallS", "peakRssMB"]) add(`collect.${metric}`, client, collected[metric]);
  }
  log(`stream/collect round ${r + 1}/${PLAN.runs} done (${ITEMS} items each)`);
}

for (let r = 0; r < PLAN.coldReps; r++) {
  for (const client of rotation(r)) add("cold.ms", client, await coldStart(client));
}
log(`cold start: ${PLAN.coldReps} repetitions per client done`);

// One profiled throughput process per client at concurrency 1: where the CPU time of a request goes.
const profileDir = await mkdtemp(join(tmpdir(), "trusthub-bench-prof-"));
const profiles = {};
try {
  for (const client of THROUGHPUT_CLIENTS) {
    const dir = join(profileDir, client);
    await mkdir(dir);
    const result = await runClient(client, "throughput", server.origin, {
      nodeArgs: ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "200"],
      extra: ["--concurrency", "1", "--requests", String(PLAN.profileRequests)],
    });
    const [file] = await readdir(dir);
    const phases = Object.fromEntries(Object.entries(result).filter(([, v]) => v?.window));
    profiles[client] = await summarize(join(dir, file), phases, PLAN.profileRequests);
  }
} finally {
  await rm(profileDir, { recursive: true, force: true });
}
log("profiles done");

server.child.kill("SIGTERM");

const bundles = await bundleSizes(CLIENTS);
for (const client of CLIENTS) {
  add("bundle.minBytes", client, bundles[client].minBytes);
  add("bundle.gzipBytes", client, bundles[client].gzipBytes);
}
log("bundles done");

const installs = await (earlyInstalls ?? startInstalls());
for (const client of CLIENTS) {
  if ("unavailable" in installs[client]) continue;
  add("install.packages", client, installs[client].packages);
  add("install.bytes", client, installs[client].bytes);
}
log("install footprints done");

// Which client was measured: the commit, and whether the client or types had uncommitted changes.
const git = (...args) => {
  try {
    return execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
};

const results = {
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    loadavg: { start: loadStart, end: loadavg()[0] },
    git: { commit: git("rev-parse", "--short", "HEAD"), uncommitted: git("status", "--porcelain", "--", "packages/client", "packages/types")?.split("\n").filter(Boolean) ?? [] },
    command: smoke ? "node tools/bench/run.mjs --smoke" : "pnpm bench",
    mode: smoke ? "smoke" : "full",
    plan: { ...PLAN, items: ITEMS },
    sizes: server.sizes,
    durationS: Math.round((performance.now() - started) / 1000),
  },
  clients: CLIENTS,
  variants: THROUGHPUT_VARIANTS,
  figures: aggregate(samples),
  installUnavailable: Object.fromEntries(Object.entries(installs).filter(([, v]) => "unavailable" in v).map(([k, v]) => [k, v.unavailable])),
  bundleInputs: Object.fromEntries(CLIENTS.map((c) => [c, bundles[c].inputs])),
  profiles,
};

await mkdir(dirname(resultsFile), { recursive: true });
await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
await writeMarkdown(results);
process.stdout.write(renderText(results));
log(`wrote ${relative(process.cwd(), resultsFile) || resultsFile} and ${relative(process.cwd(), markdownFile) || markdownFile}`);
process.exit(0);
