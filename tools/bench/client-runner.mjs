// One client, one task, one process: run.mjs starts this once per (client, task, run) so that each figure
// comes from a fresh process (its own JIT warm-up, heap and peak RSS) and the clients never share one.
// Prints one line `RESULT {json}` on stdout.
//
//   --task throughput  list page and single fetch, each at every --concurrency, --requests after --warmup
//   --task stream      every item of every page, one at a time            (wall, peak RSS, heap retained)
//   --task collect     every item of every page into one array            (wall, peak RSS)
//   --task cold        import the client, create it, exit (run.mjs times the whole process from outside)
//
// The client module is imported dynamically so a process loads exactly one client library.
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    client: { type: "string" },
    task: { type: "string" },
    origin: { type: "string", default: "http://127.0.0.1:1" },
    "account-sid": { type: "string" },
    "auth-token": { type: "string" },
    requests: { type: "string", default: "2000" },
    warmup: { type: "string", default: "200" },
    concurrency: { type: "string", default: "1,16" },
    scenarios: { type: "string", default: "list,fetch" },
    "list-page-size": { type: "string", default: "50" },
    "fetch-sid": { type: "string" },
    "page-size": { type: "string", default: "1000" },
    items: { type: "string", default: "100000" },
    "max-seconds": { type: "string", default: "120" },
  },
});

// Every process has a hard deadline, whatever its loops do.
const maxMs = Number(args["max-seconds"]) * 1000;
setTimeout(() => {
  process.stderr.write(`client-runner: ${args.client} ${args.task} exceeded ${args["max-seconds"]} s\n`);
  process.exit(3);
}, maxMs).unref();

const lib = await import(`./clients/${args.client}.mjs`);
const ctx = await lib.create({ origin: args.origin, accountSid: args["account-sid"], authToken: args["auth-token"] });
if (args.task === "cold") process.exit(0);

const mb = (bytes) => bytes / 2 ** 20;
const peakRssMB = () => mb(process.resourceUsage().maxRSS * 1024);
const deadline = performance.now() + maxMs;

/** `requests` calls with `concurrency` in flight; latency per call, wall time, and this process's CPU time. */
async function phase(call, requests, concurrency) {
  const latencies = new Float64Array(requests);
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const i = next++;
      const start = performance.now();
      await call();
      latencies[i] = performance.now() - start;
      if (latencies[i] + start > deadline) throw new Error("deadline passed");
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort();
  return {
    rps: (requests / wallMs) * 1000,
    meanMs: latencies.reduce((a, b) => a + b, 0) / requests,
    p99Ms: latencies[Math.min(requests - 1, Math.ceil(requests * 0.99) - 1)],
    cpuUsPerReq: (cpu.user + cpu.system) / requests,
  };
}

// Every call checks what it got, so no client can skip work the others do.
const listPageSize = Number(args["list-page-size"]);
const calls = {
  list: async () => {
    const page = await lib.listPage(ctx, listPageSize);
    if (page.results.length !== listPageSize) throw new Error(`list: ${page.results.length} items`);
  },
  fetch: async () => {
    const item = await lib.fetchOne(ctx, args["fetch-sid"]);
    if (item.sid !== args["fetch-sid"]) throw new Error("fetch: wrong sid");
  },
};

const result = { client: args.client, task: args.task };
const pageSize = Number(args["page-size"]);
const expected = Number(args.items);

if (args.task === "throughput") {
  const requests = Number(args.requests);
  const warmup = Number(args.warmup);
  for (const scenario of args.scenarios.split(",")) {
    for (const concurrency of args.concurrency.split(",").map(Number)) {
      await phase(calls[scenario], warmup, concurrency); // JIT, connection pool
      const from = process.hrtime.bigint() / 1000n; // the window profile.mjs keeps from a --cpu-prof
      result[`${scenario}.c${concurrency}`] = { ...(await phase(calls[scenario], requests, concurrency)), window: [Number(from), Number(process.hrtime.bigint() / 1000n)] };
    }
  }
  result.peakRssMB = peakRssMB();
} else if (args.task === "stream") {
  // Flat memory means nothing accumulates while items stream by. RSS peaks depend on when V8 chooses to
  // collect, so retention is measured directly: the heap after a full GC (run.mjs passes --expose-gc) at
  // 10% and at 90% of the items. The two GC pauses are left out of the wall time.
  let count = 0;
  let gcMs = 0;
  const heaps = {};
  const at = { [Math.floor(expected * 0.1)]: "p10", [Math.floor(expected * 0.9)]: "p90" };
  const t0 = performance.now();
  await lib.stream(ctx, pageSize, (item) => {
    if (typeof item.sid !== "string") throw new Error("stream: item without sid");
    count++;
    if (at[count] && globalThis.gc) {
      const g0 = performance.now();
      globalThis.gc();
      heaps[at[count]] = process.memoryUsage().heapUsed;
      gcMs += performance.now() - g0;
    }
    if (count % pageSize === 0 && performance.now() > deadline) throw new Error("deadline passed");
  });
  result.wallS = (performance.now() - t0 - gcMs) / 1000;
  if (count !== expected) throw new Error(`stream: ${count} items, expected ${expected}`);
  result.peakRssMB = peakRssMB();
  if (heaps.p10 === undefined || heaps.p90 === undefined) throw new Error("stream: run with --expose-gc to measure retention");
  result.retainedGrowthMB = mb(heaps.p90 - heaps.p10);
} else if (args.task === "collect") {
  const t0 = performance.now();
  const items = await lib.collect(ctx, pageSize);
  result.wallS = (performance.now() - t0) / 1000;
  if (items.length !== expected || typeof items.at(-1).sid !== "string") throw new Error(`collect: ${items.length} items, expected ${expected}`);
  result.peakRssMB = peakRssMB();
} else {
  throw new Error(`unknown task ${args.task}`);
}

process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
// Keep-alive sockets (undici's pool, twilio's agent) would hold the process open for seconds.
process.exit(0);
