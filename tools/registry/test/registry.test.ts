// The local registry as a maintainer and a consumer use it: npm publishes with the launcher's token,
// anyone installs @trusthub packages anonymously, nothing else is served or publishable, and stopping
// deletes the storage. npm runs asynchronously: an in-process registry must keep answering meanwhile.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnRegistry, startRegistry, type RunningRegistry } from "../index.mjs";

const exec = promisify(execFile);
let work: string;

/** npm in `cwd` with only the given npmrc as its user config; resolves { code, out } instead of throwing. */
async function npm(args: string[], cwd: string, userconfig: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec("npm", [...args, "--no-audit", "--no-fund", "--no-update-notifier"], {
      cwd, encoding: "utf8", timeout: 600_000, env: { ...process.env, NPM_CONFIG_USERCONFIG: userconfig, ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

function packageDir(name: string, version = "1.0.0"): string {
  const dir = mkdtempSync(join(work, "pkg-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version, main: "index.js", license: "MIT" }));
  writeFileSync(join(dir, "index.js"), "module.exports = 42;\n");
  return dir;
}

/** A user config with no token: what a consumer has. */
function anonymousNpmrc(scopeLine: string): string {
  const file = join(mkdtempSync(join(work, "anon-")), "npmrc");
  writeFileSync(file, `${scopeLine}\n`);
  return file;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "trusthub-registry-test-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("startRegistry()", () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry?.stop());

  it("listens on 127.0.0.1 and writes a private npmrc with the scope line and a token", () => {
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(registry.scopeLine).toBe(`@trusthub:registry=${registry.url}`);
    const npmrc = readFileSync(registry.npmrc, "utf8").split("\n");
    expect(npmrc[0]).toBe(registry.scopeLine);
    expect(npmrc[1]).toMatch(new RegExp(`^//127\\.0\\.0\\.1:\\d+/:_authToken=\\S{16,}$`));
    expect(statSync(registry.npmrc).mode & 0o777).toBe(0o600);
  });

  it("the local publisher publishes an @trusthub package, which a consumer without a token installs", async () => {
    const published = await npm(["publish"], packageDir("@trusthub/registry-probe"), registry.npmrc);
    expect(published.out).toContain("@trusthub/registry-probe@1.0.0");
    expect(published.code).toBe(0);
    const consumer = mkdtempSync(join(work, "consumer-"));
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    const installed = await npm(["install", "@trusthub/registry-probe@1.0.0"], consumer, anonymousNpmrc(registry.scopeLine));
    expect(installed.code, installed.out).toBe(0);
    expect(JSON.parse(readFileSync(join(consumer, "node_modules/@trusthub/registry-probe/package.json"), "utf8")).version).toBe("1.0.0");
  });

  it("refuses a publish without the token", async () => {
    const result = await npm(["publish"], packageDir("@trusthub/registry-anonymous"), anonymousNpmrc(registry.scopeLine));
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/E401|ENEEDAUTH|authorization required|log in/i);
  });

  it("serves nothing outside @trusthub (no uplink) and refuses to publish it, even with the token", async () => {
    const proxied = await fetch(new URL("typescript", registry.url));
    expect(proxied.status).toBe(404);
    const elsewhere = await npm(["publish", "--registry", registry.url], packageDir("trusthub-unscoped-probe"), registry.npmrc);
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.out).toMatch(/E403|not allowed to publish/i);
  });

  it("registers no second user", async () => {
    const response = await fetch(new URL("-/user/org.couchdb.user:intruder", registry.url), {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "intruder", password: "intruder-password", type: "user" }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});

describe("pnpm registry (cli.mjs)", () => {
  it("prints the URL, the consumer's scope line and the publisher's npmrc, never the token; SIGTERM stops it and deletes the storage", async () => {
    const registry = await spawnRegistry();
    const token = /_authToken=(\S+)/.exec(readFileSync(registry.npmrc, "utf8"))![1]!;
    expect(registry.output()).not.toContain(token);
    expect(registry.output()).toContain(`  ${registry.scopeLine}\n`);
    expect((await fetch(new URL("@trusthub%2fnothing", registry.url))).status).toBe(404);
    expect(existsSync(registry.storage)).toBe(true);
    const { code, output } = await registry.stop();
    expect(code).toBe(0);
    expect(output).toContain("Registry stopped");
    expect(existsSync(registry.npmrc)).toBe(false);
    await expect(fetch(registry.url)).rejects.toThrow();
  });

  it("a taken port: exits 1 and suggests --port 0", async () => {
    const running = await startRegistry();
    try {
      const port = Number(new URL(running.url).port);
      await expect(spawnRegistry({ port })).rejects.toThrow(/exited \(1\)[\s\S]*Port \d+ is taken: pass --port 0/);
    } finally {
      await running.stop();
    }
  });

  it("a bad --port: exits 2 with the usage", async () => {
    await expect(spawnRegistry({ port: 70000 })).rejects.toThrow(/exited \(2\)[\s\S]*usage: pnpm registry/);
  });
});


describe("release.mjs (the publishing step of pnpm release)", () => {
  const release = (cwd: string) =>
    exec(process.execPath, [fileURLToPath(new URL("../release.mjs", import.meta.url))], { cwd, encoding: "utf8" }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it("refuses while .changeset/ holds changesets that are not versioned yet", async () => {
    const root = mkdtempSync(join(work, "repo-"));
    mkdirSync(join(root, ".changeset"));
    writeFileSync(join(root, ".changeset/README.md"), "# Changesets\n");
    writeFileSync(join(root, ".changeset/new-filter.md"), `---\n"@trusthub/client": minor\n---\n\nA filter.\n`);
    const result = await release(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("1 changeset(s) in .changeset/ are not versioned yet (new-filter.md)");
    expect(result.stderr).toContain("pnpm version-packages");
  });

  // A repository whose gated suites (packages/* with a test script, tests/consumers) are tiny real Vitest
  // suites on the repo's shared config, so each run writes the record the gate reads.
  it("refuses a commit whose suite failed, or that was not tested in full, clean, on that commit; passes the gate once it was", async () => {
    const root = mkdtempSync(join(work, "gate-"));
    const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
    const shared = fileURLToPath(new URL("../../../vitest.shared.mjs", import.meta.url));
    const suites = { "packages/client": "@trusthub/client", "packages/mock": "@trusthub/mock", "tests/consumers": "@trusthub/consumer-tests" };
    mkdirSync(join(root, ".changeset"), { recursive: true });
    mkdirSync(join(root, "packages/types"), { recursive: true });
    writeFileSync(join(root, "packages/types/package.json"), JSON.stringify({ name: "@trusthub/types" })); // no suite: not gated
    for (const [dir, name] of Object.entries(suites)) {
      mkdirSync(join(root, dir, "test"), { recursive: true });
      writeFileSync(join(root, dir, "package.json"), JSON.stringify({ name, scripts: { test: "vitest run" } }));
      writeFileSync(join(root, dir, "vitest.config.mjs"), `import { shared } from ${JSON.stringify(shared)};\nexport default { test: { ...shared.test, globals: true } };\n`);
      for (const file of ["a", "b"]) writeFileSync(join(root, dir, `test/${file}.test.mjs`), `it("${file}", () => expect(1 + 1).toBe(2));\n`);
    }
    writeFileSync(join(root, ".gitignore"), "node_modules/\ntest-results/\n");
    const git = (...args: string[]) => exec("git", ["-c", "user.email=gate@example.com", "-c", "user.name=gate", ...args], { cwd: root });
    const commit = async () => (await git("add", "-A"), await git("commit", "-qm", "change"));
    const test = (dir: string, ...args: string[]) => exec(process.execPath, [vitest, "run", ...args], { cwd: join(root, dir), env: { ...process.env, CI: "1" } }).catch(() => undefined);
    await git("init", "-q");
    await commit();

    expect((await release(root)).stderr).toMatch(/@trusthub\/client: no test run recorded[\s\S]*@trusthub\/mock: no test run recorded[\s\S]*@trusthub\/consumer-tests: no test run recorded/);

    writeFileSync(join(root, "packages/mock/test/b.test.mjs"), `it("b", () => expect(1 + 1).toBe(3));\n`);
    await commit();
    for (const dir of Object.keys(suites)) await test(dir);
    const failing = await release(root);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain("@trusthub/mock: its suite failed on this commit (test/b.test.mjs)");
    expect(failing.stderr).not.toMatch(/@trusthub\/(client|consumer-tests)/);

    writeFileSync(join(root, "packages/mock/test/b.test.mjs"), `it("b", () => expect(1 + 2).toBe(3));\n`);
    expect((await release(root)).stderr).toContain("the working tree has uncommitted changes");
    await test("packages/mock", "test/b.test.mjs");
    await commit();
    expect((await release(root)).stderr).toMatch(/@trusthub\/mock: its last recorded run tested \w{12}, not \w{12}/);
    await test("packages/mock", "test/b.test.mjs");
    expect((await release(root)).stderr).toContain("@trusthub/mock: its run on this commit left test files or tests out");

    for (const dir of Object.keys(suites)) await test(dir);
    const passing = await release(root);
    expect(passing.stderr).not.toContain("Not released");
    expect(passing.stdout).toContain("Publishing the @trusthub packages to");
  });
});
