// The one spec loader: the served spec read once with the ref parser Prism's own loader uses, giving both
// the document the store and the routes read (every $ref resolved) and the operations Prism's engine
// serves (@stoplight/prism-http's getHttpOperationsFromSpec, its public API), so the two cannot differ.
// The build runs it on the bundled spec and keeps the result as JSON beside it (dist/openapi.resolved.json),
// so a mock of the bundled spec starts without parsing YAML or resolving anything.
//
// One restatement for Prism: it validates a form field's raw text against the field's schema, so an
// object-valued field (`type: object`, carried as JSON text per its `encoding`) fails every request with
// "must be object". Prism is handed a copy of the document where each such field reads as what travels: a
// string holding a JSON object (`contentMediaType: application/json`, `contentSchema` the original schema,
// and a pattern that the text be a `{…}`). Prism then still checks that the field is there and is an object's
// text; the store parses it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { $RefParser, getHttpOperationsFromSpec } from "./prism.js";
import { jsonFormField, type Node, type OpenApiDocument } from "./resources.js";
import { specPath } from "./spec-path.js";

type IHttpOperation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

export interface ServedSpec {
  /** The document with every $ref resolved. */
  document: OpenApiDocument;
  /** Prism's operations, from the restated copy. */
  operations: IHttpOperation[];
}

const FORM = "application/x-www-form-urlencoded";
const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];
/** The text of a JSON object, roughly: enough for Prism to turn away a value that cannot be one. */
const JSON_OBJECT_TEXT = "^\\s*\\{[\\s\\S]*\\}\\s*$";

type SpecReaders = { $RefParser: typeof $RefParser; getHttpOperationsFromSpec: typeof getHttpOperationsFromSpec };

/** Where the build keeps resolveSpec()'s result for the bundled spec. */
export const resolvedSpecPath = join(dirname(specPath), "openapi.resolved.json");

export async function loadSpec(path: string, prism: SpecReaders): Promise<ServedSpec> {
  if (path === specPath && existsSync(resolvedSpecPath)) return JSON.parse(readFileSync(resolvedSpecPath, "utf8")) as ServedSpec;
  return resolveSpec(path, prism);
}

export async function resolveSpec(path: string, prism: SpecReaders): Promise<ServedSpec> {
  // bundle() keeps one file's worth of internal $refs (external files inlined); each reader gets its own copy.
  const bundled = (await new prism.$RefParser().bundle(path)) as Node;
  const document = (await new prism.$RefParser().dereference(structuredClone(bundled))) as OpenApiDocument;
  restateJsonFormFields(bundled);
  return { document, operations: await prism.getHttpOperationsFromSpec(bundled) };
}

/** Rewrites, in place, every JSON-carrying object field of a form body as a string Prism accepts; returns how many. */
export function restateJsonFormFields(spec: Node): number {
  const resolve = (node: unknown): Node | undefined => {
    let at = node as Node | undefined;
    for (let hops = 0; at && typeof at.$ref === "string" && hops < 32; hops++) {
      at = (at.$ref as string)
        .replace(/^#\//, "")
        .split("/")
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<Node | undefined>((parent, key) => parent?.[key], spec);
    }
    return at;
  };
  let count = 0;
  for (const pathItem of Object.values((spec.paths ?? {}) as Record<string, Node>)) {
    for (const method of METHODS) {
      const media = resolve(resolve(pathItem?.[method])?.requestBody)?.content?.[FORM] as Node | undefined;
      const form = resolve(media?.schema);
      if (!media || !form) continue;
      for (const part of [form, ...((form.allOf as unknown[]) ?? []).map(resolve)]) {
        for (const [name, original] of Object.entries((part?.properties ?? {}) as Record<string, Node>)) {
          const schema = resolve(original);
          if (typeof schema?.contentMediaType === "string") continue; // already a string carrying JSON
          const types = jsonFormField(resolvedDeep(schema, resolve), media.encoding?.[name]);
          if (!types) continue;
          part!.properties[name] = {
            type: "string",
            contentMediaType: "application/json",
            contentSchema: original,
            ...(types.length === 1 && types[0] === "object" ? { pattern: JSON_OBJECT_TEXT } : {}),
            ...(schema?.description ? { description: schema.description } : {}),
          };
          count++;
        }
      }
    }
  }
  return count;
}

/** A schema with its oneOf/anyOf members resolved, enough for jsonFormField to read its types. */
function resolvedDeep(schema: Node | undefined, resolve: (node: unknown) => Node | undefined): Node | undefined {
  if (!schema) return schema;
  const members = (key: string) => ((schema[key] as unknown[] | undefined) ?? []).map(resolve);
  return { ...schema, oneOf: members("oneOf"), anyOf: members("anyOf") };
}
