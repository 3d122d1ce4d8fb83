// Writes dist/openapi.yaml: the TrustHub spec as one self-contained file (every external $ref inlined),
// for Prism here and for teams that run their own tools against it; then dist/openapi.resolved.json, what
// the mock's spec loader makes of it (dist/spec.js, built from src/spec.ts), for the mock to start from.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, createConfig } from "@redocly/openapi-core";
import { specPath } from "@trusthub/spec";
import { stringify } from "yaml";

const { bundle: result, problems } = await bundle({ ref: specPath, config: await createConfig({}), dereference: false });
const errors = problems.filter((p) => p.severity === "error");
if (errors.length) {
  console.error(errors.map((p) => p.message).join("\n"));
  process.exit(1);
}
const header = "# Bundled from specs/trusthub/v1/openapi.yaml by @trusthub/mock's build. Do not edit.\n";
writeFileSync(new URL("../dist/openapi.yaml", import.meta.url), header + stringify(result.parsed, { aliasDuplicateObjects: false, lineWidth: 0 }));
console.log("wrote dist/openapi.yaml");

const { resolveSpec, resolvedSpecPath } = await import("../dist/spec.js");
const resolved = await resolveSpec(fileURLToPath(new URL("../dist/openapi.yaml", import.meta.url)), createRequire(import.meta.url)("../dist/prism.cjs"));
writeFileSync(resolvedSpecPath, JSON.stringify(resolved));
console.log(`wrote ${relative(process.cwd(), resolvedSpecPath)}`);
