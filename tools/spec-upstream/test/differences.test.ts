// The reviewed list: what it accepts, how its entries match differences, and which entries are stale.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specPath } from "@trusthub/spec";
import { compare } from "../compare.mjs";
import { parseDifferences, review } from "../differences.mjs";
import { fixture } from "./helpers.js";

const parse = (text: string) => parseDifferences(text, "list.yaml");
const found = (name: string) => compare(fixture(name).ours, fixture(name).theirs).differences;

describe("parseDifferences", () => {
  it("reads the repo's list next to the spec: every entry well-formed, with a one-line reason", () => {
    const file = join(specPath, "..", "upstream-differences.yaml");
    const entries = parseDifferences(readFileSync(file, "utf8"), file);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.reason.length, `entry ${entry.number}`).toBeGreaterThan(20);
  });

  it("takes strings or lists, and values to pin", () => {
    const [entry] = parse(`differences:
  - operation: "*"
    where: [response 401, response 404]
    kind: response
    theirs: absent
    reason: Error responses are ours.
`);
    expect(entry).toEqual({ number: 1, operation: ["*"], where: ["response 401", "response 404"], kind: ["response"], theirs: "absent", reason: "Error responses are ours." });
  });

  it("treats an empty file as an empty list", () => {
    expect(parse("")).toEqual([]);
    expect(parse("differences: []\n")).toEqual([]);
  });

  it.each([
    ["a missing reason", "differences:\n  - { operation: x, where: y, kind: type }\n", /entry 1: `reason` must be one non-empty line/],
    ["a reason over two lines", 'differences:\n  - { operation: x, where: y, kind: type, reason: "one\\ntwo" }\n', /entry 1: `reason` must be one non-empty line/],
    ["an unknown kind", "differences:\n  - { operation: x, where: y, kind: colour, reason: r }\n", /entry 1: unknown kind "colour"/],
    ["an unknown key", "differences:\n  - { operation: x, where: y, kind: type, reason: r, note: n }\n", /entry 1: unknown key `note`/],
    ["a missing where", "differences:\n  - { operation: x, kind: type, reason: r }\n", /entry 1: `where` must be a non-empty string or list of strings/],
    ["an entry that is not a mapping", "differences:\n  - just text\n", /entry 1: must be a mapping/],
    ["another top-level key", "differences: []\nextra: 1\n", /one key, `differences`/],
    ["a list that is not a list", "differences: 3\n", /`differences` must be a list/],
  ])("refuses %s, naming the file", (_, text, message) => {
    expect(() => parse(text)).toThrow(message);
    expect(() => parse(text)).toThrow(/^list\.yaml: /);
  });
});

describe("review", () => {
  it("pairs a difference with the entry that matches its operation, where and kind", () => {
    const entries = parse(`differences:
  - { operation: GET /v1/Widgets, where: response 404, kind: response, reason: r1 }
  - { operation: "*", where: "response *", kind: [response, type], reason: r2 }
`);
    const { reviewed, stale } = review(found("response"), entries);
    expect(reviewed.map((d: any) => [d.where, d.entry?.number])).toEqual([["response 404", 1], ["response default", 2], ["response 202", 2]]);
    expect(stale).toEqual([]);
  });

  it("leaves a difference no entry matches unlisted", () => {
    const entries = parse("differences:\n  - { operation: GET /v1/Widgets, where: response 404, kind: response, reason: r }\n");
    const { reviewed } = review(found("response"), entries);
    expect(reviewed.filter((d: any) => !d.entry).map((d: any) => d.where)).toEqual(["response default", "response 202"]);
  });

  it("matches `*` against any text, and everything else literally", () => {
    const entries = parse(`differences:
  - { operation: "GET /v1/Widgets", where: "query parameter Page.*", kind: "minimum", reason: r1 }
  - { operation: "GET /v1/*", where: "query parameter P*", kind: [minimum, maximum], reason: r2 }
`);
    const { reviewed, stale } = review(found("bounds"), entries);
    expect(reviewed.filter((d: any) => d.entry).map((d: any) => `${d.where} ${d.kind} #${d.entry.number}`)).toEqual([
      "query parameter PageSize minimum #2",
      "query parameter PageSize maximum #2",
    ]);
    expect(stale.map((e: any) => e.number)).toEqual([1]); // "Page.*" has a literal dot
  });

  it("holds a pinned entry to its values: a changed value is unlisted, and the entry stale", () => {
    const pinned = (theirs: string) => parse(`differences:\n  - { operation: "*", where: "*", kind: maximum, theirs: "${theirs}", reason: r }\n`);
    expect(review(found("bounds"), pinned("500")).reviewed.find((d: any) => d.kind === "maximum").entry?.number).toBe(1);
    const { reviewed, stale } = review(found("bounds"), pinned("600"));
    expect(reviewed.find((d: any) => d.kind === "maximum").entry).toBeUndefined();
    expect(stale.map((e: any) => e.number)).toEqual([1]);
    const absent = parse('differences:\n  - { operation: "*", where: "*", kind: maxItems, theirs: absent, reason: r }\n');
    expect(review(found("bounds"), absent).stale).toEqual([]);
  });

  it("reports as stale an entry that matches nothing, or only what an earlier entry already matches", () => {
    const entries = parse(`differences:
  - { operation: "*", where: "*", kind: body-required, reason: r1 }
  - { operation: "POST /v1/Widgets", where: request body, kind: body-required, reason: r2 }
  - { operation: "*", where: "*", kind: enum, reason: r3 }
`);
    const { reviewed, stale } = review(found("body-required"), entries);
    expect(reviewed.map((d: any) => d.entry.number)).toEqual([1]);
    expect(stale.map((e: any) => e.number)).toEqual([2, 3]);
  });
});
