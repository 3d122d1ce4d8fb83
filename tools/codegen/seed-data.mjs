// Renders the type of the stateful mock's seed data (`createMock({ data })`) from the spec: for each
// collection the store serves, under the key users write it by, its records as the spec's response type
// (from @trusthub/types' `paths`) with the SIDs that place a record required, what the store fills in (the
// server-set properties) optional, and the facts semantics.ts keeps beside them. Which collections, keys, responses and SIDs these are is the store's own derivation
// (packages/mock/src/resources.ts, loaded as TypeScript through ./ts-hooks.mjs), never restated here.
import { register } from "node:module";
import { deref } from "@trusthub/spec";
import { commentText } from "./spec-text.mjs";

register("./ts-hooks.mjs", import.meta.url);

/** The TypeScript source of packages/mock/src/generated/seed-data.ts for `spec`. */
export async function seedDataTypes(spec, mockDir) {
  const { readResources, SERVER_SET } = await import(new URL("src/resources.ts", `file://${mockDir}/`).href);
  // What the store cannot serve of the spec is no concern here: the mock names it when it starts.
  const { resources } = readResources(dereferenced(spec));
  const members = resources.filter((r) => r.recordSource).map((resource) => {
    const { path, method, status, media, items } = resource.recordSource;
    const response = `paths[${JSON.stringify(path)}][${JSON.stringify(method)}]["responses"][${status}]["content"][${JSON.stringify(media)}]`;
    const record = items ? `NonNullable<${response}[${JSON.stringify(items)}]>[number]` : response;
    const placed = ["sid", ...resource.scopeProperties].filter((property) => property in resource.properties);
    const filled = SERVER_SET.filter((property) => property in resource.properties && !placed.includes(property));
    const hidden = Object.keys(resource.semantics.hidden ?? {});
    const args = [record, union(placed), union(filled), ...(hidden.length ? [union(hidden)] : [])];
    return [`  /** The records of \`${commentText(resource.path)}\`. */`, `  ${JSON.stringify(resource.dataKey)}?: Array<SeedRecord<${args.join(", ")}>>;`];
  });
  return [
    `import type { paths } from "@trusthub/types";`,
    `import type { SeedRecord } from "../store.js";`,
    "",
    "/** Records to start the stateful mock with, by collection: what `createMock({ data })` and a data file hold. */",
    "export interface StoreData {",
    ...members.flat(),
    "}",
    "",
  ].join("\n");
}

const union = (names) => (names.length ? names.map((n) => JSON.stringify(n)).join(" | ") : "never");

/** `spec` with every local $ref replaced by what it points at (keys beside a $ref kept), as the store reads a spec. */
function dereferenced(spec) {
  const walk = (node, depth) => {
    if (depth > 64) throw new Error("$refs nest more than 64 levels deep (a cycle?)");
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    if (!node || typeof node !== "object") return node;
    const { $ref, ...beside } = node;
    const target = $ref === undefined ? node : { ...deref(spec, { $ref }), ...beside };
    if (target === undefined) throw new Error(`unresolved $ref ${$ref}`);
    return Object.fromEntries(Object.entries(target).map(([key, value]) => [key, walk(value, depth + 1)]));
  };
  return walk(spec, 0);
}
