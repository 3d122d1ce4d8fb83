// The fixture resources (fixtures/*.yaml), one copy for every suite: added to a spec's text as a maintainer
// would add them, or made a document of their own for tests that look at nothing else.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse, parseDocument } from "yaml";

/** The EndUsers-like fixture: paths and components that $ref the TrustHub spec's shared components. */
export const endUsersFixture = fileURLToPath(new URL("./fixtures/end-users.yaml", import.meta.url));
/** The TrustProducts-like family: nested, with the SID prefixes and collection name of the spec's own family. */
export const trustProductsFixture = fileURLToPath(new URL("./fixtures/trust-products.yaml", import.meta.url));

/** Every fixture, in the order a maintainer adds them to the spec. */
export const fixtureFiles = [endUsersFixture, trustProductsFixture];

/** `specText` with every fixture added, in order (see addFixture). */
export function addFixtures(specText, files = fixtureFiles) {
  return files.reduce((text, file) => addFixture(text, loadFixture(file)), specText);
}

/** The fixture's parsed paths and components (a fresh copy every call, so a test may change it). */
export function loadFixture(file = endUsersFixture) {
  return parse(readFileSync(file, "utf8"));
}

/**
 * `specText` (an OpenAPI document, YAML or JSON) with the fixture's tags, paths and components added; the rest of the
 * text (comments, anchors, order) is kept, so the result reads like a hand edit. A name the spec already has
 * is an error: the fixture must only add.
 */
export function addFixture(specText, fixture = loadFixture()) {
  const doc = parseDocument(specText, { maxAliasCount: -1 });
  for (const tag of fixture.tags ?? []) {
    if ((doc.get("tags")?.items ?? []).some((t) => t.get("name") === tag.name)) throw new Error(`addFixture: the spec already has the tag ${tag.name}`);
    doc.addIn(["tags"], doc.createNode(tag));
  }
  for (const [path, item] of Object.entries(fixture.paths ?? {})) {
    if (doc.hasIn(["paths", path])) throw new Error(`addFixture: the spec already has the path ${path}`);
    doc.setIn(["paths", path], doc.createNode(item));
  }
  for (const [kind, entries] of Object.entries(fixture.components ?? {})) {
    for (const [name, value] of Object.entries(entries)) {
      if (doc.hasIn(["components", kind, name])) throw new Error(`addFixture: the spec already has components.${kind}.${name}`);
      doc.setIn(["components", kind, name], doc.createNode(value));
    }
  }
  return doc.toString({ flowCollectionPadding: false, lineWidth: 110 });
}

/**
 * The fixture as an OpenAPI document of its own: its paths, its components, and the components of `spec` it
 * $refs (followed transitively, copied), so edits to the result never reach `spec`.
 */
export function fixtureDocument(spec, fixture = loadFixture()) {
  const components = structuredClone(fixture.components ?? {});
  const pending = [fixture];
  while (pending.length > 0) {
    for (const ref of refsIn(pending.pop())) {
      const [kind, name] = ref.slice("#/components/".length).split("/");
      if (components[kind]?.[name]) continue;
      const value = spec.components?.[kind]?.[name];
      if (value === undefined) throw new Error(`fixtureDocument: unresolved $ref ${ref}`);
      (components[kind] ??= {})[name] = structuredClone(value);
      pending.push(value);
    }
  }
  return { openapi: spec.openapi, info: { title: "EndUsers fixture", version: "0.0.0-fixture" }, tags: structuredClone(fixture.tags ?? []), paths: structuredClone(fixture.paths), components };
}

function* refsIn(node) {
  if (Array.isArray(node)) for (const item of node) yield* refsIn(item);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/")) yield value;
      else yield* refsIn(value);
    }
  }
}
