// Raw requests (plain fetch, no client validation) for every operation of the served spec, built from the
// spec itself: valid path SIDs from the parameter patterns, bodies from the request-body examples.
import { deref } from "@trusthub/spec";
import { ACCOUNT_SID, AUTH_TOKEN, listOperations, prismUrl, served } from "./harness.js";

const AUTH = `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`;
const FORM = "application/x-www-form-urlencoded";

/** A value that satisfies a SID pattern of the form ^XX[0-9a-fA-F]{32}$ or ^[a-zA-Z]{2}[0-9a-fA-F]{32}$. */
function sampleSid(pattern: string): string {
  const prefix = /^\^([A-Z]{2})\[/.exec(pattern)?.[1] ?? (pattern.startsWith("^[a-zA-Z]{2}") ? "IT" : undefined);
  if (!prefix) throw new Error(`no sample for pattern ${pattern}`);
  return prefix + "0123456789abcdef".repeat(2);
}

export interface Op {
  name: string;
  method: string;
  path: (override?: Record<string, string>) => string;
  pathParams: string[];
  body?: Record<string, string>;
  required: string[];
  list: boolean;
  /** The operation as the served spec has it. */
  operation: any;
}

export const ops: Op[] = listOperations(served).map(({ method, path, operation, pathItem }) => {
  const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: object) => deref(served, p));
  const pathParams = params.filter((p: any) => p.in === "path");
  const valid = Object.fromEntries(pathParams.map((p: any) => [p.name, sampleSid(deref(served, p.schema).pattern)]));
  const media = deref(served, operation.requestBody)?.content?.[FORM];
  const example = media && (Object.values(media.examples ?? {})[0] as any);
  return {
    name: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    path: (override = {}) => path.replace(/\{(\w+)\}/g, (_, n: string) => override[n] ?? valid[n]!),
    pathParams: pathParams.map((p: any) => p.name),
    body: example ? deref(served, example).value : undefined,
    required: media ? (deref(served, media.schema).required ?? []) : [],
    list: params.some((p: any) => p.name === "PageSize"),
    operation,
  };
});

export async function send(op: Op, init: { path?: string; query?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = `${prismUrl}${init.path ?? op.path()}${init.query ?? ""}`;
  const response = await fetch(url, {
    method: op.method,
    headers: { Authorization: AUTH, ...(op.body && { "Content-Type": FORM }), ...init.headers },
    body: init.body ?? (op.body ? new URLSearchParams(op.body).toString() : undefined),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, violations: response.headers.get("sl-violations") ?? "", text };
}

