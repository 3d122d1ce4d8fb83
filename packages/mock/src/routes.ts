// Which operation of the served spec a request addresses, and whether a URL is a TrustHub one: what the
// engine needs to know before Prism answers (overrides, credentials) and after (the spec's 401 body, naming
// the requested SIDs in an example). The store finds its resources with the same matcher (fitTemplate).
import { isTemplate, splitPath, type Node, type OpenApiDocument } from "./resources.js";

export interface Route {
  operationId: string;
  /** The path as the spec writes it, e.g. /v1/CustomerProfiles/{Sid}. */
  template: string;
  /** The operation (dereferenced). */
  operation: Node;
  /** Its path and query parameters, its own over its path item's. */
  parameters: Node[];
  /** The request's path parameters, decoded, by name. */
  pathValues: Record<string, string>;
}

const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];

/**
 * How a request path fits a path template (both split into segments): the template's values, decoded, in
 * order, and how many literal segments matched; undefined when it does not fit. The one matcher of the
 * package: the engine's routes and the store's resources both go through it.
 */
export function fitTemplate(pattern: string[], segments: string[]): { values: string[]; literals: number } | undefined {
  if (pattern.length !== segments.length) return undefined;
  const values: string[] = [];
  let literals = 0;
  for (const [i, p] of pattern.entries()) {
    if (isTemplate(p)) values.push(decodeSegment(segments[i]!));
    else if (p === segments[i]) literals++;
    else return undefined;
  }
  return { values, literals };
}

/**
 * The operation `method pathname` addresses, or undefined when the spec has no such path and method. Where a
 * literal segment and a template could both take a request, the literal wins (as in Prism's router).
 */
export function matchRoute(document: OpenApiDocument, method: string, pathname: string): Route | undefined {
  const segments = splitPath(pathname);
  let best: Route | undefined;
  let bestLiterals = -1;
  const lower = method.toLowerCase();
  if (!METHODS.includes(lower)) return undefined;
  for (const [template, pathItem] of Object.entries(document.paths ?? {})) {
    const operation = pathItem?.[lower] as Node | undefined;
    if (!operation) continue;
    const pattern = splitPath(template);
    const fit = fitTemplate(pattern, segments);
    if (!fit || fit.literals <= bestLiterals) continue;
    bestLiterals = fit.literals;
    const names = pattern.filter(isTemplate).map((p) => p.slice(1, -1));
    const pathValues = Object.fromEntries(names.map((name, i) => [name, fit.values[i]!]));
    const byName = new Map<string, Node>();
    for (const p of [...asArray(pathItem.parameters), ...asArray(operation.parameters)]) byName.set(`${p.in}:${p.name}`, p);
    best = { operationId: String(operation.operationId ?? `${method.toUpperCase()} ${template}`), template, operation, parameters: [...byName.values()], pathValues };
  }
  return best;
}

/** Whether any path of the spec (by any method) fits `pathname`. */
export function pathExists(document: OpenApiDocument, pathname: string): boolean {
  const segments = splitPath(pathname);
  return Object.keys(document.paths ?? {}).some((template) => fitTemplate(splitPath(template), segments) !== undefined);
}

/** Every operation of the spec by operationId. */
export function operationsById(document: OpenApiDocument): Map<string, { method: string; template: string; operation: Node }> {
  const out = new Map<string, { method: string; template: string; operation: Node }>();
  for (const [template, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem?.[method] as Node | undefined;
      if (operation?.operationId) out.set(String(operation.operationId), { method: method.toUpperCase(), template, operation });
    }
  }
  return out;
}

/**
 * The URLs the mock answers: those on a host of the spec's servers, or on a regional form of one (Twilio's
 * regional hosts keep the first label and the domain and put the edge and region between:
 * trusthub.dublin.ie1.twilio.com).
 */
export function servedUrlPattern(document: OpenApiDocument): RegExp {
  const hosts = new Set<string>();
  for (const server of (document.servers as Node[] | undefined) ?? []) {
    try {
      const [first, ...rest] = new URL(String(server.url)).hostname.split(".");
      if (first && rest.length >= 2) hosts.add(`${escape(first)}(?:\\.[a-z0-9-]+)*\\.${rest.map(escape).join("\\.")}`);
    } catch {
      // a templated or relative server URL names no host
    }
  }
  return new RegExp(`^https?://(?:${[...hosts].join("|") || "(?!)"})(?::\\d+)?/`, "i");
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A path segment percent-decoded; left as it is when it is not valid percent-encoding. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function asArray(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : [];
}
