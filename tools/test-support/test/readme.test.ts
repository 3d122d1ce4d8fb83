import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tsBlocks, typeErrors } from "../readme.mjs";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

const markdown = [
  "# Title", // 1
  "```ts", // 2
  "export const a: number = 1;", // 3
  "```", // 4
  "## Testing", // 5
  "- a step:", // 6
  "  ```ts", // 7
  "  // test/named.test.ts", // 8
  "  export const b: string = 2;", // 9
  "  ```", // 10
  "```sh", // 11
  "echo not ts", // 12
  "```", // 13
].join("\n");

describe("tsBlocks", () => {
  const blocks = tsBlocks(markdown);

  it("finds the ts blocks, indented ones included, with their file, first code line and section", () => {
    expect(blocks.map(({ n, file, line, section }) => ({ n, file, line, section }))).toEqual([
      { n: 1, file: "block-01.ts", line: 3, section: "" },
      { n: 2, file: "test/named.test.ts", line: 8, section: "Testing" },
    ]);
    expect(blocks[0]!.code).toBe("export const a: number = 1;\n");
  });

  it("reports a type error at its README line, and none for code that compiles", () => {
    const errors = typeErrors(packageDir, blocks);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^test\/named\.test\.ts \(README line 9, col \d+\): TS2322: Type 'number' is not assignable to type 'string'/);
    expect(typeErrors(packageDir, blocks.slice(0, 1))).toEqual([]);
  });
});
