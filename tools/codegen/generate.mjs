#!/usr/bin/env node
// Generates everything that is derived from specs/trusthub/v1/openapi.yaml:
//   types   packages/types/src/generated/openapi.d.ts   the openapi-typescript output (+ root type aliases)
//           packages/types/package.json                 "trusthub.specVersion" / "specSha256" record
//   client  packages/client/src/generated/spec.ts       runtime metadata: operations, parameter and body
//                                                       constraints, success responses, list paging, and
//                                                       the constraints of the patterned string schemas
//           packages/client/src/generated/guards.ts     a type guard per patterned string schema (SIDs)
//                                                       (both only if packages/client exists)
//   mock    packages/mock/src/generated/seed-data.ts    the type of the stateful mock's seed data (`data`),
//                                                       by collection (only if packages/mock exists)
//
// Usage: generate.mjs [types|client ...] [--check] [--root DIR]
//   no target   every target
//   --check     render in memory and exit 1, naming the stale files, if anything on disk differs
//   --root DIR  the repository root (default: two levels above this file); the tests of --check use it
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import { parseSpec } from "@trusthub/spec";
import { clientGuards, clientMetadata } from "./client-metadata.mjs";
import { seedDataTypes } from "./seed-data.mjs";
import { checkComponentNames, specVersion } from "./spec-text.mjs";
import { nameSchemaTypes, patternTransform, responseExamplesType, withReferencedDescriptions } from "./types.mjs";

const SPEC = "specs/trusthub/v1/openapi.yaml";
const TARGETS = {
  types: renderTypes,
  client: renderClient,
  mock: renderMock,
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    check: { type: "boolean", default: false },
    root: { type: "string", default: resolve(dirname(fileURLToPath(import.meta.url)), "../..") },
  },
});
const root = resolve(values.root);
const unknown = positionals.filter((t) => !(t in TARGETS));
if (unknown.length) fail(`unknown target(s): ${unknown.join(", ")}; expected ${Object.keys(TARGETS).join(", ")}`);
const targets = positionals.length ? positionals : Object.keys(TARGETS);

const specPath = join(root, SPEC);
const specText = readFileSync(specPath, "utf8");
const spec = parseSpec(specText);

/** @type {Array<[path: string, content: string]>} */
const files = [];
let specRecord;
try {
  specRecord = { specVersion: specVersion(spec), specSha256: createHash("sha256").update(specText).digest("hex") };
  for (const target of targets) files.push(...(await TARGETS[target]()));
} catch (error) {
  // A spec the generators cannot render (e.g. a keyword the client cannot validate, a name that is not an
  // identifier): nothing is written.
  fail(`${SPEC}: ${error.message}`);
}

const stale = [];
for (const [file, content] of files) {
  const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (current === content) continue;
  if (values.check) {
    stale.push(relative(root, file));
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    console.log(`generated ${relative(root, file)}`);
  }
}
if (values.check) {
  if (stale.length) {
    fail(
      `generated files are stale (the spec changed without \`pnpm generate\`, or they were edited by hand):\n` +
        stale.map((f) => `  ${f}`).join("\n") +
        `\nRun \`pnpm generate\` and commit the result.`,
    );
  }
  console.log(`generated files are up to date with ${SPEC} (version ${specRecord.specVersion})`);
} else if (files.length) {
  console.log(`${files.length} file(s) checked against ${SPEC} (version ${specRecord.specVersion})`);
}

function header() {
  return [
    "// ------------------------------------------------------------------------------------------------",
    "// GENERATED FILE: DO NOT EDIT. Regenerate with `pnpm generate` after changing the spec.",
    `// Source: ${SPEC} (info.version ${specRecord.specVersion}, sha256 ${specRecord.specSha256.slice(0, 16)})`,
    "// ------------------------------------------------------------------------------------------------",
    "",
  ].join("\n");
}

async function renderTypes() {
  checkComponentNames(spec);
  // The parsed spec (with the descriptions of referenced schemas copied onto the properties that refer to
  // them) rather than the file: openapi-typescript resolves only the document's own $refs either way.
  const ast = await openapiTS(withReferencedDescriptions(spec), {
    // `export type CustomerProfile = components["schemas"]["CustomerProfile"]` for every component,
    // so the friendly names follow the spec instead of a hand-kept list.
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    rootTypesKeepCasing: true,
    // An object schema without `properties` or `additionalProperties` admits any property (an
    // object-valued form field such as an `Attributes` bag): `Record<string, unknown>`, not `Record<string, never>`.
    emptyObjectsUnknown: true,
    // A patterned string with a literal prefix (a SID) is a template literal type: `BU${string}`.
    transform: patternTransform,
    silent: true,
  });
  const typesDir = join(root, "packages/types");
  const pkgFile = join(typesDir, "package.json");
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
  pkg.trusthub = specRecord;
  return [
    [join(typesDir, "src/generated/openapi.d.ts"), header() + astToString(nameSchemaTypes(ast)) + responseExamplesType(spec)],
    [pkgFile, JSON.stringify(pkg, null, 2) + "\n"],
  ];
}

async function renderClient() {
  const clientDir = join(root, "packages/client");
  if (!existsSync(join(clientDir, "package.json"))) return [];
  return [
    [join(clientDir, "src/generated/spec.ts"), header() + clientMetadata(spec, specRecord)],
    [join(clientDir, "src/generated/guards.ts"), header() + clientGuards(spec)],
  ];
}

async function renderMock() {
  const mockDir = join(root, "packages/mock");
  if (!existsSync(join(mockDir, "package.json"))) return [];
  return [[join(mockDir, "src/generated/seed-data.ts"), header() + (await seedDataTypes(spec, mockDir))]];
}

function fail(message) {
  console.error(`codegen: ${message}`);
  process.exit(1);
}
