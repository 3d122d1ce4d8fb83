// The proof that a new resource is a spec edit and a regenerate, nothing else, and changes nothing for
// existing users. In a scratch copy of the repo (a git repository, so every change shows), the shared
// fixtures are added to the spec (an EndUsers-like resource, and a TrustProducts-like family nested like the
// spec's own, with its SID prefixes and collection name) and `pnpm generate` runs; then, with no other edit:
// the spec lints, everything builds and type-checks, the built client validates and sends the new operations
// to the stateful mock (Prism validating in front), which serves create → fetch → paged list → delete; the
// data files users hold (the quickstart's, the mock README's example) still load, and a new record carries
// what the spec's create example shows; `pnpm spec:diff` calls the addition non-breaking; the contract suite
// calls every new operation, the drift audit's generated catalog has mutations of each, and the only changed
// files are the spec and generated ones.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { listOperations, parseSpec } from "@trusthub/spec";
import { collect, exampleSid, rejectionOfType, scratchRepo } from "@trusthub/test-support";
import { addFixtures, fixtureFiles, loadFixture } from "@trusthub/test-support/fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { report as reportFile } from "../../../vitest.shared.mjs";

const SPEC = "specs/trusthub/v1/openapi.yaml";
const ACCOUNT = exampleSid("AC");

/** The operations the fixtures add, as "METHOD /path" and operationId (derived from the fixtures, never listed). */
const added = fixtureFiles
  .flatMap((file) => listOperations(loadFixture(file) as unknown as Parameters<typeof listOperations>[0]))
  .map(({ method, path, operation }) => ({ key: `${method.toUpperCase()} ${path}`, id: operation.operationId as string }));

// The outer turbo's variables must not steer the turbo runs inside the scratch.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TURBO_") && key !== "VITEST" && !key.startsWith("VITEST_")));
Object.assign(env, { TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off", NO_COLOR: "1", CI: "true" });

let scratch: { dir: string; remove(): void };
/** Runs a command in the scratch (cwd relative to it); throws with its output when it fails. */
function run(cmd: string, args: string[], cwd = ".") {
  try {
    return execFileSync(cmd, args, { cwd: join(scratch.dir, cwd), env, encoding: "utf8", stdio: "pipe", maxBuffer: 64 << 20 });
  } catch (e: any) {
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed with ${e.status}:\n${e.stdout}\n${e.stderr}`);
  }
}
const turbo = (...args: string[]) => run(join(scratch.dir, "node_modules/.bin/turbo"), ["run", ...args, "--output-logs=errors-only"]);
const changedFiles = () =>
  run("git", ["status", "--porcelain", "--untracked-files=all"])
    .split("\n")
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort();

let changedAfterGenerate: string[];

beforeAll(() => {
  scratch = scratchRepo({ prefix: "trusthub-extensibility-", git: true });
  const file = join(scratch.dir, SPEC);
  writeFileSync(file, addFixtures(readFileSync(file, "utf8")));
  // `pnpm generate` is `turbo run generate`: the root script's command, run with the scratch's turbo.
  const rootScripts = JSON.parse(readFileSync(join(scratch.dir, "package.json"), "utf8")).scripts;
  expect(rootScripts.generate).toMatch(/turbo run generate$/);
  turbo("generate");
  changedAfterGenerate = changedFiles();
  console.log(`files changed by adding the fixture resource and running pnpm generate:\n  ${changedAfterGenerate.join("\n  ")}`);
});

afterAll(() => scratch?.remove());

describe("a new resource in a scratch copy: the spec edited, pnpm generate, nothing else", () => {
  it("changes only the spec and generated outputs", () => {
    expect(changedAfterGenerate).toContain(SPEC);
    expect(changedAfterGenerate.filter((f) => f !== SPEC)).not.toHaveLength(0);
    for (const file of changedAfterGenerate.filter((f) => f !== SPEC)) {
      if (file === "packages/types/package.json") {
        // The generator's spec record in the types package's manifest: only its lines may change.
        const lines = run("git", ["diff", "-U0", "--", file]).split("\n").filter((l) => /^[-+]\s/.test(l));
        for (const line of lines) expect(line, file).toMatch(/"spec(Version|Sha256)":/);
      } else {
        expect(file, "a generated file").toMatch(/\/src\/generated\//);
        expect(readFileSync(join(scratch.dir, file), "utf8"), file).toMatch(/generated/i);
      }
    }
    // The generated files now know the new operations.
    const generated = changedAfterGenerate.filter((f) => f !== SPEC).map((f) => readFileSync(join(scratch.dir, f), "utf8")).join("\n");
    for (const { key } of added) expect(generated).toContain(`"${key.split(" ")[1]}"`);
  });

  it("lints (Spectral, as pnpm lint of @trusthub/spec), builds and type-checks every package", () => {
    turbo("lint", "--filter=@trusthub/spec");
    turbo("build", "typecheck");
  });

  it("the built client validates, then sends the new operations; the stateful mock serves create → fetch → paged list → delete", async () => {
    const client = await import(pathToFileURL(join(scratch.dir, "packages/client/dist/index.js")).href);
    const { startMock } = await import(pathToFileURL(join(scratch.dir, "packages/mock/dist/index.js")).href);
    const mock = await startMock({ stateful: true, spec: join(scratch.dir, SPEC) });
    try {
      const c = client.createTrustHubClient({ accountSid: ACCOUNT, authToken: "extensibility-token", baseUrl: mock.url, maxRetries: 0, env: {} });
      const create = (body: Record<string, unknown>) => client.unwrap(c.POST("/v1/EndUsers", { body }));

      // Validation before sending, from the generated metadata: the object-valued field, the enum, the SID pattern.
      const refusals = [
        create({ FriendlyName: "x", Type: "individual", Attributes: [1, 2] }),
        create({ FriendlyName: "x", Type: "robot" }),
        create({ Type: "individual" }),
        client.unwrap(c.GET("/v1/EndUsers/{Sid}", { params: { path: { Sid: exampleSid("BU") } } })),
      ];
      for (const refusal of refusals) await rejectionOfType(refusal, client.TrustHubValidationError);

      // Prism validates in front of the store: what the client would refuse, sent raw, is turned away as Twilio
      // does, with a 400 whose Twilio error names the parameter.
      const auth = `Basic ${Buffer.from(`${ACCOUNT}:extensibility-token`).toString("base64")}`;
      const raw = await fetch(`${mock.url}/v1/EndUsers`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ FriendlyName: "x", Type: "robot" }),
      });
      expect(raw.status).toBe(400);
      expect(await raw.json()).toMatchObject({ status: 400, code: expect.any(Number), message: expect.stringMatching(/\bType\b/) });

      const attributes = [{ first_name: "Jane", last_name: "Doe" }, { business_name: "Acme & Sons", tags: ["a b", "c+d"] }, {}];
      const created = [];
      for (const [i, value] of attributes.entries()) {
        const endUser = await create({ FriendlyName: `End user ${i}`, Type: "authorized_representative_1", Attributes: value });
        expect(endUser).toMatchObject({ friendly_name: `End user ${i}`, type: "authorized_representative_1", attributes: value, account_sid: ACCOUNT });
        expect(endUser.sid).toMatch(/^IT[0-9a-f]{32}$/);
        created.push(endUser);
      }
      for (const endUser of created) {
        expect(await client.unwrap(c.GET("/v1/EndUsers/{Sid}", { params: { path: { Sid: endUser.sid } } }))).toEqual(endUser);
      }
      const pages: Array<{ results: unknown[] }> = await collect(client.paginatePages(c, "/v1/EndUsers", { pageSize: 1 }), 20);
      expect(pages.map((page) => page.results)).toEqual(created.map((e) => [e]));

      await client.unwrap(c.DELETE("/v1/EndUsers/{Sid}", { params: { path: { Sid: created[0].sid } } }));
      const gone = await rejectionOfType(client.unwrap(c.GET("/v1/EndUsers/{Sid}", { params: { path: { Sid: created[0].sid } } })), client.TrustHubApiError);
      expect((gone as { status: number }).status).toBe(404);
      const left: Array<{ sid: string }> = await collect(client.paginate(c, "/v1/EndUsers", { pageSize: 1 }), 20);
      expect(left.map((e) => e.sid)).toEqual(created.slice(1).map((e) => e.sid));
    } finally {
      await mock.stop();
    }
  });

  it("the data files users hold still load (the quickstart's, the mock README's example), and a new Trust Product is what the spec's create example shows", async () => {
    const client = await import(pathToFileURL(join(scratch.dir, "packages/client/dist/index.js")).href);
    const { createMock } = await import(pathToFileURL(join(scratch.dir, "packages/mock/dist/in-process.js")).href);
    const readme = readFileSync(join(scratch.dir, "packages/mock/README.md"), "utf8");
    const readmeData = JSON.parse(/^## Data file$[\s\S]*?^```json\n([\s\S]*?)^```$/m.exec(readme)![1]!);
    const quickstart = join(scratch.dir, "examples/quickstart/data.json");
    const trustProducts = loadFixture(fixtureFiles.find((f) => /trust-products/.test(f)));
    const shown = Object.values<any>(trustProducts.paths["/v1/TrustProducts"].post.responses["201"].content["application/json"].examples)[0].value;
    for (const [label, data] of [["the quickstart's data file", quickstart], ["the mock README's data example", readmeData]] as const) {
      const records = Object.values<Array<{ sid: string; url: string }>>(typeof data === "string" ? JSON.parse(readFileSync(data, "utf8")) : data).flat();
      expect(records.length, label).toBeGreaterThan(0);
      const mock = await createMock({ stateful: true, spec: join(scratch.dir, SPEC), data });
      try {
        // Every record of the file is served at its url's path.
        for (const record of records) {
          const answer = await mock.fetch(`https://trusthub.twilio.com${new URL(record.url).pathname}`, { headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:t`).toString("base64")}` } });
          expect([answer.status, (await answer.json()).sid], `${label}: ${record.url}`).toEqual([200, record.sid]);
        }
        const c = client.createTrustHubClient({ accountSid: ACCOUNT, authToken: "extensibility-token", fetch: mock.fetch, maxRetries: 0, env: {} });
        const product = await client.unwrap(c.POST("/v1/TrustProducts", { body: { FriendlyName: "Products Co", Email: "p@example.test", PolicySid: shown.policy_sid } }));
        expect(product.sid).toMatch(/^BU[0-9a-f]{32}$/);
        expect(product.status, "the create example's status").toBe(shown.status);
        expect(Object.keys(product.links).sort()).toEqual(Object.keys(shown.links).sort());
        // Same prefixes, same collection name, kept apart: a product's assignment is not a profile's.
        const path = { TrustProductSid: product.sid };
        const assignment = await client.unwrap(c.POST("/v1/TrustProducts/{TrustProductSid}/EntityAssignments", { params: { path }, body: { ObjectSid: exampleSid("BU") } }));
        expect(assignment).toMatchObject({ trust_product_sid: product.sid, sid: expect.stringMatching(/^BV/) });
        const asProfile = await mock.fetch(`https://trusthub.twilio.com/v1/CustomerProfiles/${product.sid}/EntityAssignments/${assignment.sid}`, {
          headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT}:t`).toString("base64")}` },
        });
        expect(asProfile.status).toBe(404);
      } finally {
        await mock.close();
      }
    }
  });

  it("pnpm spec:diff calls the addition non-breaking (a minor bump)", () => {
    const command: string = JSON.parse(readFileSync(join(scratch.dir, "package.json"), "utf8")).scripts["spec:diff"];
    const [cmd, ...args] = command.split(" ");
    expect(cmd).toBe("node");
    // The scratch has one commit, the spec before the edit: compare with it.
    const out = run("node", [...args, "HEAD"]);
    expect(out).not.toMatch(/^breaking \(/m);
    expect(out).toMatch(/^non-breaking \(\d+\):$/m);
    expect(out).toMatch(/^Changeset bump: minor$/m);
  });

  it("the contract suite calls every new operation, and passes", () => {
    run(join(scratch.dir, "tests/contract/node_modules/.bin/vitest"), ["run"], "tests/contract");
    const report = JSON.parse(readFileSync(join(scratch.dir, "tests/contract", reportFile), "utf8"));
    const passed: string[] = report.testResults.flatMap((file: any) => file.assertionResults.filter((a: any) => a.status === "passed").map((a: any) => a.title));
    expect(report.numFailedTests).toBe(0);
    for (const { id } of added) expect(passed.filter((title) => title.startsWith(`${id},`)), id).not.toHaveLength(0);
  });

  it("the drift audit's generated catalog has mutations of every new operation", () => {
    const catalog: Array<{ id: string; operation?: string }> = JSON.parse(run("node", ["tools/drift/audit.mjs", "--list", "--json"]));
    for (const { key } of added) expect(catalog.filter((m) => m.operation === key).map((m) => m.id), key).not.toHaveLength(0);
    console.log(`drift catalog: ${catalog.filter((m) => added.some((a) => a.key === m.operation)).length} mutations of the new resource's operations`);
  });

  it("and still, the only changed files are the spec and generated outputs", () => {
    expect(changedFiles()).toEqual(changedAfterGenerate);
  });
});
