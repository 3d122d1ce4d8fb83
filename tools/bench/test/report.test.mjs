// What a run's figures become in BENCHMARKS.md: every target judged and rendered, every call's row, the
// mock's section kept. Fixed figures, no run: a ratio is judged per round against openapi-fetch's.
import { describe, expect, it } from "vitest";
import { callRows, OPS, renderMarkdown, TARGETS, targets, withMockSection } from "../report.mjs";

const FRAMINGS = ["length", "gzip"];
const ROUNDS = 3;

/** Figures where the client costs `cpu` times openapi-fetch's CPU and makes `rps` times its calls/s, every round. */
function figures({ cpu = 1, rps = 1, cold = 1, retainedMB = 1, rss = 1, bundle = TARGETS.bundleBytes } = {}) {
  const calls = {};
  for (const op of Object.keys(OPS)) {
    for (const framing of FRAMINGS) {
      // openapi-fetch's figures drift from round to round; the client's follow them by the ratio.
      const bare = { cpuUs: [300, 400, 500], rps: [900, 800, 700] };
      calls[`${op}/${framing}`] = { "openapi-fetch": bare, trusthub: { cpuUs: bare.cpuUs.map((v) => v * cpu), rps: bare.rps.map((v) => v * rps) } };
    }
  }
  const stream = (peakRssMB) => ({ wallS: [1, 1, 1], retainedMB: [retainedMB, retainedMB, retainedMB], peakRssMB: [peakRssMB, peakRssMB, peakRssMB] });
  return {
    meta: { date: "2026-12-06T00:00:00.000Z", command: "pnpm bench", durationS: 1, commit: "abc1234", node: "v20", cpu: "cpu", cores: 2, loadavg: { start: 1, end: 2 }, plan: { rounds: ROUNDS, calls: { list: 1, one: 1, create: 1 }, coldRuns: 3, streamRuns: 3, pages: 2, pageSize: 10 } },
    calls,
    cold: { trusthub: [100 * cold, 100 * cold, 100 * cold], "openapi-fetch": [100, 100, 100] },
    stream: { trusthub: stream(100 * rss), "openapi-fetch": stream(100) },
    bundle: { trusthub: bundle, "openapi-fetch": 2000 },
  };
}

// The markdown table row of a target, split into cells.
const row = (markdown, target) => markdown.split("\n").find((line) => line.startsWith(`| ${target} |`))?.split(" | ");

describe("targets", () => {
  it("are all met at their limits, and each is rendered as a row with its verdict", () => {
    const all = figures({ cpu: TARGETS.cpu, rps: TARGETS.throughput, cold: TARGETS.cold, retainedMB: TARGETS.retainedMB, rss: TARGETS.peakRss });
    const judged = targets(all);
    expect(judged).toHaveLength(6);
    expect(judged.filter((t) => !t.met)).toEqual([]);
    const markdown = renderMarkdown(all);
    for (const t of judged) expect(row(markdown, t.target)).toEqual([`| ${t.target}`, t.measured, "met |"]);
  });

  it.each([
    ["CPU", { cpu: TARGETS.cpu * 1.01 }],
    ["throughput", { rps: TARGETS.throughput * 0.99 }],
    ["cold start", { cold: TARGETS.cold * 1.01 }],
    ["heap retained", { retainedMB: TARGETS.retainedMB + 0.1 }],
    ["peak RSS", { rss: TARGETS.peakRss * 1.01 }],
    ["bundle", { bundle: TARGETS.bundleBytes + 1 }],
  ])("past its limit, the %s target alone is missed, and rendered so", (name, over) => {
    const judged = targets(figures(over));
    expect(judged.filter((t) => !t.met).map((t) => t.target)).toEqual([expect.stringContaining(name.split(" ")[0])]);
    const missed = judged.find((t) => !t.met);
    expect(row(renderMarkdown(figures(over)), missed.target)?.at(-1)).toBe("**missed** |");
  });

  it("a call's ratio is taken round by round: drift both clients share does not move it", () => {
    const drifting = figures({ cpu: 1.02 });
    for (const byClient of Object.values(drifting.calls)) {
      byClient.trusthub.cpuUs[2] *= 3;
      byClient["openapi-fetch"].cpuUs[2] *= 3;
    }
    for (const r of callRows(drifting)) expect(r.cpu.median).toBeCloseTo(1.02);
  });
});

describe("the calls table", () => {
  it("has one row per call and framing, each with both verdicts", () => {
    const all = figures({ cpu: TARGETS.cpu * 1.01 });
    const markdown = renderMarkdown(all);
    for (const op of Object.keys(OPS)) {
      for (const framing of FRAMINGS) {
        const cells = markdown.split("\n").find((line) => line.startsWith(`| ${OPS[op]} | ${framing} |`))?.split(" | ");
        expect(cells?.[4]).toMatch(/\*\*missed\*\*$/);
        expect(cells?.[7]).toMatch(/ met \|$/);
      }
    }
  });
});

describe("withMockSection", () => {
  const mock = "<!-- mock benchmark: begin (tools/bench/mock.mjs) -->\n## The mock\n<!-- mock benchmark: end -->";

  it("keeps the mock's section of the previous file, and the notes after it, after the new text", () => {
    expect(withMockSection(`# old\n\n${mock}\n\n### Before\n\nnotes\n`, "# new\n")).toBe(`# new\n\n${mock}\n\n### Before\n\nnotes\n`);
  });

  it("adds nothing when the previous file has no mock section", () => {
    expect(withMockSection("# old\n", "# new\n")).toBe("# new\n");
  });
});
