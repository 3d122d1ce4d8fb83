// Every sample the reference shows works when pasted: each is run as is against the mock of the spec
// (Prism, answering an error to any request the spec does not allow). The TypeScript samples run in node,
// their requests to the spec's server sent to the mock instead; the curl samples run in bash with curl, the
// server URL swapped for the mock's. Both must get a 2xx without a spec violation.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "@trusthub/mock";
import { loadSpec, specPath } from "@trusthub/spec";
import { snippetsFor } from "../src/snippets.mjs";

const run = promisify(execFile);
const docsDir = fileURLToPath(new URL("..", import.meta.url));
const spec = loadSpec();
const server = String(spec.servers?.[0]?.url).replace(/\/+$/, "");
const snippets = await snippetsFor(spec);
const credentials = { TWILIO_ACCOUNT_SID: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7", TWILIO_AUTH_TOKEN: "mock-auth-token" };

// Loaded with `node --import` before a sample: sends its requests for the spec's server to the mock, and
// logs each exchange (a spec violation the mock reports fails the run).
const REDIRECT = `
const from = process.env.SAMPLE_SERVER, to = process.env.SAMPLE_TARGET, realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  if (!request.url.startsWith(from + "/")) throw new Error("the sample asked for " + request.url + ", not " + from);
  const body = request.body ? await request.arrayBuffer() : undefined;
  const response = await realFetch(to + request.url.slice(from.length), { method: request.method, headers: request.headers, body });
  const violations = response.headers.get("sl-violations");
  if (violations) { console.error("spec violations: " + violations); process.exitCode = 1; }
  console.log("exchange: " + request.method + " " + new URL(request.url).pathname + " -> " + response.status);
  return response;
};
`;

let mock: RunningMock;
let scratch: string;

beforeAll(async () => {
  mock = await startMock({ spec: specPath });
  // Inside the package, so that "@trusthub/client" resolves as it does for the type check.
  scratch = mkdtempSync(join(docsDir, ".samples-run-"));
  writeFileSync(join(scratch, "redirect.mjs"), REDIRECT);
});

afterAll(async () => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  await mock?.stop();
});

describe("each @trusthub/client sample, run in node against the mock", () => {
  it.each(snippets.map((s) => [s.operationId, s] as const))("%s", async (operationId, snippet) => {
    const file = join(scratch, `${operationId}.mjs`);
    const { outputText } = ts.transpileModule(snippet.typescript, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(file, outputText);
    const { stdout } = await run(process.execPath, ["--import", join(scratch, "redirect.mjs"), file], {
      cwd: scratch,
      timeout: 300_000,
      env: { PATH: process.env.PATH, ...credentials, SAMPLE_SERVER: server, SAMPLE_TARGET: mock.url },
    });
    const path = snippet.path.replace(/\{[^}]+\}/g, "[^/ ]+");
    expect(stdout).toMatch(new RegExp(`^exchange: ${snippet.method} ${path} -> 2\\d\\d$`, "m"));
  });
});

describe("each curl sample, run in bash against the mock", () => {
  it.each(snippets.map((s) => [s.operationId, s] as const))("%s", async (operationId, snippet) => {
    expect(snippet.curl).toContain(`'${server}/`);
    const command = `${snippet.curl.trimEnd().replaceAll(`'${server}/`, `'${mock.url}/`)} --silent --show-error --max-time 300 --dump-header - --output /dev/null`;
    const { stdout } = await run("bash", ["-c", command], { timeout: 300_000, env: { PATH: process.env.PATH, ...credentials } });
    const [statusLine = "", ...headers] = stdout.split(/\r?\n/);
    expect(statusLine, operationId).toMatch(/^HTTP\/[\d.]+ 2\d\d\b/);
    expect(headers.filter((h) => /^sl-violations:/i.test(h)), operationId).toEqual([]);
  });
});
