// The GitHub workflows run what the repo's own scripts say (actionlint, in this package's `lint`, checks
// their syntax, expressions and action inputs; these tests check that they call the right things).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runRecord } from "../../../vitest.shared.mjs";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const workflowsDir = join(repo, ".github/workflows");
const rootPackage = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { packageManager: string; scripts: Record<string, string> };
const pnpm = `npx -y ${rootPackage.packageManager}`;

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string>; if?: string };
type Workflow = { name?: string; on: Record<string, unknown>; permissions?: Record<string, string>; env?: Record<string, string>; jobs: Record<string, { env?: Record<string, string>; steps: Step[] }> };
const workflow = (file: string) => parse(readFileSync(join(workflowsDir, file), "utf8")) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);
const runs = (w: Workflow) => steps(w).flatMap((step) => (step.run ? [step.run.trim()] : []));

describe(".github/workflows", () => {
  it("CI runs what .ci/run runs: install, the README's test command, the bench smoke, the drift audit, the other Node lines, with history for spec:check", () => {
    const ci = workflow("ci.yml");
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    const lines = `${pnpm} --filter @trusthub/client --filter @trusthub/consumer-tests test`;
    expect(runs(ci)).toEqual([`${pnpm} install --frozen-lockfile`, `${pnpm} test`, `${pnpm} bench --smoke`, `${pnpm} test:drift`, lines, lines]);
    const nodes = steps(ci).flatMap((s) => (s.uses?.startsWith("actions/setup-node@") ? [String(s.with?.["node-version"])] : []));
    const ciRun = readFileSync(join(repo, ".ci/run"), "utf8");
    for (const run of runs(ci)) expect(ciRun).toContain(run.replace(" --frozen-lockfile", ""));
    expect(ciRun).toContain(`for line in ${nodes.slice(1).join(" ")}; do`);
    expect(steps(ci).find((s) => s.uses?.startsWith("actions/checkout@"))?.with?.["fetch-depth"]).toBe(0);
  });

  it("Release: only after CI passed on a push to main, on that commit, with the test-run records CI uploaded; then changesets' action runs the repo's version-packages and release scripts", () => {
    const release = workflow("release.yml");
    const ci = workflow("ci.yml");
    expect(release.on).toEqual({ workflow_run: { workflows: ["CI"], types: ["completed"], branches: ["main"] } });
    expect(ci.name).toBe("CI");
    const [job] = Object.values(release.jobs) as Array<{ if?: string; steps: Step[] }>;
    expect(job!.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(steps(release).find((s) => s.uses?.startsWith("actions/checkout@"))?.with?.ref).toBe("${{ github.event.workflow_run.head_sha }}");

    const uploaded = steps(ci).find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    const downloaded = steps(release).find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
    expect(downloaded.with).toMatchObject({ name: uploaded.with!.name, "run-id": "${{ github.event.workflow_run.id }}" });
    expect(steps(ci).indexOf(uploaded)).toBe(steps(ci).findIndex((s) => s.run === `${pnpm} test`) + 1);
    const recordFile = runRecord.split("/").pop()!.replace(/node\d+/, "node*");
    for (const suite of ["packages/*", "tests/consumers"]) expect(uploaded.with!.path).toContain(`${suite}/test-results/${recordFile}`);

    const action = steps(release).find((s) => s.uses?.startsWith("changesets/action@"))!;
    expect(action.with).toMatchObject({ version: `${pnpm} version-packages`, publish: `${pnpm} release` });
    for (const script of ["version-packages", "release"]) expect(rootPackage.scripts[script]).toBeDefined();
    expect(steps(release).indexOf(downloaded)).toBeLessThan(steps(release).indexOf(action));
    expect(release.permissions).toMatchObject({ contents: "write", "pull-requests": "write", actions: "read" });
    expect(steps(release).find((s) => s.uses?.startsWith("actions/setup-node@"))?.with).toMatchObject({ scope: "@trusthub" });
  });

  it("Drift (live API): scheduled `pnpm drift:live`, credentials only from secrets", () => {
    const live = workflow("drift-live.yml");
    expect(live.on).toHaveProperty("schedule");
    expect(runs(live)).toContain(`${pnpm} drift:live`);
    expect(rootPackage.scripts["drift:live"]).toBeDefined();
    const env = Object.values(live.jobs).flatMap((job) => Object.entries(job.env ?? {}));
    expect(env.length).toBeGreaterThan(0);
    for (const [name, value] of env) expect(value, name).toBe(`\${{ secrets.${name} }}`);
  });

  it("every workflow declares its permissions and names only pinned major versions of actions", () => {
    const files = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));
    expect(files).toEqual(expect.arrayContaining(["ci.yml", "release.yml", "drift-live.yml"]));
    for (const file of files) {
      const w = workflow(file);
      expect(w.permissions, file).toBeDefined();
      for (const step of steps(w)) if (step.uses) expect(step.uses, file).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
    }
  });
});
