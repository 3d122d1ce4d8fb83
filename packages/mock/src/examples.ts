// The spec's named response examples, and making a served example fit the request: an example of a fetch
// names the SID that was fetched, not the one the spec's author wrote down.
import { sidPrefixOf, type Node } from "./resources.js";
import type { Route } from "./routes.js";

export interface NamedExample {
  /** The response's key in the spec: "200", "404", "default". */
  status: string;
  name: string;
  value: unknown;
}

/** Every named example of an operation's responses (JSON content), in the spec's order. */
export function responseExamples(operation: Node): NamedExample[] {
  const out: NamedExample[] = [];
  for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Node>)) {
    for (const [type, media] of Object.entries((response?.content ?? {}) as Record<string, Node>)) {
      if (!/\bjson\b/i.test(type)) continue;
      for (const [name, example] of Object.entries((media?.examples ?? {}) as Record<string, Node>)) out.push({ status, name, value: example?.value });
    }
  }
  return out;
}

/** The first example of one response of an operation (its first named example, or its `example`). */
export function firstExample(operation: Node, status: string): unknown {
  const media = Object.entries((operation.responses?.[status]?.content ?? {}) as Record<string, Node>).find(([type]) => /\bjson\b/i.test(type))?.[1];
  if (!media) return undefined;
  const named = Object.values((media.examples ?? {}) as Record<string, Node>)[0];
  return named ? named.value : media.example;
}

/**
 * `body` with every SID of the kind of one of the request's path parameters (the prefix of the parameter's
 * pattern, BU… for a Customer Profile) replaced by the request's value: the fetched example's `sid`, `url`
 * and `links` name the requested profile, an assignment's `customer_profile_sid` its requested parent, a 404
 * example's message the requested resource. A prefix that two path parameters share is left alone.
 */
export function nameRequestedSids(body: unknown, route: Route): unknown {
  const byPrefix = new Map<string, string | undefined>();
  for (const parameter of route.parameters) {
    if (parameter.in !== "path") continue;
    const prefix = sidPrefixOf(parameter.schema);
    const value = route.pathValues[String(parameter.name)];
    if (!prefix || value === undefined) continue;
    byPrefix.set(prefix, byPrefix.has(prefix) ? undefined : value);
  }
  const replacements = [...byPrefix].filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (replacements.length === 0) return body;
  const patterns = replacements.map(([prefix, value]) => [new RegExp(`(?<![A-Za-z0-9])${prefix}[0-9a-fA-F]{32}(?![0-9a-fA-F])`, "g"), value] as const);
  const rewrite = (value: unknown): unknown => {
    if (typeof value === "string") return patterns.reduce((text, [pattern, sid]) => text.replace(pattern, () => sid), value);
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, rewrite(v)]));
    return value;
  };
  return rewrite(body);
}
