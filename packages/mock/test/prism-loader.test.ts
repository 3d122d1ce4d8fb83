// The built package's Prism bundle and V8's code cache (src/prism-loader.ts): where the cache is kept, that
// a later mock starts from it, and that a cache that cannot be used or written changes nothing a user sees.
// Each mock starts in a fresh Node process, as in a test run.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, AUTH, distDir } from "./helpers.js";

beforeAll(assertBuilt);

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "trusthub-mock-cache-"));
  folders.push(folder);
  return folder;
}

/** A stateful createMock() and one request in a new Node process run in `cwd`: the status and what the process printed. */
function startMock(cwd: string, env: Record<string, string | undefined>): { status: string; stderr: string } {
  const script = [
    `import { createMock } from ${JSON.stringify(pathToFileURL(join(distDir, "in-process.js")).href)};`,
    "const mock = await createMock({ stateful: true });",
    `const response = await mock.fetch("https://trusthub.twilio.com/v1/CustomerProfiles", { headers: { authorization: ${JSON.stringify(AUTH)} } });`,
    "console.log(response.status);",
  ].join("\n");
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
  return { status: result.stdout.trim(), stderr: result.stderr };
}

const thisNode = `prism-${process.version}-${process.arch}-`;
const cacheFiles = (folder: string) => readdirSync(folder).filter((name) => name.startsWith(thisNode));

describe("the code cache of Prism's bundle", () => {
  it("is kept in node_modules/.cache/@trusthub/mock of the project, in place of another bundle's, then started from", () => {
    const project = tempFolder();
    writeFileSync(join(project, "package.json"), "{}");
    const cache = join(project, "node_modules/.cache/@trusthub/mock");
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, `${thisNode}0000000000000000.bin`), "an older bundle's cache");

    expect(startMock(project, { CACHE_DIR: undefined })).toEqual({ status: "200", stderr: "" });
    const kept = cacheFiles(cache);
    expect(kept).toHaveLength(1);
    expect(kept).not.toContain(`${thisNode}0000000000000000.bin`);
    const written = statSync(join(cache, kept[0]!)).mtimeMs;

    expect(startMock(project, { CACHE_DIR: undefined })).toEqual({ status: "200", stderr: "" });
    // Accepted by V8, the cache is not written again.
    expect(statSync(join(cache, kept[0]!)).mtimeMs).toBe(written);
  });

  it("goes to CACHE_DIR when set; one V8 refuses is replaced without a word", () => {
    const cacheDir = tempFolder();
    const cache = join(cacheDir, "@trusthub/mock");
    expect(startMock(tempFolder(), { CACHE_DIR: cacheDir })).toEqual({ status: "200", stderr: "" });
    const [kept] = cacheFiles(cache);
    writeFileSync(join(cache, kept!), "not V8's code cache");

    expect(startMock(tempFolder(), { CACHE_DIR: cacheDir })).toEqual({ status: "200", stderr: "" });
    expect(readFileSync(join(cache, kept!), "utf8")).not.toBe("not V8's code cache");
  });

  it("changes nothing a user sees where no cache can be written", () => {
    const file = join(tempFolder(), "a-file");
    writeFileSync(file, "");
    expect(startMock(tempFolder(), { CACHE_DIR: file })).toEqual({ status: "200", stderr: "" });
  });
});
