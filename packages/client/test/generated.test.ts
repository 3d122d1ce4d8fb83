// The generated metadata (src/generated/spec.ts) is checked against the runtime's types with `satisfies`:
// the client's sources compile as generated, and stop compiling when the table drifts from what the runtime
// reads. Each case changes the generated text in memory only and runs the TypeScript compiler over src/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const GENERATED = join(packageDir, "src/generated/spec.ts");
const generated = readFileSync(GENERATED, "utf8");

const config = ts.getParsedCommandLineOfConfigFile(join(packageDir, "tsconfig.json"), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  },
})!;
const sources = config.fileNames.filter((file) => file.startsWith(join(packageDir, "src")));
// One host for every compile: the files other than the generated one are parsed once.
const host = ts.createCompilerHost(config.options);
const parsed = new Map<string, ts.SourceFile | undefined>();
const getSourceFile = host.getSourceFile;
let current = generated;
host.getSourceFile = (file, language, ...rest) => {
  if (file === GENERATED) return ts.createSourceFile(file, current, language);
  if (!parsed.has(file)) parsed.set(file, getSourceFile(file, language, ...rest));
  return parsed.get(file);
};

/** The compiler's errors in src/ when the generated module reads `text`, each as "file: message". */
function errorsWith(text: string): string[] {
  current = text;
  return ts
    .getPreEmitDiagnostics(ts.createProgram(sources, config.options, host))
    .map((d) => `${d.file ? d.file.fileName.slice(packageDir.length) : "?"}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

/** `generated` with `from` replaced by `to`; `from` must occur. */
function edited(from: string | RegExp, to: string): string {
  expect(generated).toMatch(from);
  return generated.replace(from, to);
}

describe("the generated table satisfies the runtime's types", () => {
  it("compiles as generated", () => {
    expect(errorsWith(generated)).toEqual([]);
  });

  it.each([
    { name: "a list's items key renamed", text: () => edited(/"itemsKey":/g, '"itemKey":') },
    { name: "the page-size maximum as a string", text: () => edited(/"maxPageSize": ?(\d+)/, '"maxPageSize": "$1"') },
    { name: "the next-page link as one string", text: () => edited(/"nextPageUrl": ?\[[^\]]*\]/, '"nextPageUrl": "meta.next_page_url"') },
    { name: "an operation without its success statuses", text: () => edited(/"success": \{[^}]*\},?/, "") },
    { name: "a method the runtime does not have", text: () => edited('"DELETE": {', '"PUT": {') },
    { name: "a constraint keyword the validator does not read", text: () => edited(/^const c0 = \{/m, 'const c0 = {"multipleOf":2,') },
    { name: "a body without its properties", text: () => edited('"properties": {', '"fields": {') },
  ])("does not compile with $name", ({ text }) => {
    const errors = errorsWith(text());
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => e.startsWith("src/generated/spec.ts:"))).toBe(true);
  });
});
