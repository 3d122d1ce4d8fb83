#!/usr/bin/env node
// Prints what codegen produced from the spec: its version, its operations and the generated files.
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../", import.meta.url));
const spec = parse(readFileSync(`${root}specs/trusthub/v1/openapi.yaml`, "utf8"), { maxAliasCount: -1 });
const record = JSON.parse(readFileSync(`${root}packages/types/package.json`, "utf8")).trusthub;

console.log(`\n${spec.info.title} ${spec.info.version} (specs/trusthub/v1/openapi.yaml)`);
for (const [path, item] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (op?.operationId) console.log(`  ${method.toUpperCase().padEnd(6)} ${path.padEnd(66)} ${op.operationId}`);
  }
}
console.log(`\nGenerated (types record spec ${record.specVersion}, sha256 ${record.specSha256.slice(0, 16)}):`);
for (const file of ["packages/types/src/generated/openapi.d.ts", "packages/client/src/generated/spec.ts"]) {
  try {
    const { size } = statSync(`${root}${file}`);
    console.log(`  ${file} (${(size / 1024).toFixed(1)} KiB)`);
  } catch {
    // the client package arrives later; list what exists
  }
}
