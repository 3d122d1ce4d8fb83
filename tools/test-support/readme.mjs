// A README's code works when pasted: its ```ts blocks, and the TypeScript compiler's verdict on them, for the
// packages' README tests. Each block becomes a module of its own in a scratch folder inside the package (so
// that the package's node_modules resolve), and all are checked in one program: strict, NodeNext, ES2022.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";

/**
 * The ```ts blocks of `markdown`, in order: the file each goes to (the path its first line names, as in
 * `// test/trusthub.ts`, else block-NN.ts), its code, the README line of its first code line and the `## `
 * section it is in. Fences may be indented (blocks inside list items).
 */
export function tsBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split("\n");
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    if (/^## /.test(lines[i])) section = lines[i].slice(3).trim();
    const fence = /^(\s*)(`{3,})(.*)$/.exec(lines[i]);
    if (!fence) continue;
    const [, indent, ticks, info] = fence;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith(`${indent}${ticks}`)) end++;
    if (info.trim().split(/\s+/)[0] === "ts") {
      // An indented block's lines lose the fence's indent, as Markdown renders them.
      const code = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join("\n") + "\n";
      const named = /^\/\/ ((?:[\w.-]+\/)*[\w.-]+\.ts)\s*$/.exec(code.split("\n")[0])?.[1];
      const n = blocks.length + 1;
      blocks.push({ n, file: named ?? `block-${String(n).padStart(2, "0")}.ts`, code, line: i + 2, section });
    }
    i = end;
  }
  return blocks;
}

/** Writes `blocks` to a new scratch folder `<packageDir>/<prefix>XXXXXX` (an ES module package); returns its path. */
export function writeBlocks(packageDir, blocks, prefix = ".readme-check-") {
  const dir = mkdtempSync(join(packageDir, prefix));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  for (const block of blocks) {
    mkdirSync(dirname(join(dir, block.file)), { recursive: true });
    writeFileSync(join(dir, block.file), block.code);
  }
  return dir;
}

/**
 * The compiler's errors in `blocks`, as "<file> (README line L, col C): TSnnnn: message"; none when they all
 * type-check. `paths` maps the packages they import to their sources, `lib` adds to ES2022's.
 */
export function typeErrors(packageDir, blocks, { paths = {}, lib = [] } = {}) {
  const dir = writeBlocks(packageDir, blocks);
  try {
    const files = new Map(blocks.map((block) => [join(dir, block.file), block]));
    const program = ts.createProgram([...files.keys()], {
      strict: true,
      noUncheckedIndexedAccess: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts", ...lib],
      types: ["node"],
      noEmit: true,
      skipLibCheck: true,
      paths,
    });
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || files.has(d.file.fileName))
      .map((d) => {
        const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
        if (!d.file || d.start === undefined) return `TS${d.code}: ${text}`;
        const block = files.get(d.file.fileName);
        const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
        return `${block.file} (README line ${block.line + line}, col ${character + 1}): TS${d.code}: ${text}`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
