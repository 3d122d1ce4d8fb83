// The README's code works when pasted. Every ```ts block is written to a scratch folder inside this package
// (to the file its first-line comment names, `// test/trusthub.ts`, or block-NN.ts) and all are type-checked
// together as ES modules (strict, NodeNext) with the TypeScript compiler API, the @trusthub packages mapped
// to their sources. The blocks of "Testing your service" are then run as the Vitest suite they form, with
// @trusthub/mock's entry points mapped to the built package: every recipe must pass.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tsBlocks, typeErrors, writeBlocks } from "@trusthub/test-support/readme";
import { describe, expect, it } from "vitest";
import { assertBuilt } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(join(packageDir, "README.md"), "utf8");
const TESTING = "## Testing your service";

const blocks = tsBlocks(readme);
const recipes = blocks.filter((b) => `## ${b.section}` === TESTING);

describe("README", () => {
  it("names each block's file once, and has recipes to run", () => {
    expect(new Set(blocks.map((b) => b.file)).size, "two blocks name the same file").toBe(blocks.length);
    expect(recipes.some((b) => b.file.endsWith(".test.ts"))).toBe(true);
  });

  it("every ts block type-checks (strict, NodeNext, ES2022)", () => {
    const problems = typeErrors(packageDir, blocks, {
      lib: ["lib.dom.d.ts"],
      paths: {
        "@trusthub/client": [join(packageDir, "../client/src/index.ts")],
        "@trusthub/mock": [join(packageDir, "src/index.ts")],
        "@trusthub/mock/in-process": [join(packageDir, "src/in-process.ts")],
        "@trusthub/mock/msw": [join(packageDir, "src/msw.ts")],
        "@trusthub/mock/undici": [join(packageDir, "src/undici.ts")],
      },
    });
    expect(problems, problems.join("\n\n")).toEqual([]);
  });

  // Ten test files, each making its mock: up to a minute or two on a busy machine.
  it("the recipes of \"Testing your service\" pass as a Vitest suite, against the built package", { timeout: 300_000 }, async () => {
    assertBuilt();
    const dir = writeBlocks(packageDir, recipes, ".readme-run-");
    try {
      const dist = (entry: string) => join(packageDir, "dist", entry);
      writeFileSync(
        join(dir, "vitest.config.mjs"),
        `export default { resolve: { alias: ${JSON.stringify({ "@trusthub/mock/in-process": dist("in-process.js"), "@trusthub/mock/msw": dist("msw.js"), "@trusthub/mock/undici": dist("undici.js") })} }, ` +
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
        testResults: Array<{ name: string; message?: string; assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }>;
      };
      const failed = results.testResults.flatMap((f) => [
        ...(f.message ? [`${f.name}: ${f.message}`] : []),
        ...f.assertionResults.filter((a) => a.status !== "passed").map((a) => `${f.name}: ${a.fullName}: ${a.failureMessages.join("\n")}`),
      ]);
      expect(failed, `${run.stdout}\n${run.stderr}`).toEqual([]);
      const declared = recipes.reduce((n, b) => n + [...b.code.matchAll(/^it\(/gm)].length, 0);
      expect(results.numPassedTests, `${run.stdout}\n${run.stderr}`.slice(-4000)).toBe(declared);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
