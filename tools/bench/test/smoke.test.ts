// The benchmark harness in smoke mode (tiny counts): every figure must come out for every client. Timings
// are not asserted, only that they were measured. A smoke run takes ~25 s; the timeouts leave room for a
// machine busy with the other packages' tests.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENTS, LABELS, THROUGHPUT_VARIANTS, evaluateTargets, figureList } from "../report.mjs";

const run = fileURLToPath(new URL("../run.mjs", import.meta.url));

describe("pnpm bench --smoke", () => {
  let out: string;
  let results: any;
  let stdout: string;
  let markdown: string;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "bench-smoke-test-"));
    stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [run, "--smoke", "--out", out], { timeout: 400_000, maxBuffer: 8 << 20 }, (error, so, se) =>
        error ? reject(new Error(`${error.message}\n${se}`)) : resolve(so),
      ),
    );
    results = JSON.parse(await readFile(join(out, "results.json"), "utf8"));
    markdown = await readFile(join(out, "BENCHMARKS.md"), "utf8");
  }, 420_000);

  afterAll(() => rm(out, { recursive: true, force: true }));

  it("describes the run so it can be reproduced", () => {
    expect(results.meta).toMatchObject({ mode: "smoke", node: process.version });
    expect(results.meta.cpu).toEqual(expect.any(String));
    expect(results.clients).toEqual(CLIENTS);
  });

  it("produces every figure for every client", () => {
    const missing: string[] = [];
    for (const { id } of figureList(results.meta)) {
      for (const client of CLIENTS) {
        const s = results.figures[id]?.[client];
        // Only the install footprint may be absent, and only when npm said why (no registry, empty cache).
        if (id.startsWith("install.") && results.installUnavailable?.[client]) continue;
        if (!s || !Number.isFinite(s.median) || !Number.isFinite(s.min) || !Number.isFinite(s.max) || s.n < 1) missing.push(`${id} ${client}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("gives ratios to raw fetch and to twilio", () => {
    const rps = results.figures["list.c1.rps"];
    expect(rps.raw.xRaw).toBe(1);
    expect(rps.twilio.xTwilio).toBe(1);
    for (const client of CLIENTS) expect(Number.isFinite(rps[client].xRaw) && Number.isFinite(rps[client].xTwilio)).toBe(true);
  });

  it("profiles every client's requests", () => {
    for (const client of CLIENTS) {
      for (const scenario of ["list.c1", "fetch.c1"]) expect(results.profiles[client][scenario].cpuUsPerReq).toBeGreaterThan(0);
    }
  });

  it("measures the throughput variants (openapi-fetch + timeout signal) and compares @trusthub/client with them", () => {
    for (const variant of THROUGHPUT_VARIANTS) {
      for (const id of ["fetch.c1.rps", "fetch.c1.cpuUsPerReq", "list.c16.rps"]) expect(Number.isFinite(results.figures[id][variant].median), `${id} ${variant}`).toBe(true);
      expect(results.profiles[variant]["fetch.c1"].cpuUsPerReq).toBeGreaterThan(0);
      expect(stdout).toContain(LABELS[variant]);
    }
    expect(markdown).toContain("## Small responses against openapi-fetch with the same timeout signal");
  });

  it("evaluates every target and renders the table and BENCHMARKS.md", () => {
    const targets = evaluateTargets(results);
    expect(targets.length).toBeGreaterThanOrEqual(13);
    for (const t of targets) expect(typeof t.met).toBe("boolean");
    for (const label of ["raw fetch", "openapi-fetch", "@trusthub/client", "twilio"]) {
      expect(stdout).toContain(label);
      expect(markdown).toContain(label);
    }
    expect(markdown).toContain(results.meta.node);
    expect(markdown).toContain("## Targets for @trusthub/client");
  });
});
