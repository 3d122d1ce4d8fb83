// The emitted declarations (dist/index.d.ts, as published) carry documentation where an editor shows it:
// - every exported function, class, constant and type of the client has a doc comment;
// - hovering a name in a call shows its doc: every path and query parameter and form field of every
//   operation (the spec's description), every option of createTrustHubClient() and paginate(), the
//   functions themselves. The calls are written from the spec, and hovers are asked of the TypeScript
//   language service, as an editor does.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { deref, listOperations, loadSpec } from "@trusthub/spec";
import { operations as generated } from "../src/generated/spec.js";
import { snippetOptions } from "./helpers/typescript.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const DECLARATIONS = join(packageDir, "dist/index.d.ts");
const FORM = "application/x-www-form-urlencoded";
const spec = loadSpec();

/** A language service over one virtual module that imports "@trusthub/client" from the emitted declarations. */
function languageService(code: string) {
  const file = join(packageDir, "test/__hover__.ts");
  const options = snippetOptions(DECLARATIONS, []);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) =>
      ts.ScriptSnapshot.fromString(name === file ? code : existsSync(name) ? readFileSync(name, "utf8") : ""),
    getCurrentDirectory: () => packageDir,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? code : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    // pnpm links packages: their own dependencies resolve from where they really are.
    realpath: ts.sys.realpath,
  };
  const service = ts.createLanguageService(host);
  /** The documentation (text and tags) an editor shows when hovering the first word of `marker` in the code. */
  const hover = (marker: string): string => {
    const at = code.indexOf(marker);
    if (at < 0) throw new Error(`no ${marker} in the sample`);
    const info = service.getQuickInfoAtPosition(file, at + marker.length - marker.trimStart().length);
    return [...(info?.documentation ?? []), ...(info?.tags ?? []).flatMap((t) => t.text ?? [])].map((p) => p.text).join(" ");
  };
  // The sample's errors, and a check that the declarations' own imports (openapi-fetch, @trusthub/types)
  // resolved: unresolved, they would be `any`, which compiles anything and documents nothing.
  const errors = () => {
    const files = service.getProgram()!.getSourceFiles().map((f) => f.fileName);
    for (const dependency of ["/openapi-fetch/", "/packages/types/"]) expect(files.some((f) => f.includes(dependency)), dependency).toBe(true);
    return service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
  };
  return { hover, errors, program: () => service.getProgram()! };
}

const words = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

beforeAll(() => {
  if (!existsSync(DECLARATIONS)) throw new Error("dist/index.d.ts is missing: build the package first (pnpm build)");
});

describe("the emitted declarations", () => {
  it("document every export of the client (not the re-exported spec types)", () => {
    const { program } = languageService(`export * from "@trusthub/client";\n`);
    const checker = program().getTypeChecker();
    const source = program().getSourceFile(DECLARATIONS)!;
    const moduleSymbol = checker.getSymbolAtLocation(source)!;
    const exports = checker.getExportsOfModule(moduleSymbol).filter((symbol) => {
      const declaration = (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol).declarations?.[0];
      return declaration?.getSourceFile().fileName === DECLARATIONS;
    });
    expect(exports.length).toBeGreaterThan(15);
    const undocumented = exports
      .map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol))
      .filter((symbol) => words(ts.displayPartsToString(symbol.getDocumentationComment(checker))) === "")
      .map((symbol) => symbol.name);
    expect(undocumented).toEqual([]);
  });
});

describe("hover documentation in calls", () => {
  const operations = listOperations(spec).map(({ method, path, operation, pathItem }) => {
    const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: object) => deref(spec, p));
    const form = deref(spec, operation.requestBody)?.content?.[FORM];
    const fields = Object.entries<any>(deref(spec, form?.schema)?.properties ?? {});
    return {
      method: method.toUpperCase(),
      path,
      // What the spec says of each name: its own description, or that of the schema it refers to.
      path_: parameters.filter((p: any) => p.in === "path").map((p: any) => [p.name, p.description ?? deref(spec, p.schema)?.description]),
      query: parameters.filter((p: any) => p.in === "query").map((p: any) => [p.name, p.description ?? deref(spec, p.schema)?.description]),
      body: fields.map(([name, schema]) => [name, schema.description ?? deref(spec, schema)?.description]),
    };
  });
  const object = (entries: string[][], n: number) => `{ ${entries.map(([name]) => `${name}§${n}: x`).join(", ")} }`;
  const code = [
    `import { createTrustHubClient, paginate, paginatePages, unwrap } from "@trusthub/client";`,
    `declare const x: never;`,
    `const client = createTrustHubClient();`,
    ...operations.map(({ method, path, path_, query, body }, n) => {
      const params = [path_.length && `path: ${object(path_, n)}`, query.length && `query: ${object(query, n)}`].filter(Boolean);
      const init = [params.length && `params: { ${params.join(", ")} }`, body.length && `body: ${object(body, n)}`].filter(Boolean);
      return `void client.${method}("${path}", { ${init.join(", ")} });`;
    }),
  ]
    .join("\n")
    .replace(/§(\d+)/g, "/*§$1*/");
  const { hover, errors } = languageService(code);
  const marker = (name: string, n: number) => ` ${name}/*§${n}*/`;

  it("the sample calls compile", () => {
    expect(errors()).toEqual([]);
  });

  it("shows the spec's description of every path and query parameter and form field", () => {
    const named = operations.flatMap(({ method, path, path_, query, body }, n) =>
      [...path_, ...query, ...body].filter(([, description]) => description).map(([name, description]) => ({ where: `${method} ${path} ${name}`, name, n, description })),
    );
    expect(named.length).toBeGreaterThan(10);
    const missing = named
      .filter(({ name, n, description }) => !words(hover(marker(name!, n))).includes(words(description)))
      .map(({ where }) => where);
    expect(missing).toEqual([]);
  });
});

describe("hover documentation of the functions and their options", () => {
  // A list operation without path parameters, from the client's generated metadata.
  const listPath = Object.entries(generated).find(([path, methods]) => "list" in (methods.GET ?? {}) && !path.includes("{"))![0];

  it("shows the docs of createTrustHubClient and each of its options, of paginate and its init, and of unwrap", () => {
    const { program } = languageService(`export * from "@trusthub/client";\n`);
    const checker = program().getTypeChecker();
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program().getSourceFile(DECLARATIONS)!)!);
    const symbol = exported.find((s) => s.name === "TrustHubClientOptions")!;
    const options = checker
      .getDeclaredTypeOfSymbol(symbol)
      .getProperties()
      .map((p) => [p.name, words(ts.displayPartsToString(p.getDocumentationComment(checker)))] as const);
    expect(options.length).toBeGreaterThan(10);
    const code = [
      `import { createTrustHubClient, paginate, unwrap } from "@trusthub/client";`,
      `declare const x: never;`,
      `const client = createTrustHubClient({ ${options.map(([name]) => `${name}: x`).join(", ")} });`,
      `void paginate(client, "${listPath}", { limit: 1, pageSize: 1, signal: x });`,
      `void unwrap(client.GET("${listPath}"));`,
    ].join("\n");
    const { hover, errors } = languageService(code);
    expect(errors()).toEqual([]);
    for (const [name, doc] of options) {
      expect(doc, `TrustHubClientOptions.${name} has a doc comment`).not.toBe("");
      expect(hover(` ${name}: x`)).toContain(doc);
    }
    for (const name of ["limit", "pageSize", "signal"]) expect(hover(`${name}: `), name).not.toBe("");
    expect(hover("createTrustHubClient({")).toMatch(/TrustHubValidationError/);
    expect(hover("paginate(client")).toMatch(/for await/);
    expect(hover("unwrap(client")).toMatch(/TrustHubApiError/);
  });
});
