// The command end to end on fixture pairs: exit codes, the table, --json, which list it reads, and how
// relative paths are taken.
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { specPath } from "@trusthub/spec";
import { fixturePath, run, tempFile } from "./helpers.js";

const RESPONSE_LIST = `differences:
  - operation: GET /v1/Widgets
    where: [response 404, response default]
    kind: response
    reason: We declare the error responses.
  - operation: GET /v1/Widgets
    where: response 202
    kind: response
    reason: We do not describe the accepted-for-later answer.
`;
const pair = (name: string) => [fixturePath(name, "theirs"), "--ours", fixturePath(name, "ours")];

describe("spec:upstream", () => {
  it("exits 0 and prints every difference with the entry that lists it", () => {
    const { code, stdout } = run([...pair("response"), "--differences", tempFile("list.yaml", RESPONSE_LIST)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Ours: {3}.*response\/ours\.yaml \(OpenAPI 3\.1\.0, version 1\.0\.0\)$/m);
    expect(stdout).toMatch(/^Theirs: .*response\/theirs\.yaml \(OpenAPI 3\.0\.1, version 1\.0\.0\)$/m);
    expect(stdout).toContain("1 operations compared.");
    expect(stdout).toMatch(/^GET \/v1\/Widgets\n {2}response 404 +response +present +absent +#1\n {2}response default +response +present +absent +#1\n {2}response 202 +response +absent +present +#2$/m);
    expect(stdout).toContain("  #1 (2) We declare the error responses.\n  #2 (1) We do not describe the accepted-for-later answer.");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("OK: 3 difference(s), all listed as deliberate.");
  });

  it("exits 1 on a difference the list does not have, marking it NEW and naming it at the end", () => {
    const list = tempFile("list.yaml", RESPONSE_LIST.split("  - operation: GET /v1/Widgets\n    where: response 202")[0]!);
    const { code, stdout } = run([...pair("response"), "--differences", list]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ {2}response 202 +response +absent +present +NEW$/m);
    expect(stdout).toContain("Not listed (adopt each in the spec, or list it with its reason):\n  GET /v1/Widgets: response 202: response (ours absent, theirs present)");
    expect(stdout).toContain("FAIL: 1 difference(s) not listed as deliberate (NEW), 0 stale entries.");
  });

  it("exits 1 on an entry that no longer matches a difference", () => {
    const list = tempFile("list.yaml", `${RESPONSE_LIST}  - { operation: "*", where: "*", kind: enum, reason: Statuses we add. }\n`);
    const { code, stdout } = run([...pair("response"), "--differences", list]);
    expect(code).toBe(1);
    expect(stdout).toContain("Listed but no longer found (remove the entry, or fix its match):\n  #3 enum at *: * (Statuses we add.)");
    expect(stdout).toContain("FAIL: 0 difference(s) not listed as deliberate (NEW), 1 stale entry.");
  });

  it("--json gives the same verdict as data", () => {
    const list = tempFile("list.yaml", `${RESPONSE_LIST.split("  - operation: GET /v1/Widgets\n    where: response 202")[0]}  - { operation: "*", where: "*", kind: enum, reason: Statuses we add. }\n`);
    const { code, stdout } = run([...pair("response"), "--differences", list, "--json"]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.ok).toBe(false);
    expect(out.ours).toMatchObject({ openapi: "3.1.0", version: "1.0.0" });
    expect(out.theirs).toMatchObject({ openapi: "3.0.1", file: expect.stringMatching(/response\/theirs\.yaml$/) });
    expect(out.operations).toEqual(["GET /v1/Widgets"]);
    expect(out.differences).toEqual([
      { operation: "GET /v1/Widgets", where: "response 404", kind: "response", ours: "present", listed: 1, reason: "We declare the error responses." },
      { operation: "GET /v1/Widgets", where: "response default", kind: "response", ours: "present", listed: 1, reason: "We declare the error responses." },
      { operation: "GET /v1/Widgets", where: "response 202", kind: "response", theirs: "present", listed: null },
    ]);
    expect(out.stale).toEqual([{ entry: 2, reason: "Statuses we add." }]);
  });

  it("reads upstream-differences.yaml next to the spec it compares, unless told otherwise", () => {
    const dir = mkdtempSync(join(tmpdir(), "spec-upstream-"));
    copyFileSync(fixturePath("response", "ours"), join(dir, "openapi.yaml"));
    const withoutList = run([fixturePath("response", "theirs"), "--ours", join(dir, "openapi.yaml")]);
    expect(withoutList.stdout).toContain("Deliberate differences: (no list)");
    expect(withoutList.code).toBe(1);
    copyFileSync(tempFile("list.yaml", RESPONSE_LIST), join(dir, "upstream-differences.yaml"));
    const withList = run([fixturePath("response", "theirs"), "--ours", join(dir, "openapi.yaml")]);
    expect(withList.stdout).toMatch(/Deliberate differences: .*upstream-differences\.yaml/);
    expect(withList.code).toBe(0);
  });

  it("compares our spec by default, and finds nothing between it and itself", () => {
    const { code, stdout } = run([specPath, "--differences", tempFile("list.yaml", "differences: []\n")]);
    expect(stdout).toMatch(/^Ours: .*openapi\.yaml/m);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("OK: 0 difference(s), all listed as deliberate.");
    expect(code).toBe(0);
  });

  it("finds every entry of the repo's list stale when our spec is compared with itself (no entry matches vacuously)", () => {
    const { code, stdout } = run([specPath]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL: 0 difference\(s\) not listed as deliberate \(NEW\), \d+ stale entries\./);
    expect(stdout).not.toContain("Listed as deliberate:");
  });

  it("takes relative paths from where the command was typed (INIT_CWD under pnpm)", () => {
    const typedIn = dirname(fixturePath("response", "ours"));
    const { code, stdout } = run(["theirs.yaml", "--ours", "ours.yaml", "--differences", tempFile("list.yaml", RESPONSE_LIST)], { cwd: "/", env: { INIT_CWD: typedIn } });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Theirs: theirs\.yaml /m);
  });

  const swagger = tempFile("swagger.yaml", "swagger: '2.0'\npaths: {}\n");
  const badList = tempFile("list.yaml", "differences:\n  - { operation: x, where: y, kind: colour, reason: r }\n");
  it.each([
    ["no description", [], /usage: pnpm spec:upstream <file-or-url>/],
    ["two descriptions", ["a.yaml", "b.yaml"], /usage: pnpm spec:upstream/],
    ["an unknown option", ["a.yaml", "--colour"], /Unknown option '--colour'/],
    ["a missing file", ["no-such-file.yaml"], /spec:upstream: ENOENT: no such file or directory, open '.*no-such-file\.yaml'/],
    ["a description that is not OpenAPI 3", [swagger], /spec:upstream: theirs: not an OpenAPI 3\.0 or 3\.1 description \(openapi: missing\)/],
    ["a list it cannot read", [...pair("response"), "--differences", badList], /list\.yaml: entry 1: unknown kind "colour"/],
  ])("exits 2 on %s", (_, args, message) => {
    const { code, stderr } = run(args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });
});
