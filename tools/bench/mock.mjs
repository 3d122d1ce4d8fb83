// The mock's benchmark: the in-process mock (createMock) against the server mock (startMock + HTTP).
//   node tools/bench/mock.mjs            measure (about 5-10 minutes), write the "The mock" section of
//                                        BENCHMARKS.md (the raw figures go to a file in the OS's temp folder)
//   node tools/bench/mock.mjs --quick    fewer runs, to try the script (figures not worth publishing)
//   node tools/bench/mock.mjs --report   re-render the section from the last run's raw figures, no measuring
// Needs the built packages (`npx -y pnpm@10.34.9 build`). Figures, not thresholds: nothing here fails on speed.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { report as reportFile } from "../../vitest.shared.mjs";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const resultsFile = join(tmpdir(), "trusthub-mock-bench-results.json");
const markdownFile = join(repo, "BENCHMARKS.md");
const BEGIN = "<!-- mock benchmark: begin (written by node tools/bench/mock.mjs) -->";
const END = "<!-- mock benchmark: end -->";

const quick = process.argv.includes("--quick");
const PLAN = quick
  ? { coldRuns: 2, requests: 200, warmup: 50, testRuns: 1 }
  : { coldRuns: 7, requests: 2000, warmup: 200, testRuns: 3 };
const EXAMPLE_TESTS = [
  { file: "test/in-process.test.ts", mock: "in-process (`createMock`)" },
  { file: "test/msw.test.ts", mock: "in-process through MSW (`trusthubHandlers`)" },
  { file: "test/http.test.ts", mock: "server (`startMock`) over HTTP, driven by the handle's controls" },
];

if (process.argv.includes("--report")) {
  await publish(JSON.parse(await readFile(resultsFile, "utf8")));
  process.exit(0);
}

const dist = (pkg, entry) => join(repo, "packages", pkg, "dist", entry);
for (const file of [dist("mock", "in-process.js"), dist("mock", "index.js"), dist("client", "index.js")]) {
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npx -y pnpm@10.34.9 build)`);
}
const started = performance.now();
const LIMIT_MS = 20 * 60_000;
const log = (message) => process.stderr.write(`[mock bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
const checkTime = () => {
  if (performance.now() - started > LIMIT_MS) throw new Error(`the benchmark ran over ${LIMIT_MS / 60_000} minutes; figures not written`);
};

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "?", node: process.version, loadStart: loadavg()[0] },
  plan: PLAN,
  cold: [],
  perRequest: [],
  exampleTests: [],
};

// 1. Cold start to the first response, each run in a fresh process. One start first, not measured: it keeps
// V8's code cache of Prism's bundle (node_modules/.cache/@trusthub/mock), which every mock of a project but
// its first starts from.
await run(process.execPath, [join(here, "mock-cold.mjs"), "in-process", "examples"], { timeout: 120_000 });
// The two mocks' runs alternate, so that both meet the same load.
for (const mode of ["examples", "stateful"]) {
  const samples = { "in-process": [], http: [] };
  for (let i = 0; i < PLAN.coldRuns; i++) {
    for (const kind of ["in-process", "http"]) {
      checkTime();
      const { stdout } = await run(process.execPath, [join(here, "mock-cold.mjs"), kind, mode], { timeout: 120_000 });
      samples[kind].push(JSON.parse(stdout.trim().split("\n").pop()));
    }
  }
  for (const kind of ["in-process", "http"]) {
    const runs = samples[kind];
    const entry = {
      kind,
      mode,
      ready: stats(runs.map((s) => s.ready)),
      firstResponse: stats(runs.map((s) => s.firstResponse)),
      import: stats(runs.map((s) => s.import)),
      total: stats(runs.map((s) => s.import + s.firstResponse)),
    };
    results.cold.push(entry);
    log(`cold ${kind} ${mode}: ready ${entry.ready.median.toFixed(0)} ms, first response ${entry.firstResponse.median.toFixed(0)} ms (medians of ${runs.length})`);
  }
}

// 2. Per request, warm, one at a time.
const { createMock } = await import(dist("mock", "in-process.js"));
const { startMock } = await import(dist("mock", "index.js"));
const { createTrustHubClient, unwrap } = await import(dist("client", "index.js"));
const credentials = { accountSid: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7", authToken: "bench-token" };
const auth = `Basic ${btoa(`${credentials.accountSid}:${credentials.authToken}`)}`;
for (const mode of ["examples", "stateful"]) {
  const options = { stateful: mode === "stateful" };
  const inProcess = await createMock(options);
  const server = await startMock(options);
  try {
    const clients = {
      "in-process": createTrustHubClient({ ...credentials, fetch: inProcess.fetch, maxRetries: 0 }),
      http: createTrustHubClient({ ...credentials, baseUrl: server.url, maxRetries: 0 }),
    };
    // The profile to fetch: the example's own SID, or one created in each store.
    const sids = {};
    for (const [kind, client] of Object.entries(clients)) {
      sids[kind] =
        mode === "stateful"
          ? (await unwrap(client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Bench Co", Email: "bench@acme.example", PolicySid: "RN806dd6cd175f314e1f96a9727ee271f4" } }))).sid
          : "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
    }
    const raw = {
      "in-process": (path) => inProcess.fetch(`https://trusthub.twilio.com${path}`, { headers: { authorization: auth } }),
      http: (path) => fetch(`${server.url}${path}`, { headers: { authorization: auth } }),
    };
    for (const via of ["fetch", "@trusthub/client"]) {
      const entry = { mode, via, request: "GET /v1/CustomerProfiles/{Sid}" };
      for (const kind of ["in-process", "http"]) {
        checkTime();
        const send =
          via === "fetch"
            ? async () => {
                const response = await raw[kind](`/v1/CustomerProfiles/${sids[kind]}`);
                await response.text();
                if (response.status !== 200) throw new Error(`${kind} answered ${response.status}`);
              }
            : () => unwrap(clients[kind].GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: sids[kind] } } }));
        entry[kind] = await perRequest(send);
      }
      results.perRequest.push(entry);
      log(`per request ${mode} via ${via}: in-process ${(entry["in-process"].median * 1000).toFixed(0)} µs, http ${(entry.http.median * 1000).toFixed(0)} µs (medians)`);
    }
  } finally {
    await inProcess.close();
    await server.stop();
  }
}

// 3. The example service's unit tests, one vitest run per test file.
const example = join(repo, "examples/consumer-service");
const vitest = join(example, "node_modules/vitest/vitest.mjs");
for (const { file, mock } of EXAMPLE_TESTS) {
  const samples = [];
  let tests = 0;
  for (let i = 0; i < PLAN.testRuns; i++) {
    checkTime();
    const t0 = performance.now();
    await run(process.execPath, [vitest, "run", file], { cwd: example, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    samples.push((performance.now() - t0) / 1000);
    // The package's vitest config writes this report (as for every package of the repo).
    const report = JSON.parse(await readFile(join(example, reportFile), "utf8"));
    if (report.numFailedTests > 0 || report.numPassedTests === 0) throw new Error(`${file}: ${report.numFailedTests} failed, ${report.numPassedTests} passed`);
    tests = report.numPassedTests;
  }
  results.exampleTests.push({ file, mock, tests, wall: stats(samples) });
  log(`example tests ${file}: ${stats(samples).median.toFixed(1)} s (median of ${samples.length})`);
}

results.machine.loadEnd = loadavg()[0];
results.minutes = (performance.now() - started) / 60_000;
await writeFile(resultsFile, JSON.stringify(results, null, 2) + "\n");
await publish(results);
log(`wrote the mock section of BENCHMARKS.md (raw figures: ${resultsFile})`);

/** Median, p95, min and max of `send`'s latency in ms, after a warm-up. */
async function perRequest(send) {
  for (let i = 0; i < PLAN.warmup; i++) await send();
  const samples = [];
  for (let i = 0; i < PLAN.requests; i++) {
    const t0 = performance.now();
    await send();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted.at(-1) };
}

async function publish(r) {
  const ms = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const us = (v) => (v * 1000).toFixed(0);
  const label = { "in-process": "in-process, `createMock()`", http: "server, `startMock()` + HTTP" };
  const cold = r.cold
    .map((c) => `| ${label[c.kind]} | ${c.mode} | ${c.ready ? ms(c.ready.median) : "–"} | ${ms(c.firstResponse.median)} | ${ms(c.firstResponse.min)}–${ms(c.firstResponse.max)} | ${ms(c.import.median)} | ${c.total ? ms(c.total.median) : "–"} |`)
    .join("\n");
  const ratio = (mode, figure = "firstResponse") => {
    const [a, b] = ["in-process", "http"].map((kind) => r.cold.find((c) => c.kind === kind && c.mode === mode)?.[figure]?.median);
    return a && b ? `${(b / a).toFixed(2)}×` : "–";
  };
  const perRequestRows = r.perRequest
    .map((p) => {
      const [a, b] = [p["in-process"], p.http];
      return `| ${p.mode} | ${p.via} | ${us(a.median)} (${us(a.p95)}) | ${us(b.median)} (${us(b.p95)}) | ${(b.median / a.median).toFixed(1)}× |`;
    })
    .join("\n");
  const tests = r.exampleTests
    .map((t) => `| \`${t.file}\` | ${t.mock} | ${t.tests} | ${t.wall.median.toFixed(1)} | ${t.wall.min.toFixed(1)}–${t.wall.max.toFixed(1)} |`)
    .join("\n");
  const section = `${BEGIN}
## The mock: in-process and over HTTP

\`@trusthub/mock\` run two ways, one engine behind both: in the test's process (\`createMock()\` from
\`@trusthub/mock/in-process\`: the engine behind a fetch function) and as a server (\`startMock()\`: the engine in
one child process on one loopback port, reached over HTTP). Measured ${r.date.slice(0, 10)} by
\`node tools/bench/mock.mjs\` (${r.minutes ? `${r.minutes.toFixed(1)} minutes` : "duration not recorded"}) on ${r.machine.cpus} × ${r.machine.model}, Node
${r.machine.node}. The machine is shared by several engineers: load average ${r.machine.loadStart.toFixed(1)} at the start,
${(r.machine.loadEnd ?? r.machine.loadStart).toFixed(1)} at the end, on ${r.machine.cpus} cores, so absolute times are inflated and noisy;
the ratios between the two mocks, measured side by side, are the figures to read.

### From createMock() / startMock() to the first response

A fresh Node process per run (${r.plan.coldRuns} runs each, the two mocks in turn): the time from calling \`createMock()\` (or
\`startMock()\`) to its promise resolving (ready), and to having the body of a first \`GET /v1/CustomerProfiles\`. It includes loading Prism (the in-process mock loads
it on its first \`createMock()\`; the server starts a Node process that loads it) and reading the spec, with
V8's code cache of Prism's bundle already kept by an earlier start, as for every mock of a project but its
first. The last column adds the import of the entry point. startMock() / createMock(), medians: ready, examples
${ratio("examples", "ready")}, stateful ${ratio("stateful", "ready")}; first response, examples ${ratio("examples")}, stateful ${ratio("stateful")}.

| mock | mode | ready, median ms | first response, median ms | first response, range ms | import of the entry point, median ms | import + first response, median ms |
| --- | --- | --: | --: | --: | --: | --: |
${cold}

### Per request

\`GET /v1/CustomerProfiles/{Sid}\`, one request at a time after ${r.plan.warmup} warm-up requests, ${r.plan.requests} measured: µs per
request, median (p95). "fetch" is a bare request to the mock (\`mock.fetch\`, or \`fetch\` to the server's URL);
"@trusthub/client" the same call through the client (validation, retries wrapper, response checks).

| mode | via | in-process µs | server + HTTP µs | server / in-process |
| --- | --- | --: | --: | --: |
${perRequestRows}

### The example service's unit tests

\`examples/consumer-service\`: the same scenarios run on each mock, one \`vitest run <file>\` per measurement
(${r.plan.testRuns} runs each; wall time of the whole vitest process: its start, the mock's start, the tests).

| test file | mock | tests | median s | range s |
| --- | --- | --: | --: | --: |
${tests}
${END}`;
  let markdown = existsSync(markdownFile) ? await readFile(markdownFile, "utf8") : "# Benchmarks\n";
  const begin = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  markdown = begin >= 0 && end > begin ? markdown.slice(0, begin) + section + markdown.slice(end + END.length) : `${markdown.trimEnd()}\n\n${section}\n`;
  await writeFile(markdownFile, markdown);
}
