// The release flow on a scratch git copy of the repo: a changeset bumps the whole fixed group and writes
// each package's CHANGELOG.md; a dry-run publish shows what each package would upload.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const PUBLISHED = ["types", "client", "mock"];
let scratch: string;

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: scratch, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });
const version = (pkg: string) => JSON.parse(readFileSync(join(scratch, "packages", pkg, "package.json"), "utf8")).version as string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "trusthub-release-"));
  cpSync(repo, scratch, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => !/\/(\.git|\.turbo|test-results)(\/|$)/.test(src) && relative(repo, src) !== "node_modules",
  });
  symlinkSync(join(repo, "node_modules"), join(scratch, "node_modules"));
  run("git", ["init", "-q", "-b", "main"]);
  run("git", ["-c", "user.email=ci@example.com", "-c", "user.name=ci", "add", "-A"]);
  run("git", ["-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-qm", "scratch"]);
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

it("a minor changeset for one package versions the whole fixed group and writes the changelogs", () => {
  const before = PUBLISHED.map(version);
  expect(new Set(before).size).toBe(1);
  writeFileSync(join(scratch, ".changeset/add-filter.md"), `---\n"@trusthub/client": minor\n---\n\nAdd a filter.\n`);
  run("node", [join(scratch, "node_modules/@changesets/cli/bin.js"), "version"]);
  const [major, minor] = before[0]!.split(".").map(Number);
  const expected = `${major}.${minor! + 1}.0`;
  expect(PUBLISHED.map(version)).toEqual([expected, expected, expected]);
  for (const pkg of PUBLISHED) {
    expect(readFileSync(join(scratch, "packages", pkg, "CHANGELOG.md"), "utf8")).toContain(`## ${expected}`);
  }
  expect(readFileSync(join(scratch, "packages/client/CHANGELOG.md"), "utf8")).toContain("Add a filter.");
  // workspace:* dependencies stay in the repo; pnpm rewrites them when packing or publishing
  expect(JSON.parse(readFileSync(join(scratch, "packages/client/package.json"), "utf8")).dependencies["@trusthub/types"]).toBe("workspace:*");
});

it("a dry-run publish lists each package's files; the packed client depends on the released types version", () => {
  for (const pkg of PUBLISHED) {
    const out = execFileSync("npx", ["-y", "pnpm@10.34.9", "publish", "--dry-run", "--no-git-checks", "--json"], {
      cwd: join(scratch, "packages", pkg), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000,
    });
    const report = (JSON.parse(out.slice(out.indexOf("{"))) as Record<string, { name: string; version: string; files: { path: string }[] }>)[`@trusthub/${pkg}`]!;
    expect(report.name).toBe(`@trusthub/${pkg}`);
    expect(report.version).toBe(version(pkg));
    const files = report.files.map((f) => f.path);
    expect(files).toContain("package.json");
    expect(files).toContain("README.md");
    expect(files.some((f) => f.startsWith(pkg === "types" ? "src/" : "dist/"))).toBe(true);
    expect(files.some((f) => f.includes("test"))).toBe(false);
  }
  const tarball = execFileSync("npx", ["-y", "pnpm@10.34.9", "pack", "--pack-destination", scratch], {
    cwd: join(scratch, "packages/client"), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000,
  }).trim().split("\n").pop()!;
  const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
  expect(manifest.dependencies["@trusthub/types"]).toBe(version("types"));
});
