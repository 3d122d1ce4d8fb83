// The README's code works when pasted. Every ```ts block is written to a scratch folder inside this package
// (to the file its first-line comment names, `// test/trusthub.ts`, or block-NN.ts) and all are type-checked
// together as ES modules (strict, NodeNext) with the TypeScript compiler API, the @trusthub/* packages mapped
// to their sources. "Testing your service" gives `test/trusthub.ts` once per door (createMock(), then
// startMock()): the recipes are type-checked with each, and run as the Vitest suite they form with each,
// @trusthub/mock's entry points mapped to the built package. Every recipe must pass against both doors; on
// the server, those that import ./trusthub.js (the MSW recipe makes its own in-process mock).
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

const SETUP = "test/trusthub.ts";

const blocks = tsBlocks(readme);
const recipes = blocks.filter((b) => `## ${b.section}` === TESTING);
const setups = recipes.filter((b) => b.file === SETUP);
/** The set-up of each door, by the entry point it imports; the in-process one comes first in the README. */
const DOORS = { "createMock()": setups.find((b) => b.code.includes('"@trusthub/mock/in-process"')), "startMock()": setups.find((b) => b.code.includes('"@trusthub/mock"')) };
/** The blocks that run with the set-up of `door`: every recipe with the in-process mock; on the server, those that use the set-up. */
const suiteOf = (door: keyof typeof DOORS) =>
  [DOORS[door]!, ...recipes.filter((b) => b.file !== SETUP)].filter((b) => door === "createMock()" || !b.file.endsWith(".test.ts") || b.code.includes('"./trusthub.js"'));

describe("README", () => {
  it("names each block's file once (but the set-up, once per door), and has recipes to run", () => {
    const others = blocks.filter((b) => b.file !== SETUP);
    expect(new Set(others.map((b) => b.file)).size, "two blocks name the same file").toBe(others.length);
    expect(setups).toEqual([DOORS["createMock()"], DOORS["startMock()"]]);
    expect(suiteOf("startMock()").some((b) => b.file.endsWith(".test.ts"))).toBe(true);
  });

  it.each(Object.keys(DOORS) as Array<keyof typeof DOORS>)("every ts block type-checks (strict, NodeNext, ES2022), with the set-up of %s", (door) => {
    const problems = typeErrors(packageDir, [...blocks.filter((b) => b.file !== SETUP), DOORS[door]!], {
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

  // A test file per recipe, each making its mock: up to a minute or two on a busy machine.
  it.each(Object.keys(DOORS) as Array<keyof typeof DOORS>)("the recipes of \"Testing your service\" pass as a Vitest suite, against %s of the built package", { timeout: 300_000 }, async (door) => {
    assertBuilt();
    const suite = suiteOf(door);
    const dir = writeBlocks(packageDir, suite, ".readme-run-");
    try {
      const dist = (entry: string) => join(packageDir, "dist", entry);
      writeFileSync(
        join(dir, "vitest.config.mjs"),
        `export default { resolve: { alias: ${JSON.stringify({ "@trusthub/mock/in-process": dist("in-process.js"), "@trusthub/mock/msw": dist("msw.js"), "@trusthub/mock/undici": dist("undici.js"), "@trusthub/mock": dist("index.js") })} }, ` +
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
      const declared = suite.reduce((n, b) => n + [...b.code.matchAll(/^it\(/gm)].length, 0);
      expect(results.numPassedTests, `${run.stdout}\n${run.stderr}`.slice(-4000)).toBe(declared);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
