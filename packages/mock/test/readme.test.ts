// The README's code works when pasted. Every ```ts block is written to a scratch folder inside this package
// (to the file its first-line comment names, `// test/trusthub.ts`, or block-NN.ts) and all are type-checked
// together as ES modules (strict, NodeNext) with the TypeScript compiler API, the @trusthub packages mapped
// to their sources. The blocks of "Testing your service" are then run as the Vitest suite they form, with
// @trusthub/mock's entry points mapped to the built package: every recipe must pass.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { assertBuilt } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(join(packageDir, "README.md"), "utf8");
const TESTING = "## Testing your service";

interface Block {
  /** 1-based README line of the block's first code line. */
  line: number;
  /** Where it goes: the path its first line names, or block-NN.ts. */
  file: string;
  code: string;
  /** Whether it belongs to "Testing your service". */
  recipe: boolean;
}

function tsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    if (/^## /.test(lines[i]!)) section = lines[i]!;
    const fence = /^(`{3,})ts\s*$/.exec(lines[i]!);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith(fence[1]!)) end++;
    const code = lines.slice(i + 1, end).join("\n") + "\n";
    const named = /^\/\/ ((?:[\w.-]+\/)*[\w.-]+\.ts)\s*$/.exec(code.split("\n")[0]!)?.[1];
    blocks.push({ line: i + 2, file: named ?? `block-${String(blocks.length + 1).padStart(2, "0")}.ts`, code, recipe: section === TESTING });
    i = end;
  }
  return blocks;
}

const blocks = tsBlocks(readme);
const recipes = blocks.filter((b) => b.recipe);

/** Writes the blocks into a scratch folder of this package (so that its node_modules resolve); returns it. */
function scratch(prefix: string, selected: Block[]): string {
  const dir = mkdtempSync(join(packageDir, prefix));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  for (const block of selected) {
    mkdirSync(dirname(join(dir, block.file)), { recursive: true });
    writeFileSync(join(dir, block.file), block.code);
  }
  return dir;
}

describe("README", () => {
  it("has the testing recipes: set-up, happy path, 429 then success, 404, 401, 400, network faults, reset, mock.requests, MSW", () => {
    const section = readme.slice(readme.indexOf(TESTING), readme.indexOf("\n## ", readme.indexOf(TESTING) + 1));
    const headings = [...section.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      "Set-up: one mock per test file",
      "Happy path",
      "A forced 429, then success",
      "Not found (404)",
      "Wrong credentials (401)",
      "Validation error (400)",
      "A network failure",
      "Reset between tests",
      "Asserting on `mock.requests`",
      "Any HTTP client, through MSW",
    ]);
    expect(recipes.filter((b) => b.file.endsWith(".test.ts")).length).toBe(headings.length - 1);
    expect(new Set(blocks.map((b) => b.file)).size, "two blocks name the same file").toBe(blocks.length);
  });

  it("every ts block type-checks (strict, NodeNext, ES2022)", () => {
    const dir = scratch(".readme-check-", blocks);
    try {
      const files = new Map(blocks.map((b) => [join(dir, b.file), b]));
      const options: ts.CompilerOptions = {
        strict: true,
        noUncheckedIndexedAccess: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
        types: ["node"],
        noEmit: true,
        skipLibCheck: true,
        paths: {
          "@trusthub/client": [join(packageDir, "../client/src/index.ts")],
          "@trusthub/mock": [join(packageDir, "src/index.ts")],
          "@trusthub/mock/in-process": [join(packageDir, "src/in-process.ts")],
          "@trusthub/mock/msw": [join(packageDir, "src/msw.ts")],
        },
      };
      const program = ts.createProgram([...files.keys()], options);
      const problems = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file === undefined || files.has(d.file.fileName))
        .map((d) => {
          const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
          if (!d.file || d.start === undefined) return `TS${d.code}: ${text}`;
          const block = files.get(d.file.fileName)!;
          const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
          return `${block.file} (README line ${block.line + line}, col ${character + 1}): TS${d.code}: ${text}`;
        });
      expect(problems, problems.join("\n\n")).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Nine test files, each making its mock: up to a minute or two on a busy machine.
  it("the recipes of \"Testing your service\" pass as a Vitest suite, against the built package", { timeout: 300_000 }, async () => {
    assertBuilt();
    const dir = scratch(".readme-run-", recipes);
    try {
      const dist = (entry: string) => join(packageDir, "dist", entry);
      writeFileSync(
        join(dir, "vitest.config.mjs"),
        `export default { resolve: { alias: ${JSON.stringify({ "@trusthub/mock/in-process": dist("in-process.js"), "@trusthub/mock/msw": dist("msw.js") })} }, ` +
          `test: { include: ["test/**/*.test.ts"], testTimeout: 60000, hookTimeout: 120000, reporters: [["json", { outputFile: "results.json" }]] } };\n`,
      );
      const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
      const run = await promisify(execFile)(process.execPath, [vitest, "run", "--root", dir], { cwd: dir, encoding: "utf8", timeout: 280_000 }).then(
        (out) => ({ ...out, status: 0 }),
        (error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: error.stdout ?? "", stderr: error.stderr ?? "", status: error.code ?? 1 }),
      );
      const results = JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as {
        numTotalTests: number;
        numPassedTests: number;
        testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }>;
      };
      const failed = results.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status !== "passed").map((a) => `${f.name}: ${a.fullName}: ${a.failureMessages.join("\n")}`));
      expect(failed, `${run.stdout}\n${run.stderr}`).toEqual([]);
      const declared = recipes.reduce((n, b) => n + [...b.code.matchAll(/^it\(/gm)].length, 0);
      expect(results.numPassedTests).toBe(declared);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
