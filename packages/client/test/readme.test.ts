// The README's code works when pasted: every ```ts block is written to its own file in a temporary folder
// inside this package and type-checked as a standalone ES module (strict, NodeNext) with the TypeScript
// compiler API. "@trusthub/client" and "@trusthub/mock" are mapped to the packages' sources, so the check
// needs no build and always sees the current API. The blocks are not run: they talk to the real API.
// Also: the README shows a call of each of the spec's operations, and documents every client option.
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

  it("lists each operation (method and path) and shows a call of it in a ts block", () => {
    const code = blocks.map((b) => b.code).join("\n");
    const call = (method: string, path: string) => new RegExp(`\\.${method}\\(\\s*"${path.replace(/[{}]/g, "\\$&")}"`);
    const missing = ops.flatMap(({ method, path, operationId }) => [
      ...(readme.includes(`| \`${method}\` | \`${path}\` |`) ? [] : [`${operationId}: no table row for ${method} ${path}`]),
      ...(call(method, path).test(code) ? [] : [`${operationId}: no ts block calls .${method}("${path}", ...)`]),
    ]);
    expect(missing).toEqual([]);
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
