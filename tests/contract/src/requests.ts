// The requests the contract suite sends through the client, derived from a spec: for every operation, one
// call with every parameter and form field, and calls with only what is required. A new operation is
// covered on regeneration alone.
import type { TrustHubClient } from "@trusthub/client";
import { deref, listOperations, type OpenApiDocument } from "@trusthub/spec";
import { FORM, operationInputs, type OperationInput } from "./inputs.mjs";
import { sampler } from "./samples.js";

export interface Init {
  params: { path: Record<string, unknown>; query: Record<string, unknown> };
  body?: Record<string, unknown>;
}

export interface OperationUnderTest {
  /** The operationId (or "METHOD path" without one). */
  id: string;
  method: string;
  template: string;
  inputs: OperationInput[];
  /** Every path and query parameter and every form field. */
  full: Init;
  /** Only what is required, when that differs from `full`; one call per optional field when a body is required but none of its fields is. */
  minimal: { label: string; init: Init }[];
}

const pick = (values: Record<string, unknown>, names: string[]) => Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]]));

const derived = new WeakMap<OpenApiDocument, OperationUnderTest[]>();

/** The operations of `spec` with their derived calls (computed once per spec: several test files use them). */
export function operationsUnderTest(spec: OpenApiDocument): OperationUnderTest[] {
  if (!derived.has(spec)) derived.set(spec, derive(spec));
  return derived.get(spec)!;
}

function derive(spec: OpenApiDocument): OperationUnderTest[] {
  const sample = sampler(spec);
  return listOperations(spec).map(({ method, path, operation, pathItem }) => {
    const inputs = operationInputs(spec, pathItem, operation);
    const requestBody = deref(spec, operation.requestBody);
    const media = requestBody?.content?.[FORM];
    const example = Object.values<any>(media?.examples ?? {}).map((e) => deref(spec, e)?.value)[0] ?? {};
    const of = (where: OperationInput["in"], required?: boolean) => inputs.filter((i) => i.in === where && (required === undefined || i.required === required));
    // Form fields keep the values of the body's first named example; every other input gets a sample.
    const values = (where: OperationInput["in"]) => Object.fromEntries(of(where).map((i) => [i.name, where === "body" && i.name in example ? example[i.name] : sample(i)]));
    const names = (where: OperationInput["in"], required?: boolean) => of(where, required).map((i) => i.name);

    const full: Init = { params: { path: values("path"), query: values("query") }, ...(media && { body: values("body") }) };
    const base = { path: full.params.path, query: pick(full.params.query, names("query", true)) };
    let bodies: { label: string; body?: Record<string, unknown> }[] = [{ label: "required fields only", body: undefined }];
    if (media) {
      const required = names("body", true);
      if (required.length || !requestBody.required) bodies = [{ label: "required fields only", body: pick(full.body!, required) }];
      // A required body with no required field: each optional field alone is a minimal call.
      else bodies = names("body", false).map((name) => ({ label: `only ${name}`, body: pick(full.body!, [name]) }));
    }
    const minimal = bodies
      .map(({ label, body }) => ({ label, init: { params: base, ...(body && { body }) } }))
      .filter(({ init }) => JSON.stringify(init) !== JSON.stringify(full));
    return { id: operation.operationId ?? `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), template: path, inputs, full, minimal };
  });
}

/** `init` with one input's value replaced. */
export function withValue(init: Init, input: OperationInput, value: unknown): Init {
  if (input.in === "body") return { ...init, body: { ...init.body, [input.name]: value } };
  return { ...init, params: { ...init.params, [input.in]: { ...init.params[input.in], [input.name]: value } } };
}

type Result = { data?: unknown; error?: unknown; response: Response };

/** Sends `init` to the operation through the client (untyped: the typed scenarios are hand-written). */
export function call(client: TrustHubClient, op: OperationUnderTest, init: Init): Promise<Result> {
  const method = client[op.method as keyof TrustHubClient] as unknown as (path: string, init: object) => Promise<Result>;
  return method(op.template, { params: init.params, ...(init.body !== undefined && { body: init.body }) });
}
