// The release as other teams meet it, end to end, on a scratch copy of the repo (its own git history and
// install): `pnpm registry` runs a local registry; `pnpm version-packages` and `pnpm release` publish the
// fixed group there and tag it; a consumer project outside the workspace installs @trusthub/client and
// @trusthub/mock by version with npm (the @trusthub scope from the registry, everything else from its normal
// registry), type-checks and runs against the installed mock, seeded with typed records (and a JSON data file
// of records loads). Then a non-breaking and a breaking spec change, each released with the changeset
// `pnpm spec:changeset` writes: `npm update` takes the minor and keeps compiling, the major only when asked
// for, and then tsc fails on exactly the renamed form field and the stale seed record, and the data file of
// records stops the mock at load, naming the renamed property.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnRegistry, type RegistryProcess } from "@trusthub/registry";
import { runRecord } from "../../../vitest.shared.mjs";
import GithubSlugger from "github-slugger";
import { parse, parseDocument, visit, isMap, isScalar, type YAMLSeq } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const fixture = fileURLToPath(new URL("../fixtures/consumer.ts", import.meta.url));
const tsc = join(repo, "node_modules/typescript/bin/tsc");
const SPEC = "specs/trusthub/v1/openapi.yaml";
const PROPERTY_EXTENSION = "x-trusthub-property";
// Each step builds, publishes and installs for real; generous, since CI runs it beside every other suite on 2 cores.
const STEP_TIMEOUT = 600_000;

// The breaking change renames the optional create field the consumer sends (as spec-diff's
// renamed-optional-field fixture does), and a response property its seed records carry while the form field
// that sets it keeps its name (issue 26's scenario); each renamed side names its partner with
// x-trusthub-property. The non-breaking one adds an optional list filter on a property the profiles have (so
// the stateful mock, which filters by the property a parameter names, serves it too).
const RENAMED = { requestBody: "CreateCustomerProfile", from: "StatusCallback", to: "StatusCallbackUrl", property: "status_callback" };
const RENAMED_PROPERTY = { from: "email", to: "notification_email", field: "Email" };
// A data file of the consumer's, as 1.x reads it: one profile with the property 2.0.0 renames.
const DATA_FILE = { customerProfiles: [{ sid: "BU6f708192a3b4c5d6e7f8091a2b3c4d5e", [RENAMED_PROPERTY.from]: "file@consumer.example" }] };
const ADDED_FILTER = {
  operationId: "ListCustomerProfile",
  parameter: { name: "Email", in: "query", description: "Only the profiles with this notification email address.", schema: { type: "string" } },
};

let scratch: string;
let consumer: string;
let registry: RegistryProcess;
let publisherToken: string; // an npmrc with only the publisher's auth line: the registry itself comes from elsewhere
const published: string[] = [];
const report: string[] = [];
const timings: string[] = [];

/** Runs one step and notes its wall time for the report (`test-results/release-e2e.txt`). */
function timed<T>(what: string, step: () => T): T {
  const start = Date.now();
  try {
    return step();
  } finally {
    timings.push(`${what}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
}

// Child processes get none of the npm/pnpm/turbo settings this test runs under: only what each step sets.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|turbo_|vitest)/i.test(key) && key !== "NODE_OPTIONS"),
) as Record<string, string>;
Object.assign(baseEnv, { TURBO_TELEMETRY_DISABLED: "1", NO_UPDATE_NOTIFIER: "1", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" });
// pnpm itself, resolved once: `npx pnpm` would ask the configured registry for pnpm, and one release step
// points the whole registry at the local one, which serves only @trusthub. turbo wants pnpm on PATH.
const pnpmBin = execFileSync("npx", ["-y", "-p", "pnpm@10.34.9", "-c", "command -v pnpm"], { cwd: tmpdir(), env: baseEnv, encoding: "utf8" }).trim();
baseEnv.PATH = `${dirname(pnpmBin)}:${baseEnv.PATH}`;

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  try {
    return execFileSync(cmd, args, { cwd, env: { ...baseEnv, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: STEP_TIMEOUT });
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${e.status}:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}
/** For a command that may fail (tsc, npm outdated): its exit status and output instead of an exception. */
function attempt(cmd: string, args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  try {
    return { status: 0, stdout: execFileSync(cmd, args, { cwd, env: baseEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: STEP_TIMEOUT }), stderr: "" };
  } catch (error) {
    const e = error as { status?: number | null; stdout?: string; stderr?: string };
    return { status: e.status ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}
const pnpm = (args: string[], env: Record<string, string> = {}) => run(pnpmBin, args, scratch, env);
const git = (...args: string[]) => run("git", ["-c", "user.email=release-test@example.com", "-c", "user.name=release test", ...args], scratch);
// Lockfile URLs kept (this machine's npmrc may omit them): they show where each package came from.
const npm = (args: string[]) => run("npm", args, consumer, { npm_config_omit_lockfile_registry_resolved: "false" });
const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** The published packages, from the scratch's packages/*: name → version. */
function packageVersions(): Record<string, string> {
  const dir = join(scratch, "packages");
  const manifests = readdirSync(dir).map((name) => json(join(dir, name, "package.json"))).filter((pkg) => !pkg.private);
  return Object.fromEntries(manifests.map((pkg) => [pkg.name as string, pkg.version as string]));
}
const installed = (name: string) => join(consumer, "node_modules", name);
const installedVersion = (name: string) => json(join(installed(name), "package.json")).version as string;
const major = (version: string) => Number(version.split(".")[0]);

/** Edits the scratch's spec through the YAML document (anchors and comments kept) and bumps info.version. */
type SpecPaths = { paths: Record<string, Record<string, { operationId?: string }>> };
function editSpec(bump: "minor" | "major", edit: (doc: ReturnType<typeof parseDocument>, spec: SpecPaths) => void) {
  const file = join(scratch, SPEC);
  const doc = parseDocument(readFileSync(file, "utf8"));
  edit(doc, doc.toJS({ maxAliasCount: -1 }) as SpecPaths);
  const [maj, min] = String(doc.getIn(["info", "version"])).split(".").map(Number);
  doc.setIn(["info", "version"], bump === "major" ? `${maj! + 1}.0.0` : `${maj}.${min! + 1}.0`);
  writeFileSync(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
}

/** `pnpm generate`, then `pnpm spec:changeset`; returns the changeset it wrote (after checking it exists). */
function specChangeset(): { file: string; releases: Record<string, string>; text: string } {
  pnpm(["generate"]);
  const out = pnpm(["spec:changeset"]);
  const file = join(scratch, /Wrote (\S+\.md)/.exec(out)?.[1] ?? "(no changeset written)");
  expect(existsSync(file), out).toBe(true);
  const text = readFileSync(file, "utf8");
  return { file, text, releases: parse(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) };
}

/**
 * What CI's test step leaves for the commit it tested: the record of a full, passing run of each suite
 * `pnpm release` gates on (every packages/* suite and tests/consumers), for the scratch's HEAD. This suite is
 * about publishing; the gate's refusal of real failing runs is tools/registry's test.
 */
function recordGreenRuns() {
  const commit = git("rev-parse", "HEAD").trim();
  for (const dir of [...readdirSync(join(scratch, "packages")).map((name) => join("packages", name)), "tests/consumers"]) {
    mkdirSync(join(scratch, dir, dirname(runRecord)), { recursive: true });
    writeFileSync(join(scratch, dir, runRecord), JSON.stringify({ commit, clean: true, complete: true, passed: true, files: {} }));
  }
}

/**
 * `pnpm version-packages`, commit, `pnpm release` with the given npm configuration; returns what was published.
 * `untestedFirst`: `pnpm release` is first tried before any suite's run is recorded for the commit, and refused.
 */
function versionAndRelease(route: string, env: Record<string, string>, { untestedFirst = false } = {}): Record<string, string> {
  timed("pnpm version-packages", () => pnpm(["version-packages"]));
  git("add", "-A");
  git("commit", "-qm", "Version packages");
  if (untestedFirst) {
    const refused = timed("pnpm release (untested commit)", () => attempt(pnpmBin, ["release"], scratch));
    expect(refused.status).not.toBe(0);
    for (const name of ["@trusthub/client", "@trusthub/mock", "@trusthub/consumer-tests"]) expect(refused.stderr).toContain(`${name}: no test run recorded`);
    expect(refused.stdout).not.toContain("Publishing");
  }
  recordGreenRuns();
  const out = timed(`pnpm release (${route})`, () => pnpm(["release"], env));
  expect(out, `release via ${route}`).toContain(`Publishing the @trusthub packages to ${registry.url}`);
  const versions = packageVersions();
  for (const [name, version] of Object.entries(versions)) {
    expect(out).toContain(`${name}@${version}`);
    expect(npm(["view", `${name}@${version}`, "version"]).trim()).toBe(version);
    expect(git("tag", "--list", `${name}@${version}`).trim()).toBe(`${name}@${version}`);
  }
  published.push(`${Object.values(versions)[0]} (via ${route})`);
  return versions;
}

/** tsc in the consumer; `libraries` also checks every installed .d.ts (once is enough: it costs 3x the time). */
function typecheck({ libraries = false } = {}) {
  return timed("consumer: tsc", () => attempt("node", [tsc, "-p", "tsconfig.json", "--skipLibCheck", String(!libraries)], consumer));
}
function runConsumer(): { spec: string; status: string; statusCallback: string; seeded: string } {
  return JSON.parse(run("node", ["dist/consumer.js"], consumer).trim().split("\n").pop()!);
}
/** Starts the installed mock on the consumer's data file: "started", or what it threw. */
function loadDataFile(): { started: true } | { name: string; message: string } {
  const script = `import { startMock } from "@trusthub/mock";
try { await (await startMock({ stateful: true, data: "data.json" })).stop(); console.log(JSON.stringify({ started: true })); }
catch (error) { console.log(JSON.stringify({ name: error.name, message: error.message })); }`;
  return JSON.parse(run("node", ["--input-type=module", "-e", script], consumer).trim().split("\n").pop()!);
}

/** The CHANGELOG.md section of one version: from its `## x.y.z` heading to the next one. */
function changelogSection(name: string, version: string): string {
  const text = readFileSync(join(installed(name), "CHANGELOG.md"), "utf8");
  const start = text.indexOf(`\n## ${version}\n`);
  expect(start, `${name}'s CHANGELOG.md has a ${version} section`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

/** Every relative link of the installed README points at a file in the package, and every #anchor at a heading. */
function brokenReadmeLinks(dir: string): string[] {
  const headings = (file: string) => {
    const slugger = new GithubSlugger();
    return readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, "").split("\n").filter((l) => /^#{1,6} /.test(l)).map((l) => slugger.slug(l.replace(/^#+ /, "")));
  };
  const text = readFileSync(join(dir, "README.md"), "utf8").replace(/^```[\s\S]*?^```/gm, "");
  const broken: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target!)) continue;
    const [path, anchor] = target!.split("#");
    const file = join(dir, path || "README.md");
    if (!existsSync(file)) broken.push(target!);
    else if (anchor && !headings(file).includes(anchor)) broken.push(target!);
  }
  return broken;
}

beforeAll(async () => {
  // A scratch copy of the working tree (uncommitted edits included), as a fresh clone would have it.
  scratch = mkdtempSync(join(tmpdir(), "trusthub-release-"));
  cpSync(repo, scratch, { recursive: true, filter: (src) => !["node_modules", ".git", ".turbo", "test-results", "dist"].includes(basename(src)) && !src.endsWith(".tgz") });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "scratch copy");
  timed("scratch copy: pnpm install", () => pnpm(["install", "--frozen-lockfile", "--prefer-offline"]));

  registry = await spawnRegistry();
  const tokenLine = readFileSync(registry.npmrc, "utf8").split("\n").find((line) => line.includes(":_authToken="))!;
  publisherToken = join(mkdtempSync(join(tmpdir(), "trusthub-publisher-")), "npmrc");
  writeFileSync(publisherToken, `${tokenLine}\n`, { mode: 0o600 });

  consumer = mkdtempSync(join(tmpdir(), "trusthub-consumer-"));
  mkdirSync(join(consumer, "src"));
  writeFileSync(join(consumer, ".npmrc"), `${registry.scopeLine}\n`);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "trusthub-consumer", private: true, type: "module" }, null, 2));
  writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, target: "ES2022", module: "node16", moduleResolution: "node16", outDir: "dist", rootDir: "src", types: ["node"] },
    include: ["src"],
  }, null, 2));
  writeFileSync(join(consumer, "src/consumer.ts"), readFileSync(fixture, "utf8"));
  writeFileSync(join(consumer, "data.json"), JSON.stringify(DATA_FILE, null, 2));
}, STEP_TIMEOUT);

afterAll(async () => {
  const summary = `published: ${published.join(", ")}\n\n${report.join("\n\n")}\n\nsteps:\n${timings.map((t) => `  ${t}`).join("\n")}\n`;
  console.log(summary);
  mkdirSync(join(repo, "tests/release/test-results"), { recursive: true });
  writeFileSync(join(repo, "tests/release/test-results/release-e2e.txt"), summary);
  await registry?.stop();
  for (const dir of [scratch, consumer, publisherToken && join(publisherToken, "..")]) if (dir) rmSync(dir, { recursive: true, force: true });
}, STEP_TIMEOUT);

describe.sequential("release through a registry", () => {
  let first: Record<string, string>;

  it("pnpm release refuses a commit with no recorded test run, then publishes the versioned fixed group to the registry the npm user config names, and tags it", () => {
    // The user config `pnpm registry` prints: the scope line and the publisher's token.
    first = versionAndRelease("NPM_CONFIG_USERCONFIG from pnpm registry", { NPM_CONFIG_USERCONFIG: registry.npmrc }, { untestedFirst: true });
    expect(new Set(Object.values(first)).size).toBe(1); // one fixed group, one version
    // At 0.x a ^ range takes no minor release (.changeset/ makes the first one 1.0.0); the upgrades below need 1.x+.
    expect(major(Object.values(first)[0]!)).toBeGreaterThanOrEqual(1);
  }, STEP_TIMEOUT);

  it("a consumer outside the workspace installs client and mock by version with npm, type-checks and runs against the installed mock", () => {
    const version = first["@trusthub/client"]!;
    timed("consumer: npm install by version", () => npm(["install", `@trusthub/client@${version}`, `@trusthub/mock@${version}`, "@types/node@20"]));
    expect(json(join(consumer, "package.json")).dependencies).toMatchObject({ "@trusthub/client": `^${version}`, "@trusthub/mock": `^${version}` });
    // The scope came from the local registry, everything else from the normal one.
    const lock = json(join(consumer, "package-lock.json")).packages as Record<string, { resolved?: string }>;
    for (const name of Object.keys(first)) expect(lock[`node_modules/${name}`]!.resolved).toMatch(new RegExp(`^${registry.url}`));
    expect(lock["node_modules/openapi-fetch"]!.resolved).not.toContain("127.0.0.1");

    for (const name of Object.keys(first)) {
      const dir = installed(name);
      expect(readdirSync(dir)).toEqual(expect.arrayContaining(["LICENSE", "CHANGELOG.md", "README.md", "package.json"]));
      expect(existsSync(join(dir, "test"))).toBe(false);
      expect(readFileSync(join(dir, "LICENSE"), "utf8")).toContain("MIT License");
      expect(changelogSection(name, version)).toMatch(/^### (Major|Minor|Patch) Changes$/m);
      expect(brokenReadmeLinks(dir)).toEqual([]);
      const manifest = json(join(dir, "package.json"));
      expect(manifest.repository.directory).toBe(`packages/${name.split("/")[1]}`);
      expect(manifest.homepage).toMatch(/^https:\/\//);
    }
    expect(typecheck({ libraries: true })).toMatchObject({ status: 0, stdout: "" });
    expect(runConsumer()).toEqual({
      spec: parse(readFileSync(join(scratch, SPEC), "utf8")).info.version,
      status: "not submitted",
      statusCallback: "https://consumer.example/trusthub/status",
      seeded: "approved",
    });
    expect(loadDataFile()).toEqual({ started: true });
  }, STEP_TIMEOUT);

  it("a non-breaking spec change: a minor changeset; npm update takes the minor and the consumer keeps compiling", () => {
    editSpec("minor", (doc, spec) => {
      const [path, method] = Object.entries(spec.paths).flatMap(([p, item]) => Object.entries(item).filter(([, op]) => op.operationId === ADDED_FILTER.operationId).map(([m]) => [p, m]))[0]!;
      (doc.getIn(["paths", path, method, "parameters"]) as YAMLSeq).add(doc.createNode(ADDED_FILTER.parameter));
    });
    const changeset = specChangeset();
    expect(Object.values(changeset.releases)).toEqual(Object.keys(first).map(() => "minor"));
    expect(changeset.text).toContain(`query parameter \`${ADDED_FILTER.parameter.name}\` added (optional)`);
    git("add", "-A");
    git("commit", "-qm", "spec: an optional list filter");

    // The registry named by npm_config_registry; only the token comes from the user config.
    const minor = versionAndRelease("npm_config_registry", { npm_config_registry: registry.url, NPM_CONFIG_USERCONFIG: publisherToken });
    expect(minor["@trusthub/client"]).toBe(`${major(first["@trusthub/client"]!)}.1.0`);

    timed("consumer: npm update", () => npm(["update"]));
    expect(installedVersion("@trusthub/client")).toBe(minor["@trusthub/client"]);
    expect(installedVersion("@trusthub/mock")).toBe(minor["@trusthub/mock"]);
    expect(installedVersion("@trusthub/types")).toBe(minor["@trusthub/types"]);
    expect(typecheck().status).toBe(0);
    expect(runConsumer()).toMatchObject({ spec: parse(readFileSync(join(scratch, SPEC), "utf8")).info.version, status: "not submitted", seeded: "approved" });
    const entry = changelogSection("@trusthub/client", minor["@trusthub/client"]!);
    expect(entry).toContain("### Minor Changes");
    expect(entry).toContain("Non-breaking (nothing to change):");
    expect(entry).toContain(`\`${ADDED_FILTER.parameter.name}\``);
  }, STEP_TIMEOUT);

  it("a breaking spec change: a major changeset; npm update stays; asked for the major, tsc fails on exactly the renamed field and the stale seed record, the data file stops the mock naming the property; the changelog says it breaks", () => {
    const before = installedVersion("@trusthub/client");
    editSpec("major", (doc) => {
      let renamed = 0;
      visit(doc.getIn(["components", "requestBodies", RENAMED.requestBody], true) as never, {
        Pair(_, pair) {
          if (isScalar(pair.key) && pair.key.value === RENAMED.from) {
            pair.key.value = RENAMED.to;
            // The field (in the schema), not its value in an example.
            if (isMap(pair.value)) pair.value.set(PROPERTY_EXTENSION, RENAMED.property);
            renamed++;
          }
        },
      });
      expect(renamed, `${RENAMED.requestBody} has a ${RENAMED.from} field`).toBeGreaterThan(0);
      // The property, in the schema and the examples; the form fields and the list filter that pair with it
      // by name say which property they now set.
      let properties = 0;
      visit(doc, {
        Pair(_, pair) {
          if (!isScalar(pair.key)) return;
          if (pair.key.value === RENAMED_PROPERTY.from) {
            pair.key.value = RENAMED_PROPERTY.to;
            properties++;
          } else if (pair.key.value === RENAMED_PROPERTY.field && isMap(pair.value)) {
            pair.value.set(PROPERTY_EXTENSION, RENAMED_PROPERTY.to);
          }
        },
        Map(_, map) {
          if (map.get("in") === "query" && map.get("name") === RENAMED_PROPERTY.field) map.set(PROPERTY_EXTENSION, RENAMED_PROPERTY.to);
        },
      });
      expect(properties, `the spec has a ${RENAMED_PROPERTY.from} property`).toBeGreaterThan(0);
    });
    const changeset = specChangeset();
    expect(Object.values(changeset.releases)).toEqual(Object.keys(first).map(() => "major"));
    git("add", "-A");
    git("commit", "-qm", `spec: rename ${RENAMED.from}`);

    // The registry named by the project's .npmrc (the scoped key); the token from the user config.
    writeFileSync(join(scratch, ".npmrc"), `${registry.scopeLine}\n`);
    const next = versionAndRelease("the project .npmrc", { NPM_CONFIG_USERCONFIG: publisherToken });
    expect(major(next["@trusthub/client"]!)).toBe(major(before) + 1);
    const all = JSON.parse(npm(["view", "@trusthub/client", "versions", "--json"]));
    report.unshift(`registry versions of @trusthub/client: ${all.join(", ")}`);

    timed("consumer: npm update", () => npm(["update"]));
    expect(installedVersion("@trusthub/client")).toBe(before);
    expect(typecheck().status).toBe(0);
    const outdated = JSON.parse(attempt("npm", ["outdated", "--json"], consumer).stdout);
    expect(outdated["@trusthub/client"]).toMatchObject({ current: before, wanted: before, latest: next["@trusthub/client"] });

    const target = `^${next["@trusthub/client"]}`;
    npm(["install", `@trusthub/client@${target}`, `@trusthub/mock@${target}`]);
    expect(installedVersion("@trusthub/client")).toBe(next["@trusthub/client"]);
    const result = typecheck();
    report.push(`consumer tsc after installing ${next["@trusthub/client"]} (exit ${result.status}):\n${result.stdout.trim()}`);
    expect(result.status).not.toBe(0);
    const errors = result.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
    const lines = readFileSync(fixture, "utf8").split("\n");
    const position = (key: string) => {
      const line = lines.findIndex((l) => l.trim().startsWith(`${key}:`));
      return `src/consumer.ts(${line + 1},${lines[line]!.indexOf(key) + 1}): error TS`;
    };
    expect(errors).toHaveLength(2);
    // openapi-typescript closes form bodies with `[key: string]: never`, so tsc names the position, not the key.
    expect(errors.find((e) => e.startsWith(position(RENAMED.from)))).toBeDefined();
    // The seed record: tsc names the property.
    expect(errors.find((e) => e.startsWith(position(RENAMED_PROPERTY.from)))).toContain(`'${RENAMED_PROPERTY.from}'`);
    // The data file of records: the mock refuses it at load, naming the collection, the record and the property.
    const refused = loadDataFile();
    report.push(`the consumer's data file on ${next["@trusthub/mock"]}: ${JSON.stringify(refused)}`);
    expect(refused).toMatchObject({ name: "MockOptionError", message: expect.stringContaining(`customerProfiles[0] (sid ${DATA_FILE.customerProfiles[0]!.sid}): unknown property "${RENAMED_PROPERTY.from}"`) });

    report.push(`installed node_modules/@trusthub/client/CHANGELOG.md, ${next["@trusthub/client"]}:${changelogSection("@trusthub/client", next["@trusthub/client"]!)}`);
    for (const name of Object.keys(next)) {
      const entry = changelogSection(name, next[name]!);
      expect(entry).toContain("### Major Changes");
      expect(entry).toContain("Breaking (each entry says what to change in your code):");
      expect(entry).toMatch(new RegExp(`body field \`${RENAMED.from}\` .*renamed to \`${RENAMED.to}\`: send the new name`));
    }

    // The renames are the whole migration: with the new names the consumer compiles again.
    const source = readFileSync(join(consumer, "src/consumer.ts"), "utf8");
    writeFileSync(join(consumer, "src/consumer.ts"), source.replace(`${RENAMED.from}:`, `${RENAMED.to}:`).replace(`${RENAMED_PROPERTY.from}:`, `${RENAMED_PROPERTY.to}:`));
    expect(typecheck().status).toBe(0);
  }, STEP_TIMEOUT);
});
