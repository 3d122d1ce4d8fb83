// The README's code works when pasted: every ```ts block is written to its own file in a temporary folder
// inside this package and type-checked as a standalone ES module (strict, NodeNext) with the TypeScript
// compiler API. "@trusthub/client" and "@trusthub/mock" are mapped to the packages' sources, so the check
// needs no build and always sees the current API. The blocks are not run: they talk to the real API.
// Also: each operation the README's table shows is the spec's and called in a block; every client option is documented.
// The README of @trusthub/types (whose blocks import only from @trusthub/types) is checked the same way.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { tsBlocks, typeErrors, type ReadmeBlock } from "@trusthub/test-support/readme";
import { describe, expect, it } from "vitest";
import { listOperations, loadSpec } from "@trusthub/spec";
import { operations } from "../src/generated/spec.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(join(packageDir, "README.md"), "utf8");

const blocks = tsBlocks(readme);
const typesReadme = readFileSync(join(packageDir, "../types/README.md"), "utf8");

/** The compiler's errors in the blocks, each a module of its own; the published entry points are built from these sources. */
const typeErrorsOf = (selected: ReadmeBlock[]) =>
  typeErrors(packageDir, selected, {
    lib: ["lib.dom.d.ts"],
    paths: {
      "@trusthub/client": [join(packageDir, "src/index.ts")],
      "@trusthub/mock": [join(packageDir, "../mock/src/index.ts")],
      "@trusthub/types": [join(packageDir, "../types/src/index.d.ts")],
    },
  });

describe("README code blocks", () => {
  it("has ts blocks, each a module importing only from @trusthub/client (and @trusthub/mock)", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9);
    for (const block of blocks) {
      const specifiers = [...block.code.matchAll(/\bfrom\s+"([^"]+)"/g)].map((m) => m[1]);
      expect(specifiers, `block ${block.n} (README line ${block.line})`).toContain("@trusthub/client");
      for (const s of specifiers) expect(["@trusthub/client", "@trusthub/mock"], `block ${block.n} imports ${s}`).toContain(s);
    }
  });

  it("every ts block type-checks as a standalone ES module (strict, NodeNext, ES2022)", () => {
    const problems = typeErrorsOf(blocks);
    expect(problems, problems.join("\n\n")).toEqual([]);
  });
});

describe("@trusthub/types README code blocks", () => {
  const typesBlocks = tsBlocks(typesReadme);

  it("has ts blocks importing @trusthub/types and no client", () => {
    expect(typesBlocks.length).toBeGreaterThanOrEqual(3);
    for (const block of typesBlocks) {
      const specifiers = [...block.code.matchAll(/\bfrom\s+"([^"]+)"/g)].map((m) => m[1]);
      expect(specifiers, `block ${block.n}`).toContain("@trusthub/types");
      expect(specifiers, `block ${block.n}`).not.toContain("@trusthub/client");
    }
  });

  it("every ts block type-checks as a standalone ES module", () => {
    const problems = typeErrorsOf(typesBlocks);
    expect(problems, problems.join("\n\n")).toEqual([]);
  });
});

describe("README coverage", () => {
  const ops = listOperations(loadSpec()).map(({ method, path, operation }) => ({
    method: method.toUpperCase(),
    path,
    operationId: operation.operationId as string,
  }));

  it("reads every operation of the spec, as many as the client's generated metadata has", () => {
    const generated = Object.entries(operations).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(generated.sort());
    for (const { operationId } of ops) expect(operationId).toMatch(/^\w+$/);
  });

  it("each operation its table shows is one of the spec's, and a ts block calls it", () => {
    // The README shows the operations it chooses; the docs site's reference has every one.
    const shown = [...readme.matchAll(/^\| `([A-Z]+)` \| `(\/[^`]+)` \|/gm)].map(([, method, path]) => `${method} ${path}`);
    expect(shown.length).toBeGreaterThan(0);
    const code = blocks.map((b) => b.code).join("\n");
    const called = new Set([...code.matchAll(/\.([A-Z]+)\(\s*"(\/[^"]+)"/g)].map(([, method, path]) => `${method} ${path}`));
    const known = new Set(ops.map(({ method, path }) => `${method} ${path}`));
    expect(shown.filter((op) => !known.has(op)), "rows naming no operation of the spec").toEqual([]);
    expect(shown.filter((op) => !called.has(op)), "rows no ts block calls").toEqual([]);
  });

  it("documents every option of TrustHubClientOptions", () => {
    const source = ts.createSourceFile("client.ts", readFileSync(join(packageDir, "src/client.ts"), "utf8"), ts.ScriptTarget.ES2022);
    const iface = source.statements.find(
      (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "TrustHubClientOptions",
    );
    const names = iface?.members.map((m) => (m.name && ts.isIdentifier(m.name) ? m.name.text : "")).filter(Boolean) ?? [];
    expect(names.length).toBeGreaterThan(10);
    // `retry` is documented by its fields, one row each.
    const rows = names.flatMap((name) => (name === "retry" ? ["retry.baseDelayMs", "retry.maxDelayMs", "retry.maxRetryAfterMs"] : [name]));
    expect(rows.filter((row) => !readme.includes(`| \`${row}\` |`))).toEqual([]);
  });
});
