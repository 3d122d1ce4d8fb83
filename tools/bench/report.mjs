// Turns the samples into figures (median, min–max, ratios to raw fetch and to twilio), checks them against
// the targets of issue 6, and renders the stdout table and BENCHMARKS.md. No measuring happens here.

export const CLIENTS = ["raw", "openapi-fetch", "trusthub", "twilio"];
/** Measured in the throughput phase only, for one comparison each (not in the main tables or targets). */
export const THROUGHPUT_VARIANTS = ["openapi-fetch-timeout"];
export const LABELS = {
  raw: "raw fetch",
  "openapi-fetch": "openapi-fetch",
  "openapi-fetch-timeout": "openapi-fetch + timeout signal",
  trusthub: "@trusthub/client",
  twilio: "twilio",
};
const DESCRIPTIONS = {
  raw: "global `fetch` + `JSON.parse`, nothing else: the floor",
  "openapi-fetch": "bare `openapi-fetch` 0.17 `createClient<paths>()` with our types, auth header, default JSON parsing",
  "openapi-fetch-timeout":
    "the same bare openapi-fetch, each call given what @trusthub/client gives each attempt: its own `AbortSignal` from an `AbortController` and a 30 s timer cleared when the call ends (throughput only, for the comparison in [Small responses](#small-responses-against-openapi-fetch-with-the-same-timeout-signal))",
  trusthub: "`createTrustHubClient()` with every default on (validation, 3 retries, 30 s timeouts, 16 MiB body cap, response checks), `unwrap()`, `paginate()`",
  twilio: "official `twilio` 6.x, `client.trusthub.v1.customerProfiles`, its own axios RequestClient (only the host rewritten)",
};

const SCENARIOS = {
  list: (s) => `GET /v1/CustomerProfiles?PageSize=50: a page of 50 profiles (${kib(s.listPage)})`,
  fetch: (s) => `GET /v1/CustomerProfiles/{Sid}: one profile (${s.instance.toLocaleString("en-US")} B)`,
};
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The figures, in display order. `better` only says which way a ratio is good. */
export function figureList(meta) {
  const list = [];
  for (const scenario of ["list", "fetch"]) {
    for (const c of meta.plan.concurrency) {
      const section = `Throughput, ${SCENARIOS[scenario](meta.sizes)}, concurrency ${c}`;
      list.push(
        { id: `${scenario}.c${c}.rps`, section, label: "requests/s", unit: "req/s", better: "higher" },
        { id: `${scenario}.c${c}.meanMs`, section, label: "mean latency", unit: "ms" },
        { id: `${scenario}.c${c}.p99Ms`, section, label: "p99 latency", unit: "ms" },
        { id: `${scenario}.c${c}.cpuUsPerReq`, section, label: "client CPU per request", unit: "µs" },
      );
    }
  }
  const items = meta.plan.items.toLocaleString("en-US");
  list.push(
    { id: "throughput.peakRssMB", section: "Memory", label: "peak RSS, throughput process", unit: "MiB" },
    { id: "stream.wallS", section: `Streaming ${items} items (paginate, twilio each, hand loops)`, label: "wall time", unit: "s" },
    { id: "stream.peakRssMB", section: `Streaming ${items} items (paginate, twilio each, hand loops)`, label: "peak RSS", unit: "MiB" },
    { id: "stream.retainedGrowthMB", section: `Streaming ${items} items (paginate, twilio each, hand loops)`, label: "heap retained, 10% → 90% of items", unit: "MiB" },
    { id: "collect.wallS", section: `Collecting ${items} items into an array (twilio list)`, label: "wall time", unit: "s" },
    { id: "collect.peakRssMB", section: `Collecting ${items} items into an array (twilio list)`, label: "peak RSS", unit: "MiB" },
    { id: "cold.ms", section: "Cold start (process start, import, client created)", label: "wall time", unit: "ms" },
    { id: "bundle.minBytes", section: "Consumer bundle (one-call program, esbuild)", label: "minified", unit: "B" },
    { id: "bundle.gzipBytes", section: "Consumer bundle (one-call program, esbuild)", label: "minified + gzip -9", unit: "B" },
    { id: "install.packages", section: "Install footprint (npm install --ignore-scripts)", label: "packages", unit: "" },
    { id: "install.bytes", section: "Install footprint (npm install --ignore-scripts)", label: "bytes on disk", unit: "B" },
  );
  return list;
}

// Map.groupBy arrived in Node 21; the engines field says 20.
function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** samples: figure id → client → numbers  ⇒  figure id → client → { median, min, max, n, xRaw, xTwilio, samples } */
export function aggregate(samples) {
  const figures = {};
  for (const [id, byClient] of Object.entries(samples)) {
    const stats = {};
    for (const [client, xs] of Object.entries(byClient)) {
      stats[client] = { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, samples: xs.map((x) => +x.toPrecision(6)) };
    }
    for (const s of Object.values(stats)) {
      s.xRaw = stats.raw?.median > 0 ? s.median / stats.raw.median : null;
      s.xTwilio = stats.twilio?.median > 0 ? s.median / stats.twilio.median : null;
    }
    figures[id] = stats;
  }
  return figures;
}

function fmt(value, unit) {
  if (value === undefined || value === null || Number.isNaN(value)) return "n/a";
  switch (unit) {
    case "req/s":
      return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
    case "ms":
      return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString("en-US");
    case "µs":
      return Math.round(value).toLocaleString("en-US");
    case "s":
      return value.toFixed(2);
    case "MiB":
      return value.toFixed(1);
    default:
      return Math.round(value).toLocaleString("en-US");
  }
}
const x = (ratio) => {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  if (ratio >= 100) return `${Math.round(ratio).toLocaleString("en-US")}×`;
  if (ratio >= 10) return `${ratio.toFixed(1)}×`;
  // Tiny ratios (a 216 B bundle against a 439 KB one) read better as fractions.
  return ratio >= 0.1 || ratio === 0 ? `${ratio.toFixed(2)}×` : `1/${Math.round(1 / ratio).toLocaleString("en-US")}×`;
};
const withUnit = (v, unit) => `${fmt(v, unit)}${unit ? ` ${unit}` : ""}`;

/** Each target of issue 6: what was measured, and whether it was met. */
export function evaluateTargets(results) {
  const f = results.figures;
  const m = (id, client) => f[id]?.[client]?.median;
  const ratio = (id, a, b) => (m(id, a) !== undefined && m(id, b) > 0 ? m(id, a) / m(id, b) : undefined);
  const targets = [];
  for (const scenario of ["list", "fetch"]) {
    for (const c of results.meta.plan.concurrency) {
      const r = ratio(`${scenario}.c${c}.rps`, "trusthub", "raw");
      targets.push({ id: `${scenario}.c${c}.rps`, target: `throughput ≥ 0.95× raw fetch (${scenario}, concurrency ${c})`, measured: `${x(r)} raw`, met: r >= 0.95 });
    }
  }
  for (const scenario of ["list", "fetch"]) {
    for (const c of results.meta.plan.concurrency) {
      const r = ratio(`${scenario}.c${c}.cpuUsPerReq`, "trusthub", "raw");
      targets.push({ id: `${scenario}.c${c}.cpuUsPerReq`, target: `client CPU per request ≤ 1.10× raw fetch (${scenario}, concurrency ${c})`, measured: `${x(r)} raw`, met: r <= 1.1 });
    }
  }
  const stream = ratio("stream.wallS", "trusthub", "openapi-fetch");
  targets.push({ id: "stream.wallS", target: "streaming ≤ 1.05× the bare openapi-fetch loop (wall)", measured: `${x(stream)} openapi-fetch`, met: stream <= 1.05 });
  // Flat: nothing accumulates as items go by. Measured as the heap after a full GC at 90% of the items minus
  // at 10%: about one page (~8 MiB parsed) at most. Peak RSS also depends on when V8 collects, so it is
  // shown next to the bare loop's for comparison, not judged.
  const peak = ratio("stream.peakRssMB", "trusthub", "openapi-fetch");
  const retained = m("stream.retainedGrowthMB", "trusthub");
  targets.push({
    id: "stream.peakRssMB",
    target: "streaming memory flat (heap retained from 10% to 90% of the items ≤ 8 MiB)",
    measured: `retained ${fmt(retained, "MiB")} MiB; peak RSS ${fmt(m("stream.peakRssMB", "trusthub"), "MiB")} MiB = ${x(peak)} the bare loop's (collecting: ${fmt(m("collect.peakRssMB", "trusthub"), "MiB")} MiB)`,
    met: retained <= 8,
  });
  const cold = ratio("cold.ms", "trusthub", "openapi-fetch");
  targets.push({ id: "cold.ms", target: "cold start ≤ 1.1× bare openapi-fetch", measured: `${x(cold)} openapi-fetch`, met: cold <= 1.1 });
  const gz = m("bundle.gzipBytes", "trusthub");
  targets.push({ id: "bundle.gzipBytes", target: "bundle ≤ 6 KB gzipped (6 KiB = 6,144 B)", measured: `${fmt(gz, "B")} B`, met: gz <= 6144 });
  const smaller = ratio("bundle.gzipBytes", "twilio", "trusthub");
  targets.push({ id: "bundle.vsTwilio", target: "bundle ≥ 50× smaller than twilio's (gzipped)", measured: `${smaller?.toFixed(0)}× smaller`, met: smaller >= 50 });
  return targets.map((t) => ({ ...t, met: Boolean(t.met), why: t.met ? "" : why(t.id, results) }));
}

/** The calls into the platform the profile found under a library's own code, biggest first, the request itself left out. */
function platformCalls(results, scenario, owner, n) {
  return Object.entries(results.profiles?.trusthub?.[scenario]?.callsUsPerReq ?? {})
    .filter(([k]) => k.startsWith(`${owner}:`) && !/ → fetch \[/.test(k))
    .slice(0, n)
    .map(([k, v]) => `\`${k.slice(owner.length + 2).replace(/ \[.*\]$/, "")}\` ${v.toFixed(0)} µs`)
    .join(", ");
}

/** A missed target's explanation, from the figures and the profile of the same run. */
function why(id, results) {
  const f = results.figures;
  const m = (fig, client) => f[fig]?.[client]?.median;
  const [scenario] = id.split(".");
  if (id.endsWith(".rps") || id.endsWith(".cpuUsPerReq")) {
    const p = results.profiles ?? {};
    const key = `${scenario}.c1`;
    const cpu = (c) => Math.round(p[c]?.[key]?.cpuUsPerReq ?? NaN);
    return (
      `Profiled CPU per ${scenario} request at concurrency 1: raw fetch ${cpu("raw")} µs, openapi-fetch ${cpu("openapi-fetch")} µs, @trusthub/client ${cpu("trusthub")} µs. ` +
      `Largest calls from our code: ${platformCalls(results, key, "@trusthub/client", 5) || "n/a"}; ` +
      `from openapi-fetch's (inside @trusthub/client): ${platformCalls(results, key, "openapi-fetch", 3) || "n/a"}.`
    );
  }
  if (id === "stream.wallS") {
    return `Streaming is a loop of ${results.meta.plan.pages} list requests of ${results.meta.plan.pageSize} items: the per-request costs of the profile apply to every page. Collecting shows the same gap: ${fmt(m("collect.wallS", "trusthub"), "s")} s vs ${fmt(m("collect.wallS", "openapi-fetch"), "s")} s.`;
  }
  if (id === "stream.peakRssMB") {
    return `Heap after a full GC grew ${fmt(m("stream.retainedGrowthMB", "trusthub"), "MiB")} MiB between 10% and 90% of the items (openapi-fetch loop: ${fmt(m("stream.retainedGrowthMB", "openapi-fetch"), "MiB")} MiB): something holds on to items or pages.`;
  }
  if (id === "cold.ms") {
    return `Process start + import + create: ${fmt(m("cold.ms", "trusthub"), "ms")} ms vs ${fmt(m("cold.ms", "openapi-fetch"), "ms")} ms for openapi-fetch alone; a process that imports nothing (raw fetch) takes ${fmt(m("cold.ms", "raw"), "ms")} ms.`;
  }
  if (id === "bundle.gzipBytes") {
    const inputs = Object.entries(results.bundleInputs?.trusthub ?? {}).map(([k, v]) => `${k} ${v.toLocaleString("en-US")} B`);
    return `openapi-fetch's one-call program alone is ${fmt(m("bundle.gzipBytes", "openapi-fetch"), "B")} B gzipped; @trusthub/client's adds ${fmt(m("bundle.gzipBytes", "trusthub") - m("bundle.gzipBytes", "openapi-fetch"), "B")} B. Minified bytes by package: ${inputs.join(", ")}.`;
  }
  if (id === "bundle.vsTwilio") return `twilio's one-call bundle is ${fmt(m("bundle.gzipBytes", "twilio"), "B")} B gzipped.`;
  return "";
}

// ---------------------------------------------------------------------------------------------- stdout

export function renderText(results) {
  const rows = [["figure", "client", "median", "min–max", "×raw", "×twilio", "n"]];
  let section;
  for (const fig of figureList(results.meta)) {
    const stats = results.figures[fig.id];
    if (fig.section !== section) {
      rows.push([`## ${fig.section}`]);
      section = fig.section;
    }
    for (const client of [...CLIENTS, ...THROUGHPUT_VARIANTS]) {
      const s = stats?.[client];
      if (!s && THROUGHPUT_VARIANTS.includes(client)) continue; // variants run in the throughput phase only
      if (!s) {
        rows.push([fig.label, LABELS[client], results.installUnavailable?.[client] ? "unavailable" : "n/a"]);
        continue;
      }
      rows.push([fig.label, LABELS[client], withUnit(s.median, fig.unit), `${fmt(s.min, fig.unit)}–${fmt(s.max, fig.unit)}`, x(s.xRaw), x(s.xTwilio), String(s.n)]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.filter((r) => r.length > 1).map((r) => (r[i] ?? "").length)));
  const line = (r) => (r.length === 1 ? `\n${r[0]}` : r.map((c, i) => (i >= 2 ? (c ?? "").padStart(widths[i]) : (c ?? "").padEnd(widths[i]))).join("  "));
  const targets = evaluateTargets(results)
    .map((t) => `  ${t.met ? "met   " : "MISSED"}  ${t.target}: ${t.measured}`)
    .join("\n");
  return `${rows.map(line).join("\n")}\n\nTargets for @trusthub/client:\n${targets}\n`;
}

// ---------------------------------------------------------------------------------------------- markdown

function figuresMarkdown(results) {
  const out = [];
  let section;
  const header = `| figure | ${CLIENTS.map((c) => LABELS[c]).join(" | ")} |\n|---|${CLIENTS.map(() => "--:").join("|")}|`;
  for (const fig of figureList(results.meta)) {
    if (fig.section !== section) {
      out.push(`\n### ${fig.section}\n\n${header}`);
      section = fig.section;
    }
    const cells = CLIENTS.map((client) => {
      const s = results.figures[fig.id]?.[client];
      if (!s) return results.installUnavailable?.[client] ? "unavailable offline" : "n/a";
      const range = s.n > 1 ? ` (${fmt(s.min, fig.unit)}–${fmt(s.max, fig.unit)})` : "";
      return `**${withUnit(s.median, fig.unit)}**${range}<br>${x(s.xRaw)} raw · ${x(s.xTwilio)} twilio`;
    });
    out.push(`| ${fig.label} | ${cells.join(" | ")} |`);
  }
  return out.join("\n");
}

function profileMarkdown(results) {
  const { profiles } = results;
  if (!profiles || !Object.keys(profiles).length) return "";
  const out = [];
  for (const scenario of Object.keys(profiles.raw ?? {})) {
    const owners = [...new Set(CLIENTS.flatMap((c) => Object.keys(profiles[c]?.[scenario]?.selfUsPerReq ?? {})))];
    out.push(`\n#### ${scenario === "list.c1" ? "List page" : "Single profile"}, concurrency 1: CPU self time per request by owner (µs)\n`);
    out.push(`| owner | ${CLIENTS.map((c) => LABELS[c]).join(" | ")} |\n|---|${CLIENTS.map(() => "--:").join("|")}|`);
    const rows = owners.map((o) => [o, ...CLIENTS.map((c) => profiles[c]?.[scenario]?.selfUsPerReq?.[o] ?? 0)]);
    rows.sort((a, b) => b[3] - a[3]);
    for (const [o, ...vs] of rows) out.push(`| ${o} | ${vs.map((v) => (v ? Math.round(v).toLocaleString("en-US") : "·")).join(" | ")} |`);
    out.push(`| **total sampled** | ${CLIENTS.map((c) => `**${Math.round(profiles[c]?.[scenario]?.cpuUsPerReq ?? 0).toLocaleString("en-US")}**`).join(" | ")} |`);
    for (const client of ["trusthub", "openapi-fetch"]) {
      const calls = Object.entries(profiles[client]?.[scenario]?.callsUsPerReq ?? {}).filter(([k]) => !k.startsWith("bench harness")).slice(0, 12);
      if (!calls.length) continue;
      out.push(`\n${LABELS[client]}: time under each call its code (and openapi-fetch's) makes into the platform, µs per request (inclusive; async continuations such as body reading are not under their caller):\n`);
      out.push("| caller → callee [owner] | µs/req |\n|---|--:|");
      for (const [k, v] of calls) out.push(`| \`${k.replaceAll("|", "\\|")}\` | ${v.toFixed(1)} |`);
    }
  }
  return out.join("\n");
}

/**
 * @trusthub/client against bare openapi-fetch given the same per-attempt timeout signal: what is left is the
 * client's own work. Figures of the throughput phase, and the profile's self time by owner.
 */
function timeoutComparisonMarkdown(results) {
  const variant = "openapi-fetch-timeout";
  const f = results.figures;
  if (!f["fetch.c1.rps"]?.[variant]) return "";
  const shown = ["raw", "openapi-fetch", variant, "trusthub"];
  const m = (id, client) => f[id]?.[client]?.median;
  const rows = [];
  for (const scenario of ["fetch", "list"]) {
    for (const c of results.meta.plan.concurrency) {
      for (const [metric, label, unit] of [["rps", "requests/s", "req/s"], ["cpuUsPerReq", "client CPU per request", "µs"]]) {
        const id = `${scenario}.c${c}.${metric}`;
        const cells = shown.map((client) => {
          const s = f[id]?.[client];
          return s ? `${withUnit(s.median, unit)}${s.n > 1 ? ` (${fmt(s.min, unit)}–${fmt(s.max, unit)})` : ""}` : "n/a";
        });
        rows.push(`| ${scenario === "fetch" ? "one profile" : "list page"}, concurrency ${c}: ${label} | ${cells.join(" | ")} | **${x(m(id, "trusthub") / m(id, variant))}** |`);
      }
    }
  }
  // Where the CPU difference goes, from the profiles of the same run (fetch, concurrency 1).
  const self = (client) => results.profiles?.[client]?.["fetch.c1"]?.selfUsPerReq ?? {};
  const total = (client) => results.profiles?.[client]?.["fetch.c1"]?.cpuUsPerReq;
  const owners = [...new Set([...Object.keys(self(variant)), ...Object.keys(self("trusthub"))])]
    .map((owner) => [owner, self(variant)[owner] ?? 0, self("trusthub")[owner] ?? 0])
    .sort((a, b) => Math.abs(b[2] - b[1]) - Math.abs(a[2] - a[1]));
  const us = (v) => (v ? Math.round(v).toLocaleString("en-US") : "·");
  const profile = total(variant) && total("trusthub")
    ? `
Where the CPU time of one small request goes (profile at concurrency 1, µs per request, self time by owner;
the per-call timeout code of "openapi-fetch + timeout signal" lives in the bench harness):

| owner | ${LABELS[variant]} | @trusthub/client | difference |
|---|--:|--:|--:|
${owners.map(([owner, a, b]) => `| ${owner} | ${us(a)} | ${us(b)} | ${b - a >= 0 ? "+" : "−"}${Math.abs(Math.round(b - a))} |`).join("\n")}
| **total sampled** | **${us(total(variant))}** | **${us(total("trusthub"))}** | **${total("trusthub") - total(variant) >= 0 ? "+" : "−"}${Math.abs(Math.round(total("trusthub") - total(variant)))}** |
`
    : "";
  return `
## Small responses against openapi-fetch with the same timeout signal

Bare openapi-fetch above makes its calls without a signal. @trusthub/client gives each attempt its own
\`AbortSignal\` (its per-attempt timeout, and the caller's signal, end the attempt), and an \`AbortSignal\` on a
\`Request\` costs undici work on every call. "${LABELS[variant]}" is bare openapi-fetch given the same signal per
call, so @trusthub/client's figures against it show what the client itself adds: validation, the retry
loop, the body cap and the response checks. (@trusthub/client hands its signal to \`fetch()\` itself rather
than to openapi-fetch's \`Request\`, so one \`Request\` fewer follows it.) The last column is @trusthub/client ÷
${LABELS[variant]}.

| figure | ${shown.map((c) => LABELS[c]).join(" | ")} | ratio |
|---|${shown.map(() => "--:").join("|")}|--:|
${rows.join("\n")}
${profile}`;
}

export function renderMarkdown(results) {
  const { meta } = results;
  const targets = evaluateTargets(results);
  const shared = meta.cores <= 2 || meta.loadavg?.start > meta.cores * 0.5;
  const bundleInputs = Object.entries(results.bundleInputs?.trusthub ?? {})
    .map(([k, v]) => `${k} ${v.toLocaleString("en-US")} B`)
    .join(", ");
  const unavailable = Object.entries(results.installUnavailable ?? {}).map(([c, why]) => `- ${LABELS[c]}: ${why}`);
  return `# Benchmarks

<!-- Generated by \`pnpm bench\` (tools/bench/run.mjs). Do not edit by hand: rerun it. -->

@trusthub/client against raw \`fetch\`, bare \`openapi-fetch\` and the official \`twilio\` package, on a local
stand-in of the TrustHub API.

| | |
|---|---|
| date | ${meta.date} |
| command | \`${meta.command}\` (${meta.mode} run, ${meta.durationS} s) |
| code | ${meta.git?.commit ? `commit \`${meta.git.commit}\`${meta.git.uncommitted.length ? `, plus ${meta.git.uncommitted.length} uncommitted change(s) in packages/client and packages/types` : ""}` : "n/a"} |
| Node | ${meta.node} (${meta.platform}) |
| CPU | ${meta.cpu}, ${meta.cores} cores |
| load average (1 min) | ${meta.loadavg ? `${meta.loadavg.start.toFixed(1)} at start, ${meta.loadavg.end.toFixed(1)} at end` : "n/a"} |
${
  shared
    ? `\n**Figures were taken on a shared ${meta.cores}-core machine** (other work was running: see the load average), so absolute
numbers are noisy and low. The clients were interleaved run by run, so the ratios between them are the
meaningful part; min–max shows the spread.\n`
    : ""
}
To reproduce: \`npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 bench\` (builds the client, then runs
\`node tools/bench/run.mjs\`, which rewrites this file and \`tools/bench/results.json\`). A quick check that
every figure comes out: \`node tools/bench/run.mjs --smoke\` (not part of \`pnpm test\`: no timed run is).

## Targets for @trusthub/client

| target | measured | |
|---|---|---|
${targets.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? "met" : "**missed**"} |`).join("\n")}
${
  targets.some((t) => !t.met)
    ? `\nWhy, where missed (from this run's figures and profiles; see "Where the time goes" below):\n\n${[...groupBy(targets.filter((t) => !t.met && t.why), (t) => t.why)]
        .map(([reason, ts]) => `- ${ts.map((t) => `*${t.target}*`).join("; ")}: ${reason}`)
        .join("\n")}\n`
    : ""
}

## Clients

${[...CLIENTS, ...THROUGHPUT_VARIANTS].map((c) => `- **${LABELS[c]}**: ${DESCRIPTIONS[c]}.`).join("\n")}

## Method

- **Server**: \`tools/bench/server.mjs\`, a \`node:http\` server in its own process on 127.0.0.1 (free port).
  Bodies are serialized once at start-up. Profiles have every field of the spec's examples filled
  (\`CustomerProfileApproved\` plus the \`errors\` of \`CustomerProfileRejected\`); list page ${kib(meta.sizes.listPage)},
  single profile ${meta.sizes.instance.toLocaleString("en-US")} B, paging: ${meta.plan.pages} pages of ${meta.plan.pageSize} (${kib(meta.sizes.pagingPage)}
  each) linked by absolute \`meta.next_page_url\` on the server's origin, carrying \`PageToken\`. Requests
  without the right Basic credentials get a 401.
- **Clients**: each task of each client runs in its own process (\`tools/bench/client-runner.mjs\`), ${meta.plan.runs} runs,
  interleaved (every client once per round, the first one rotating). Medians, with min–max over the runs.
- **Throughput**: ${meta.plan.requests.toLocaleString("en-US")} requests after ${meta.plan.warmup} warm-up requests, per scenario and concurrency
  (${meta.plan.concurrency.join(" and ")} requests in flight). Latency is per call, from the call to the parsed, checked
  result. CPU per request is \`process.cpuUsage()\` (user + system) of the client process over the timed
  requests, divided by their number. Peak RSS is \`getrusage\`'s \`maxrss\` of that process.
- **Streaming**: every item of ${meta.plan.items.toLocaleString("en-US")}, ${meta.plan.pageSize} per page, in a fresh process: \`paginate()\`,
  twilio's \`each()\`, and the loops one writes with raw fetch / openapi-fetch (following \`next_page_url\`).
  "Heap retained" is \`heapUsed\` after a full GC at 90% of the items minus the same at 10% (the process runs
  with \`--expose-gc\`; the two GC pauses are not in the wall time). **Collecting**: the same
  into one array (twilio's \`list()\`).
- **Cold start**: \`node client-runner.mjs --task cold\` (imports the client, creates it, exits), timed from the
  parent from spawn to exit, ${meta.plan.coldReps} times per client, interleaved. twilio's lazily loaded TrustHub domain is
  touched (\`client.trusthub.v1.customerProfiles\`) as part of "created".
- **Bundle**: a one-call program per client (fetch one profile, print it), \`esbuild --bundle --minify
  --platform=node --format=esm --target=node20\`, gzip level 9.${bundleInputs ? ` @trusthub/client's bundle, minified bytes by package: ${bundleInputs}.` : ""}
- **Install**: \`npm install --ignore-scripts\` into an empty directory, the versions used here;
  @trusthub/client from \`npm pack\` tarballs of packages/types and packages/client (its \`workspace:*\`
  dependency rewritten to the types' version in a temporary copy). Packages = directories with a
  package.json under node_modules (nested ones included); bytes = sum of file sizes.${unavailable.length ? `\n  Not available in this run:\n${unavailable.map((u) => `  ${u}`).join("\n")}` : ""}

## Figures

Each cell: **median** (min–max), then the median as a ratio to raw fetch's and to twilio's.
${figuresMarkdown(results)}

${timeoutComparisonMarkdown(results)}
## Where the time goes (\`node --cpu-prof\`)

One extra throughput process per client at concurrency 1, ${meta.plan.profileRequests.toLocaleString("en-US")} requests per scenario, sampled every 200 µs;
only samples inside the timed requests count. "Self time by owner" says whose code was running; the
second table lists the calls a library's code makes into code it does not own (undici's \`fetch\`,
\`Request\`, \`Response\`; node core; V8 builtins), with the time spent under each call. \`JSON.parse\` has no
frame of its own in these profiles: its time shows under its caller (the bench harness for raw fetch,
undici's \`parseJSONFromBytes\` for openapi-fetch's \`response.json()\`, @trusthub/client's response check, \`checked\`).
${profileMarkdown(results)}
`;
}
