// Everything the engine takes from Prism and its spec reader, in one module: the build bundles it, with
// every package it needs, into dist/prism.cjs (tsup.config.ts), which the engine loads on its first
// createEngine() (./prism-loader.ts), so that importing @trusthub/mock costs nothing until a mock is made,
// and making one reads one file instead of Prism's thousand.
export { createInstance, getHttpOperationsFromSpec, ProblemJsonError, VIOLATIONS } from "@stoplight/prism-http";
// Prism's check of one response against an operation (what an override's body is held to); not in
// prism-http's index.
export { validateOutput } from "@stoplight/prism-http/dist/validator/index.js";
export { createLogger } from "@stoplight/prism-core";
export { default as $RefParser } from "@stoplight/json-schema-ref-parser";
// Ajv and its formats, the very modules Prism validates with (one copy in the bundle): the store checks the
// records it is given against the spec with them.
// (Both CommonJS: each module's `default` is itself, whether Node or the bundler reads it.)
import ajv2020 from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
export const Ajv2020 = ajv2020.default;
export const addFormats = ajvFormats.default;
