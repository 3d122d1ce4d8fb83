// The spec a mock serves, read with the loader Prism itself uses (@stoplight/json-schema-ref-parser at the
// version prism-cli pins), so the stateful store sees the very document Prism validates against: the same
// file, the same $ref resolution.
//
// One restatement for Prism: it validates a form field's raw text against the field's schema, so an
// object-valued field (`type: object`, carried as JSON text per its `encoding`) fails every request with
// "must be object". Prism is handed a copy of the document where each such field reads as what travels: a
// string holding a JSON object (`contentMediaType: application/json`, `contentSchema` the original schema,
// and a pattern that the text be a `{…}`). Prism then still checks that the field is there and is an object's
// text; the store parses it. A spec without such fields is handed to Prism as it is.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import $RefParser from "@stoplight/json-schema-ref-parser";
import { jsonFormField, type Node, type OpenApiDocument } from "./resources.js";

export interface ServedSpec {
  /** The document with every $ref resolved, as Prism reads it. */
  document: OpenApiDocument;
  /** The file to give Prism: the spec itself, or the restated copy. */
  prismPath: string;
  /** Removes the restated copy, if any. */
  dispose(): void;
}

const FORM = "application/x-www-form-urlencoded";
const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];
/** The text of a JSON object, roughly: enough for Prism to turn away a value that cannot be one. */
const JSON_OBJECT_TEXT = "^\\s*\\{[\\s\\S]*\\}\\s*$";

export async function loadServedSpec(path: string): Promise<ServedSpec> {
  // bundle() keeps one file's worth of internal $refs (external files inlined); the store gets a resolved copy.
  const bundled = (await new $RefParser().bundle(path)) as Node;
  const document = (await new $RefParser().dereference(structuredClone(bundled))) as OpenApiDocument;
  if (restateJsonFormFields(bundled) === 0) return { document, prismPath: path, dispose() {} };
  const dir = mkdtempSync(join(tmpdir(), "trusthub-mock-spec-"));
  copies.add(dir);
  const prismPath = join(dir, "openapi.json");
  writeFileSync(prismPath, JSON.stringify(bundled));
  const dispose = () => {
    copies.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  return { document, prismPath, dispose };
}

const copies = new Set<string>();

/** Removes every restated copy still on disk, for a process on its way out without stop(). */
export function disposeSpecCopies(): void {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies.clear();
}

/** Rewrites, in place, every JSON-carrying object field of a form body as a string Prism accepts; returns how many. */
function restateJsonFormFields(spec: Node): number {
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
