// The published packages as other teams get them: `pnpm pack` each one, install the tarballs with npm
// into fresh projects outside the workspace, type-check a consumer there and run it against a mock.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMock, type RunningMock } from "@trusthub/mock";
import { freePort, waitFor } from "@trusthub/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const tsc = join(repo, "node_modules/typescript/bin/tsc");
const esbuild = join(repo, "tests/consumers/node_modules/.bin/esbuild");
/** The steps the consumer takes, in order, read from it (its types hold each operation step to the spec's operationIds). */
const STEPS = [...readFileSync(join(fixtures, "consumer.ts"), "utf8").matchAll(/steps\.push\("(\w+)"\)/g)].map((m) => m[1]);

let work: string;
let tarballs: Record<"types" | "client" | "mock", string>;
let mock: RunningMock;
/** The tsc of the registry's `latest` TypeScript (TypeScript 7 ships its native compiler behind the same bin). */
let tscLatest: string;
let tscLatestVersion: string;

const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });

function project(name: string, pkg: object, tsconfig: object, deps: string[]): string {
  const dir = join(work, name);
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `consumer-${name}`, private: true, ...pkg }, null, 2));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", skipLibCheck: false, outDir: "dist", rootDir: "src", types: ["node"], ...tsconfig }, include: ["src"] }, null, 2));
  run("npm", ["install", "--engine-strict", "--no-audit", "--no-fund", "--loglevel=error", "@types/node@20", ...deps], dir);
  return dir;
}

/** Compiles a consumer project with the repo's TypeScript (5.9, emitting), then checks it with the registry's latest. */
function compile(dir: string) {
  run("node", [tsc, "-p", "tsconfig.json"], dir);
  run("node", [tscLatest, "-p", "tsconfig.json", "--noEmit"], dir);
}

function consumerResult(output: string) {
  return JSON.parse(output.trim().split("\n").pop()!) as { steps: string[]; paged: number; distinct: number; afterDelete: number | string };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "trusthub-consumers-"));
  const packed = join(work, "tarballs");
  for (const name of ["types", "client", "mock"]) {
    run("npx", ["-y", "pnpm@10.34.9", "pack", "--pack-destination", packed], join(repo, "packages", name));
  }
  const files = readdirSync(packed);
  const find = (name: string) => join(packed, files.find((f) => f.startsWith(`trusthub-${name}-`))!);
  tarballs = { types: find("types"), client: find("client"), mock: find("mock") };
  for (const [name, file] of Object.entries(tarballs)) console.log(`packed @trusthub/${name}: ${statSync(file).size} bytes`);
  const latest = join(work, "typescript-latest");
  mkdirSync(latest);
  writeFileSync(join(latest, "package.json"), JSON.stringify({ name: "typescript-latest", private: true }));
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "typescript@latest"], latest);
  tscLatest = join(latest, "node_modules/typescript/bin/tsc");
  tscLatestVersion = run("node", [tscLatest, "--version"], latest).trim();
  console.log(`typescript@latest: ${tscLatestVersion}`);
  mock = await startMock();
});

afterAll(async () => {
  await mock?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("@trusthub/client and @trusthub/types from their tarballs", () => {
  it("every consumer below type-checks with TypeScript 5.9 and with the registry's latest", () => {
    expect(run("node", [tsc, "--version"], work)).toContain("Version 5.9.");
    expect(tscLatestVersion).toMatch(/^Version \d+\./);
    // The one the registry tags `latest` now (the consumers compile with it in compile()).
    expect(tscLatestVersion).toBe(`Version ${run("npm", ["view", "typescript@latest", "version"], work).trim()}`);
  });

    it("ESM project (module/moduleResolution node16): type-checks and runs every step of the consumer (its operations and paginate)", () => {
    const dir = project("esm", { type: "module" }, { module: "node16", moduleResolution: "node16" }, [tarballs.types, tarballs.client]);
    copyFileSync(join(fixtures, "consumer.ts"), join(dir, "src/consumer.ts"));
    compile(dir);
    const result = consumerResult(run("node", ["dist/consumer.js"], dir, { TRUSTHUB_BASE_URL: mock.url }));
    expect(result.steps).toEqual(STEPS);
  });

  it("CommonJS project (node16): type-checks and runs via require()", () => {
    const dir = project("cjs", { type: "commonjs" }, { module: "node16", moduleResolution: "node16" }, [tarballs.types, tarballs.client]);
    copyFileSync(join(fixtures, "consumer.ts"), join(dir, "src/consumer.ts"));
    compile(dir);
    expect(run("node", ["-e", "process.stdout.write(require('fs').readFileSync('dist/consumer.js','utf8'))"], dir)).toContain('require("@trusthub/client")');
    const result = consumerResult(run("node", ["dist/consumer.js"], dir, { TRUSTHUB_BASE_URL: mock.url }));
    expect(result.steps).toEqual(STEPS);
  });

  it("bundler project (moduleResolution bundler): type-checks, bundles with esbuild and runs", () => {
    const dir = project("bundler", { type: "module" }, { module: "esnext", moduleResolution: "bundler", noEmit: true }, [tarballs.types, tarballs.client]);
    copyFileSync(join(fixtures, "consumer.ts"), join(dir, "src/consumer.ts"));
    compile(dir);
    run(esbuild, ["src/consumer.ts", "--bundle", "--platform=node", "--format=esm", "--outfile=dist/consumer.mjs", "--log-level=error"], dir);
    const result = consumerResult(run("node", ["dist/consumer.mjs"], dir, { TRUSTHUB_BASE_URL: mock.url }));
    expect(result.steps).toEqual(STEPS);
  });

  it("types-only project: @trusthub/types alone with the team's own fetch wrapper", () => {
    const dir = project("types-only", { type: "module" }, { module: "node16", moduleResolution: "node16" }, [tarballs.types]);
    copyFileSync(join(fixtures, "types-only.ts"), join(dir, "src/types-only.ts"));
    compile(dir);
    expect(readdirSync(join(dir, "node_modules/@trusthub"))).toEqual(["types"]);
    const out = JSON.parse(run("node", ["dist/types-only.js"], dir, { TRUSTHUB_BASE_URL: mock.url }));
    expect(out).toEqual({ status: "twilio-approved", next: true });
  });
});

describe("@trusthub/mock from its tarball", () => {
  let dir: string;
  beforeAll(() => {
    dir = project("mock", { type: "module" }, { module: "node16", moduleResolution: "node16" }, [tarballs.types, tarballs.client, tarballs.mock]);
    copyFileSync(join(fixtures, "consumer.ts"), join(dir, "src/consumer.ts"));
    copyFileSync(join(repo, "examples/quickstart/data.json"), join(dir, "data.json")); // the quickstart's 3 profiles
    compile(dir);
  });

  /** The CLI's URL, once it says it listens (rejects if it exits first). */
  function listening(cli: ReturnType<typeof spawn>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`trusthub-mock did not start:\n${out}`)), 600_000);
      cli.stdout!.on("data", (chunk) => {
        out += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      cli.once("exit", (code) => reject(new Error(`trusthub-mock exited with ${code}:\n${out}`)));
    });
  }

  async function withCli(args: string[], use: (url: string) => void) {
    const port = await freePort();
    const cli = spawn(join(dir, "node_modules/.bin/trusthub-mock"), ["--port", String(port), ...args], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await listening(cli);
      expect(url).toBe(`http://127.0.0.1:${port}`);
      use(url);
    } finally {
      const exited = new Promise((resolve) => cli.once("exit", resolve));
      cli.kill("SIGTERM");
      await exited;
    }
  }

  it("the CLI serves examples: every step of the consumer", async () => {
    await withCli([], (url) => {
      const result = consumerResult(run("node", ["dist/consumer.js"], dir, { TRUSTHUB_BASE_URL: url }));
      expect(result.steps).toEqual(STEPS);
    });
  });

  it("the CLI in stateful mode: the created profile is gone after delete, paginate crosses 4 pages", async () => {
    await withCli(["--stateful", "--data", "data.json"], (url) => {
      const result = consumerResult(run("node", ["dist/consumer.js"], dir, { TRUSTHUB_BASE_URL: url, PAGE_SIZE: "1", PAGINATE_LIMIT: "100" }));
      expect(result.steps).toEqual(STEPS);
      expect(result.paged).toBe(4); // 3 from the data file + the one created, 1 per page: 4 pages
      expect(result.distinct).toBe(4);
      expect(result.afterDelete).toBe(404);
    });
  });

  it("carries the licenses of what its bundled Prism holds: each Prism package's name, version, license and license text", () => {
    const licenses = readFileSync(join(dir, "node_modules/@trusthub/mock/dist/THIRD-PARTY-LICENSES.txt"), "utf8");
    const fromMock = createRequire(join(repo, "packages/mock/package.json"));
    const prismPackages = Object.keys(JSON.parse(readFileSync(join(repo, "packages/mock/package.json"), "utf8")).devDependencies).filter((name) => name.startsWith("@stoplight/prism-"));
    expect(prismPackages.length).toBeGreaterThan(0);
    for (const name of prismPackages) {
      const folder = dirname(fromMock.resolve(`${name}/package.json`));
      const { version, license } = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
      expect(licenses).toContain(`${name} ${version} (${license})`);
      expect(licenses).toContain(readFileSync(join(folder, "LICENSE"), "utf8").trim());
    }
  });

  it("`npx trusthub-mock`: a SIGTERM to npx stops the mock (npm does not pass it on; the mock sees npm's shell go)", async () => {
    const port = await freePort();
    const npx = spawn("npx", ["trusthub-mock", "--port", String(port)], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    const url = await listening(npx);
    expect((await fetch(`${url}/v1/CustomerProfiles`, { headers: { authorization: `Basic ${btoa("AC00000000000000000000000000000000:any")}` } })).status).toBe(200);
    const exited = new Promise((resolve) => npx.once("exit", resolve));
    npx.kill("SIGTERM");
    await exited;
    // Hang guard only: the mock polls for its parent every quarter second.
    expect(await waitFor(() => fetch(url).then(() => false, () => true), 60_000)).toBe(true);
  });

  it("startMock() from the installed package, plain and stateful, with the bundled spec", () => {
    writeFileSync(
      join(dir, "programmatic.mjs"),
      `import { startMock, specPath } from "@trusthub/mock";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
const results = { spec: existsSync(specPath) && specPath.includes("node_modules") };
for (const stateful of [false, true]) {
  const mock = await startMock({ stateful, data: stateful ? "data.json" : undefined });
  try {
    const env = { ...process.env, TRUSTHUB_BASE_URL: mock.url, PAGE_SIZE: "1", PAGINATE_LIMIT: stateful ? "100" : "1" };
    // Asynchronously: the stateful store runs in this process and must keep answering meanwhile.
    const { stdout } = await promisify(execFile)("node", ["dist/consumer.js"], { env, encoding: "utf8" });
    results[stateful ? "stateful" : "plain"] = JSON.parse(stdout.trim().split("\\n").pop());
  } finally {
    await mock.stop();
  }
}
console.log(JSON.stringify(results));
`,
    );
    const out = JSON.parse(run("node", ["programmatic.mjs"], dir).trim().split("\n").pop()!);
    expect(out.spec).toBe(true);
    expect(out.plain.steps).toEqual(STEPS);
    expect(out.stateful.steps).toEqual(STEPS);
    expect(out.stateful.paged).toBe(4);
    expect(out.stateful.afterDelete).toBe(404);
    expect(out.plain.afterDelete).toBe("fetched"); // examples have no state
  });
});
