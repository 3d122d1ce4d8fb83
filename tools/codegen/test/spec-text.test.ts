// Spec text stays data in the generated files: `pnpm generate` on a spec whose every text codegen copies is
// hostile (comment ends, line breaks, quotes, code) declares nothing the spec did not define, and the
// generated packages still compile; what cannot be made safe (a line break in info.version, a type name
// that is not an identifier) is refused, naming where it is in the spec.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { loadSpec, type OpenApiDocument } from "@trusthub/spec";
import { repoRoot, scratchRepo } from "@trusthub/test-support";
import { afterEach, describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../generate.mjs", import.meta.url));
const SPEC = "specs/trusthub/v1/openapi.yaml";
const GENERATED = [
  "packages/types/src/generated/openapi.d.ts",
  "packages/client/src/generated/spec.ts",
  "packages/client/src/generated/guards.ts",
  "packages/mock/src/generated/seed-data.ts",
];
const MARKER = "INJECTED";

/** Text that ends a block comment, a line comment, a string and a type, then declares `INJECTED_<tag>`. */
const hostile = (tag: string) => `x */ export const ${MARKER}_${tag} = 1; /*\n export const ${MARKER}_${tag}_line = 2; // "\u2028export type ${MARKER}_${tag}_ls = 3;`;

/**
 * The spec with hostile text in every field codegen copies: info, summaries, descriptions, schema titles and
 * string examples, operationIds, enum values, property names, query parameter names and patterns (a pattern still
 * matches what it matched, so the SIDs keep their types).
 */
function hostileSpec(): OpenApiDocument {
  const spec = loadSpec();
  spec.info.title = hostile("title");
  spec.info.version = `1.0.0 */ "\\' ${MARKER}_version`;
  let operations = 0;
  const visit = (node: any) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    Object.values(node).forEach(visit); // first, so the added parts are not visited again
    for (const key of ["description", "summary", "title"]) if (typeof node[key] === "string") node[key] = hostile(key);
    if (typeof node.operationId === "string") node.operationId = `${hostile("operationId")} ${operations++}`; // each unique
    if (node.type !== undefined) node.title = hostile("title");
    if (node.type === "string") node.example = hostile("example");
    if (Array.isArray(node.enum) && node.enum.every((v: unknown) => typeof v === "string")) node.enum.push(hostile("enum"));
    if (node.properties && typeof node.properties === "object") node.properties[hostile("property")] = { type: "string" };
    if (typeof node.pattern === "string") node.pattern = node.pattern.replace(/\$?$/, `(?:x*/ export const ${MARKER}_pattern = 1; /*\n)?$`);
    if (Array.isArray(node.parameters) && node.responses) node.parameters.push({ name: hostile("parameter"), in: "query", schema: { type: "string" } });
  };
  visit(spec.paths);
  visit(spec.components);
  return spec;
}

let scratch: ReturnType<typeof scratchRepo> | undefined;
afterEach(() => scratch?.remove());

/** A scratch repo with `spec` as its spec (JSON is YAML), and `pnpm generate` run in it. */
function generate(spec: OpenApiDocument): { code: number; output: string; dir: string } {
  scratch = scratchRepo({ prefix: "codegen-spec-text-" });
  writeFileSync(join(scratch.dir, SPEC), JSON.stringify(spec, null, 2));
  try {
    return { code: 0, output: execFileSync("node", [script, "--root", scratch.dir], { encoding: "utf8", stdio: "pipe" }), dir: scratch.dir };
  } catch (e: any) {
    return { code: e.status as number, output: `${e.stdout}${e.stderr}`, dir: scratch.dir };
  }
}

/** A file's top-level statements as the compiler reads them (kind and declared names), its syntax errors, and the identifiers holding the marker. */
function declarations(text: string) {
  const file = ts.createSourceFile("generated.ts", text, ts.ScriptTarget.Latest, true);
  const statements = file.statements.map((s) => {
    const names = ts.isVariableStatement(s) ? s.declarationList.declarations.map((d) => d.name.getText(file)) : [(s as { name?: ts.Node }).name?.getText(file)];
    return `${ts.SyntaxKind[s.kind]} ${names.join(",")}`;
  });
  const injected: string[] = [];
  const walk = (node: ts.Node) => {
    if (ts.isIdentifier(node) && node.text.includes(MARKER)) injected.push(node.text);
    node.forEachChild(walk);
  };
  walk(file);
  const syntaxErrors = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  return { statements, syntaxErrors, injected };
}

/** tsc's complaints about the sources of the package in `dir` ("" when they compile); its tests name the spec's operations, so are left out. */
function typeErrors(dir: string) {
  writeFileSync(join(dir, "tsconfig.src.json"), JSON.stringify({ extends: "./tsconfig.json", include: ["src"] }));
  try {
    execFileSync("node", [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.src.json"], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (e: any) {
    return `${e.stdout}${e.stderr}`;
  }
}

describe("hostile spec text", () => {
  it("is copied as data: the generated files declare what the committed ones do, nothing from the text, and compile", () => {
    const { code, output, dir } = generate(hostileSpec());
    expect(output).toContain("generated packages/client/src/generated/guards.ts");
    expect(code).toBe(0);
    const copied = new Set<string>();
    for (const path of GENERATED) {
      const text = readFileSync(join(dir, path), "utf8");
      for (const match of text.matchAll(new RegExp(`${MARKER}_([a-zA-Z]+)`, "g"))) copied.add(match[1]!);
      const committed = declarations(readFileSync(join(repoRoot, path), "utf8"));
      expect({ path, ...declarations(text) }).toEqual({ path, statements: committed.statements, syntaxErrors: [], injected: [] });
    }
    // Every kind of text reached a generated file, so each was tried.
    expect([...copied].sort()).toEqual(["description", "enum", "example", "operationId", "parameter", "pattern", "property", "summary", "title", "version"]);
    expect(typeErrors(join(dir, "packages/types"))).toBe("");
    expect(typeErrors(join(dir, "packages/client"))).toBe("");
  });

  it.each([
    ["a line feed", "1.0.0\nexport const INJECTED = 1;"],
    ["a carriage return", "1.0.0\rexport const INJECTED = 1;"],
    ["a line separator", "1.0.0\u2028export const INJECTED = 1;"],
    ["a NUL", "1.0.0\u0000"],
    ["a number, not a string", 1],
  ])("refuses an info.version with %s: exit 1, the place named, nothing written", (_, version) => {
    const spec = loadSpec();
    (spec.info as { version: unknown }).version = version;
    const { code, output, dir } = generate(spec);
    expect(code).toBe(1);
    expect(output).toMatch(new RegExp(`^codegen: ${SPEC}: info\\.version: `, "m"));
    expect(output).not.toMatch(/^\s+at /m);
    for (const path of GENERATED) expect(readFileSync(join(dir, path), "utf8")).toBe(readFileSync(join(repoRoot, path), "utf8"));
  });

  it.each(["schemas", "parameters", "responses", "requestBodies"])("refuses a components.%s name that is not an identifier (it names a type)", (kind) => {
    const spec = loadSpec();
    const name = `Evil = 1; export const ${MARKER} = 2; type Z`;
    spec.components[kind][name] = Object.values(spec.components[kind])[0];
    const { code, output } = generate(spec);
    expect(code).toBe(1);
    expect(output).toContain(`codegen: ${SPEC}: components.${kind}[${JSON.stringify(name)}]: `);
  });
});
