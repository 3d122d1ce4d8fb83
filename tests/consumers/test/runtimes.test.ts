// The built client beyond Node: Bun, Deno and Cloudflare's workerd (each from its npm package) run one smoke
// (fixtures/edge/smoke.ts, bundled with esbuild) against the stateful mock on loopback. A runtime whose binary
// does not start here is skipped with the reason, never passed.
import { execFile, execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { startMock, type RunningMock } from "@trusthub/mock";
import { freePort, waitFor } from "@trusthub/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import clientPackage from "@trusthub/client/package.json" with { type: "json" };

const here = fileURLToPath(new URL("..", import.meta.url));
const edge = join(here, "fixtures/edge");
const bin = (name: string) => join(here, "node_modules/.bin", name);
let work: string;
let mock: RunningMock;
let api: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "trusthub-runtimes-"));
  for (const entry of ["cli", "worker"]) {
    await build({
      entryPoints: [join(edge, `${entry}.ts`)],
      outfile: join(work, `${entry}.mjs`),
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      logLevel: "error",
    });
  }
  copyFileSync(join(edge, "workerd.capnp"), join(work, "workerd.capnp"));
  mock = await startMock({ stateful: true });
  api = mock.url;
});

afterAll(async () => {
  await mock?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

type Smoke = { created: string[]; fetched: string; paged: string[]; statuses: number[]; refused: unknown; userAgents: string[] };

async function workerd(): Promise<Smoke> {
  const port = await freePort();
  // In a process group of its own: the bin is a shell shim that starts workerd as its child, so the whole
  // group is stopped.
  const child = spawn(bin("workerd"), ["serve", join(work, "workerd.capnp"), "--socket-addr", `http=127.0.0.1:${port}`], { stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  try {
    // Until workerd listens, the request is refused; the first one it takes runs the smoke.
    const response = await waitFor(() => fetch(`http://127.0.0.1:${port}/?api=${encodeURIComponent(api)}`).catch(() => undefined), 60_000);
    if (!response) throw new Error(`workerd did not answer within 60 s:\n${output}`);
    if (!response.ok) throw new Error(`workerd answered ${response.status}: ${await response.text()}\n${output}`);
    return (await response.json()) as Smoke;
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  }
}

async function cli(command: string, args: string[]): Promise<Smoke> {
  const { stdout } = await promisify(execFile)(command, args, { encoding: "utf8", timeout: 120_000 });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Smoke;
}

const RUNTIMES = [
  { name: "bun", runs: () => cli(bin("bun"), [join(work, "cli.mjs"), api]), userAgent: /^Bun\/\d/ },
  { name: "deno", runs: () => cli(bin("deno"), ["run", "--no-prompt", `--allow-net=${new URL(api).host}`, join(work, "cli.mjs"), api]), userAgent: /^Deno\/\d/ },
  { name: "workerd", runs: workerd, userAgent: /^Cloudflare-Workers$/ },
];

describe.each(RUNTIMES)("@trusthub/client in $name", ({ name, runs, userAgent }) => {
  it("sends forms, fetches, retries a 429, pages, refuses a bad SID before sending, and names the runtime", async (context) => {
    let version = "";
    try {
      version = execFileSync(bin(name), ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    } catch (error) {
      context.skip(`the ${name} binary does not start here: ${(error as Error).message.split("\n")[0]}`);
    }
    console.log(`${name}: ${version}`);
    await mock.reset();
    await mock.override("ListCustomerProfile", { status: 429, times: 1 });

    const result = await runs();

    expect(result.created).toHaveLength(2);
    expect(result.fetched).toBe(result.created[0]);
    expect(result.paged).toEqual(result.created);
    expect(result.statuses).toEqual([201, 201, 200, 429, 200, 200]);
    expect(result.refused).toEqual(["path Sid pattern"]);
    expect(result.userAgents).toHaveLength(1);
    const [product, runtime] = result.userAgents[0]!.split(" ");
    expect(product).toBe(`trusthub-client/${clientPackage.version}`);
    expect(runtime).toMatch(userAgent);
    expect((await mock.requests()).map((r) => `${r.operationId} ${r.status}`)).toEqual([
      "CreateCustomerProfile 201", "CreateCustomerProfile 201", "FetchCustomerProfile 200",
      "ListCustomerProfile 429", "ListCustomerProfile 200", "ListCustomerProfile 200",
    ]);
  });
});
