// `pnpm bench`: @trusthub/client against bare openapi-fetch on the same responses, interleaved in one
// run; writes BENCHMARKS.md from it (keeping the mock's section) and prints it. Raw figures are not kept.
//   node tools/bench/run.mjs           the full run (a few minutes)
//   node tools/bench/run.mjs --smoke   tiny counts, BENCHMARKS.md into a temporary directory (or --out DIR):
//                                      a check that every figure comes out, not a measurement
import { execFileSync, fork, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { CLIENTS, checked } from "./clients.mjs";
import { OPS, renderMarkdown, withMockSection } from "./report.mjs";
import { FRAMINGS, STREAM_FRAMING } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const { values: argv } = parseArgs({ options: { smoke: { type: "boolean" }, out: { type: "string" } } });
const plan = argv.smoke
  ? { rounds: 1, calls: { list: 5, one: 5, create: 5 }, coldRuns: 1, streamRuns: 1, pages: 3, pageSize: 100 }
  : { rounds: 20, calls: { list: 50, one: 100, create: 100 }, coldRuns: 20, streamRuns: 3, pages: 100, pageSize: 1000 };
const outDir = argv.out ?? (argv.smoke ? await mkdtemp(join(tmpdir(), "trusthub-bench-")) : join(here, "../.."));
const names = Object.keys(CLIENTS);
// Round r's order of the clients: alternating, so neither always runs first.
const order = (r) => (r % 2 ? [...names].reverse() : names);
const started = performance.now();
const loadStart = loadavg()[0];
const log = (message) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${message}\n`);

const server = fork(join(here, "server.mjs"), [String(plan.pages), String(plan.pageSize)], { stdio: "inherit" });
process.on("exit", () => server.kill());
const { origin, sizes } = await new Promise((resolve, reject) => {
  server.once("message", resolve);
  server.once("exit", (code) => reject(new Error(`the server exited (${code})`)));
});
log(`server ${origin}; bytes on the wire: ${JSON.stringify(sizes)}`);

// Calls: the two clients call by call in turn, the first alternating, so each pair of calls meets the same
// machine (load from elsewhere comes and goes; a harness that times one client's calls, then the other's,
// lets it fall on one of them). Per round, each client's median call: its CPU time, and calls/s at its
// latency; a mean would follow whichever calls a GC pause or a preemption of a busy machine lands in.
// Round 0 warms up (JIT, connections), with more calls, and is not kept.
const made = {};
for (const name of names) for (const framing of FRAMINGS) (made[name] ??= {})[framing] = await CLIENTS[name](`${origin}/${framing}`);
const median = (values) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const calls = {};
for (let round = 0; round <= plan.rounds; round++) {
  for (const op of Object.keys(OPS)) {
    for (const framing of FRAMINGS) {
      const spent = Object.fromEntries(names.map((name) => [name, { cpuUs: [], ms: [] }]));
      for (let i = 0; i < plan.calls[op] * (round ? 1 : 5); i++) {
        for (const name of order(i)) {
          const cpu = process.cpuUsage();
          const from = performance.now();
          checked(op, await made[name][framing][op]());
          spent[name].ms.push(performance.now() - from);
          const used = process.cpuUsage(cpu);
          spent[name].cpuUs.push(used.user + used.system);
        }
      }
      if (round === 0) continue;
      for (const name of names) {
        const figures = ((calls[`${op}/${framing}`] ??= {})[name] ??= { cpuUs: [], rps: [] });
        figures.cpuUs.push(median(spent[name].cpuUs));
        figures.rps.push(1000 / median(spent[name].ms));
      }
    }
  }
  if (round % 5 === 0) log(`calls: round ${round}/${plan.rounds} done`);
}

/** Runs isolated.mjs; resolves with its wall time in ms and what it printed. */
function isolated(args, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, join(here, "isolated.mjs"), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const from = performance.now();
  let out = "";
  child.stdout.on("data", (data) => (out += data));
  return new Promise((resolve, reject) =>
    child.on("close", (code) => (code === 0 ? resolve({ ms: performance.now() - from, out }) : reject(new Error(`isolated.mjs ${args.join(" ")}: exit ${code}`)))),
  );
}

const cold = {};
for (let run = 0; run < plan.coldRuns; run++) for (const name of order(run)) (cold[name] ??= []).push((await isolated(["cold", name])).ms);
log("cold start done");

const stream = {};
const items = plan.pages * plan.pageSize;
for (let run = 0; run < plan.streamRuns; run++) {
  for (const name of order(run)) {
    const { out } = await isolated(["stream", name, `${origin}/${STREAM_FRAMING}`, plan.pageSize, items], ["--expose-gc"]);
    for (const [metric, value] of Object.entries(JSON.parse(out))) ((stream[name] ??= {})[metric] ??= []).push(value);
  }
}
log("streaming done");
server.kill();

// One call each, as a user ships it: esbuild bundle, minified, gzip -9.
const PROGRAMS = {
  trusthub: `import { createTrustHubClient, unwrap } from "@trusthub/client";
    const client = createTrustHubClient();
    console.log(await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: process.argv[2] } } })));`,
  "openapi-fetch": `import createClient from "openapi-fetch";
    const client = createClient({ baseUrl: "https://trusthub.twilio.com", headers: { Authorization: "Basic " + btoa(process.env.TWILIO_ACCOUNT_SID + ":" + process.env.TWILIO_AUTH_TOKEN) } });
    console.log((await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: process.argv[2] } } })).data);`,
};
const bundle = {};
for (const [name, contents] of Object.entries(PROGRAMS)) {
  const result = await build({ stdin: { contents, resolveDir: here }, bundle: true, minify: true, platform: "node", format: "esm", write: false, logLevel: "error" });
  bundle[name] = gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

const git = (...args) => execFileSync("git", args, { cwd: here, encoding: "utf8" }).trim();
const dirty = git("status", "--porcelain", "--", "../../packages/client", "../../packages/types") ? " (with uncommitted changes to the client)" : "";
const meta = {
  date: new Date().toISOString(),
  command: argv.smoke ? "node tools/bench/run.mjs --smoke" : "pnpm bench",
  durationS: Math.round((performance.now() - started) / 1000),
  commit: `${git("rev-parse", "--short", "HEAD")}${dirty}`,
  node: process.version,
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  loadavg: { start: loadStart, end: loadavg()[0] },
  plan,
};
const markdown = renderMarkdown({ meta, calls, cold, stream, bundle });
const file = join(outDir, "BENCHMARKS.md");
await mkdir(outDir, { recursive: true });
await writeFile(file, withMockSection(await readFile(file, "utf8").catch(() => ""), markdown));
process.stdout.write(markdown);
log(`wrote ${file}`);
process.exit(0);
