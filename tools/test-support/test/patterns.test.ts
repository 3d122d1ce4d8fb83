import { describe, expect, it } from "vitest";
import { narrowPattern, patternEdges } from "../patterns.mjs";

describe("patternEdges", () => {
  it("gives both ends of every range of a SID's hex class, each filling the repetition", () => {
    const edges = patternEdges("^BU[0-9a-fA-F]{32}$");
    expect(edges).toEqual(["0", "9", "a", "f", "A", "F"].map((c) => `BU${c.repeat(32)}`));
  });

  it("reaches a class inside a non-default branch, and varies repetition counts", () => {
    expect(patternEdges("^(foo|ba[rz])-\\d{1,3}$")).toEqual(["foo-0", "bar-0", "baz-0", "foo-000", "foo-9"]);
  });

  it("returns only strings that match, the default match first", () => {
    for (const pattern of ["^[a-z]+(\\.[a-z]+)*$", "^a$|^b[cd]$", "^[^/]+$", "^x(y)?$", "^(?=a)[a-c]$"]) {
      const edges = patternEdges(pattern);
      expect(edges.length, pattern).toBeGreaterThan(0);
      for (const s of edges) expect(s).toMatch(new RegExp(pattern, "u"));
    }
    expect(patternEdges("^x(y)?$")).toEqual(["x", "xy"]);
  });
});

describe("narrowPattern", () => {
  it("drops a class's last member, else lowers a range's or \\d's top", () => {
    expect(narrowPattern("^BU[0-9a-fA-F]{32}$")).toBe("^BU[0-9a-f]{32}$");
    expect(narrowPattern("^[a-zA-Z]{2}$")).toBe("^[a-z]{2}$");
    expect(narrowPattern("^[0-9]{3}$")).toBe("^[0-8]{3}$");
    expect(narrowPattern("^\\d{2}$")).toBe("^[0-8]{2}$");
    expect(narrowPattern("^[!-^]$")).toBe("^[!-\\]]$");
  });

  it("is undefined when nothing can be narrowed", () => {
    expect(narrowPattern("^abc$")).toBeUndefined();
    expect(narrowPattern("^[^/]+$")).toBeUndefined();
  });

  it("rejects an edge value of the original pattern (so probing the edges catches it)", () => {
    for (const pattern of ["^BU[0-9a-fA-F]{32}$", "^[a-zA-Z]{2}[0-9a-fA-F]{32}$", "^\\d{4}$", "^(foo|ba[rz])$"]) {
      const narrow = new RegExp(narrowPattern(pattern)!, "u");
      expect(patternEdges(pattern).some((s) => !narrow.test(s)), pattern).toBe(true);
    }
  });
});
