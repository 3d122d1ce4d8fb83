// Which operation of the served spec a request addresses, and whether a URL is a TrustHub one: what the
// CLI's front server and the in-process engine need to know before Prism answers (overrides, credentials)
// and after (the spec's 401 body, naming the requested SIDs in an example).
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
 * The operation `method pathname` addresses, or undefined when the spec has no such path and method. Where a
 * literal segment and a template could both take a request, the literal wins (as in Prism's router).
 */
export function matchRoute(document: OpenApiDocument, method: string, pathname: string): Route | undefined {
  const segments = splitPath(pathname);
  let best: Route | undefined;
  let bestLiterals = -1;
  for (const [template, pathItem] of Object.entries(document.paths ?? {})) {
    const operation = pathItem?.[method.toLowerCase()] as Node | undefined;
    if (!operation || !METHODS.includes(method.toLowerCase())) continue;
    const pattern = splitPath(template);
    if (pattern.length !== segments.length) continue;
    const pathValues: Record<string, string> = {};
    let literals = 0;
    const fits = pattern.every((p, i) => {
      if (isTemplate(p)) {
        pathValues[p.slice(1, -1)] = decodeSegment(segments[i]!);
        return true;
      }
      literals++;
      return p === segments[i];
    });
    if (!fits || literals <= bestLiterals) continue;
    bestLiterals = literals;
    const byName = new Map<string, Node>();
    for (const p of [...asArray(pathItem.parameters), ...asArray(operation.parameters)]) byName.set(`${p.in}:${p.name}`, p);
    best = { operationId: String(operation.operationId ?? `${method.toUpperCase()} ${template}`), template, operation, parameters: [...byName.values()], pathValues };
  }
  return best;
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

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function asArray(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : [];
}
