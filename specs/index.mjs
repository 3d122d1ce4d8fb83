// The spec as data, for the repo's tools and tests: where it is, its parsed form (YAML anchors
// expanded) and a validator for any of its schemas.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const specPath = fileURLToPath(new URL("./trusthub/v1/openapi.yaml", import.meta.url));

/** Parses an OpenAPI document (default: the TrustHub spec). */
export function loadSpec(path = specPath) {
  return parseSpec(readFileSync(path, "utf8"));
}

/**
 * Parses the text of an OpenAPI document, YAML or JSON; the spec shares example values through YAML anchors.
 * Each anchor may be used at most 100 times (yaml's default), so a document cannot expand exponentially
 * through aliases of aliases.
 */
export function parseSpec(text) {
  return parse(text, { maxAliasCount: 100 });
}

/** Follows a local `$ref` chain to the node it points at. */
export function deref(spec, node) {
  for (let hops = 0; node && typeof node.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`$ref chain too long at ${node.$ref}`);
    node = node.$ref
      .slice(2)
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((at, key) => at?.[key], spec);
  }
  return node;
}

/** An Ajv (JSON Schema 2020-12, as in OpenAPI 3.1) that knows the spec's components. */
export function schemaValidator(spec) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "openapi", components: spec.components });
  return {
    /** Validates `value` against `schema` (which may $ref the spec's components); returns error strings. */
    errors(schema, value) {
      const validate = ajv.compile(rebase(schema));
      return validate(value) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
    },
  };
}

// "#/components/..." inside a schema taken out of the spec must point into the "openapi" schema.
function rebase(schema) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"openapi#/'));
}

/** Every operation in the spec: { method, path, operation, pathItem }. */
export function listOperations(spec) {
  const out = [];
  for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      if (pathItem[method]) out.push({ method, path, operation: pathItem[method], pathItem });
    }
  }
  return out;
}

/**
 * Every media type of every operation, its request body's first, then each response's: where it is
 * (`where`: "POST /v1/X request application/x-www-form-urlencoded", "GET /v1/X 200 application/json"),
 * its media object, and its named examples with their values resolved.
 */
export function listMedia(spec) {
  return listOperations(spec).flatMap(({ method, path, operation }) => {
    const mediaOf = (status, body) =>
      Object.entries(deref(spec, body)?.content ?? {}).map(([type, media]) => ({
        where: `${method.toUpperCase()} ${path} ${status ?? "request"} ${type}`,
        method,
        path,
        status,
        type,
        media,
        examples: Object.entries(media.examples ?? {}).map(([name, example]) => ({ name, value: deref(spec, example)?.value })),
      }));
    return [mediaOf(undefined, operation.requestBody), ...Object.entries(operation.responses ?? {}).map(([status, response]) => mediaOf(status, response))].flat();
  });
}
