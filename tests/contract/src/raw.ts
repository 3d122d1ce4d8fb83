// Raw requests (plain fetch, no client validation) for every operation of the served spec, built from the
// spec itself: path values from the parameters' examples or patterns, bodies from the request-body examples.
import { deref } from "@trusthub/spec";
import { ACCOUNT_SID, AUTH_TOKEN, listOperations, prismUrl, served } from "./harness.js";
import { FORM, operationInputs, resolvedSchema, type OperationInput } from "./inputs.mjs";
import { sampler } from "./samples.js";

const AUTH = `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`;

export interface Op {
  name: string;
  method: string;
  path: (override?: Record<string, string>) => string;
  pathParams: string[];
  /** The query parameters with a minimum or maximum, and those bounds. */
  ranges: { name: string; minimum?: number; maximum?: number }[];
  body?: Record<string, unknown>;
  required: string[];
  /** The operation as the served spec has it. */
  operation: any;
}

const sample = sampler(served);

export const ops: Op[] = listOperations(served).map(({ method, path, operation, pathItem }) => {
  const inputs = operationInputs(served, pathItem, operation);
  const pathInputs = inputs.filter((s) => s.in === "path");
  const valid = Object.fromEntries(pathInputs.map((s) => [s.name, String(sample(s))]));
  const media = deref(served, operation.requestBody)?.content?.[FORM];
  const example = media && (Object.values(media.examples ?? {})[0] as any);
  const range = (s: OperationInput) => ({ name: s.name, minimum: resolvedSchema(served, s.schema).minimum, maximum: resolvedSchema(served, s.schema).maximum });
  return {
    name: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    path: (override = {}) => path.replace(/\{(\w+)\}/g, (_, n: string) => override[n] ?? valid[n]!),
    pathParams: pathInputs.map((s) => s.name),
    ranges: inputs.filter((s) => s.in === "query").map(range).filter((r) => r.minimum !== undefined || r.maximum !== undefined),
    body: example ? deref(served, example).value : undefined,
    required: media ? (deref(served, media.schema).required ?? []) : [],
    operation,
  };
});

/** A form body as the API takes it: arrays repeat the field, objects are sent as JSON (Twilio's convention). */
export function formOf(body: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
  }
  return form;
}

export async function send(op: Op, init: { path?: string; query?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = `${prismUrl}${init.path ?? op.path()}${init.query ?? ""}`;
  const response = await fetch(url, {
    method: op.method,
    headers: { Authorization: AUTH, ...(op.body && { "Content-Type": FORM }), ...init.headers },
    body: init.body ?? (op.body ? formOf(op.body).toString() : undefined),
    // Only stops a hang: Prism answers slowly while the other suites keep both cores busy.
    signal: AbortSignal.timeout(300_000),
  });
  const text = await response.text();
  return { status: response.status, violations: response.headers.get("sl-violations") ?? "", text };
}
