// Compiler options for the tests that compile a snippet importing "@trusthub/client" with the TypeScript API
// (hover docs from the emitted declarations, error messages from the sources): one place for both.
import ts from "typescript";

/** Strict NodeNext options resolving "@trusthub/client" to `entry`, with the given ambient `types`. */
export function snippetOptions(entry: string, types: string[]): ts.CompilerOptions {
  return {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types,
    paths: { "@trusthub/client": [entry] },
  };
}
