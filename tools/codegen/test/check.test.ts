// `generate.mjs --check` (pnpm check:generated) passes on a fresh copy of the repo's generated files and
// fails after an edit of the spec that was not regenerated, or a hand edit of a generated file.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { scratchRepo } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../generate.mjs", import.meta.url));
const SPEC = "specs/trusthub/v1/openapi.yaml";
const TYPES = "packages/types/src/generated/openapi.d.ts";

let root: string;
let remove: () => void;
beforeEach(() => {
  ({ dir: root, remove } = scratchRepo({ prefix: "codegen-check-" }));
});
afterEach(() => remove());

function run(...args: string[]): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync("node", [script, ...args, "--root", root], { encoding: "utf8", stdio: "pipe" }) };
  } catch (e: any) {
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

function edit(path: string, from: string, to: string) {
  const text = readFileSync(join(root, path), "utf8");
  expect(text).toContain(from);
  writeFileSync(join(root, path), text.replace(from, to));
}

describe("check:generated", () => {
  it("passes when the committed files match the spec", () => {
    const { code, output } = run("--check");
    expect(output).toMatch(/up to date/);
    expect(code).toBe(0);
  });

  it("fails after a spec edit that was not regenerated, naming the stale files, and passes once regenerated", () => {
    edit(SPEC, "      summary: Fetch a Customer Profile\n", "      summary: Fetch one Customer Profile\n");
    const stale = run("--check");
    expect(stale.code).toBe(1);
    expect(stale.output).toContain(TYPES);
    expect(stale.output).toContain("packages/types/package.json"); // the spec hash record

    expect(run().code).toBe(0);
    expect(readFileSync(join(root, TYPES), "utf8")).toContain("Fetch one Customer Profile");
    expect(run("--check").code).toBe(0);
  });

  it("fails after a spec edit that changes no type (the spec hash is recorded)", () => {
    edit(SPEC, "        maximum: 1000\n        default: 50", "        maximum: 500\n        default: 50");
    const { code, output } = run("--check");
    expect(code).toBe(1);
    expect(output).toContain(TYPES);
  });

  it("fails after a hand edit of a generated file", () => {
    edit(TYPES, '"twilio-approved"', '"twilio-approved" | "approved"');
    const { code, output } = run("--check");
    expect(code).toBe(1);
    expect(output).toContain(TYPES);
  });

  it("rejects an unknown target", () => {
    const { code, output } = run("typo");
    expect(code).toBe(1);
    expect(output).toMatch(/unknown target/);
  });
});
