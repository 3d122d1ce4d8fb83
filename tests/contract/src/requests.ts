// The requests the contract suite sends through the client, derived from a spec: for every operation, one
// call with every parameter and form field, and calls with only what is required. A new operation is
// covered on regeneration alone.
import type { TrustHubClient } from "@trusthub/client";
import { deref, listOperations, type OpenApiDocument } from "@trusthub/spec";
import { FORM, sampler, type Slot } from "./samples.js";

export interface Init {
  params: { path: Record<string, unknown>; query: Record<string, unknown> };
  body?: Record<string, unknown>;
}

export interface OperationUnderTest {
  /** The operationId (or "METHOD path" without one). */
  id: string;
  method: string;
  template: string;
  /** The success status the spec gives the operation. */
  status: number;
  slots: Slot[];
  /** Every path and query parameter and every form field. */
  full: Init;
  /** Only what is required, when that differs from `full`; one call per optional field when a body is required but none of its fields is. */
  minimal: { label: string; init: Init }[];
}

const pick = (values: Record<string, unknown>, names: string[]) => Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]]));

/** The inputs of an operation: its parameters (the operation's own override the path's) and its form fields. */
export function slotsOf(spec: OpenApiDocument, pathItem: any, operation: any): Slot[] {
  const params = new Map<string, any>();
  for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: object) => deref(spec, p))) {
    params.set(`${p.in} ${p.name}`, p);
  }
  const slots: Slot[] = [...params.values()]
    .filter((p) => p.in === "path" || p.in === "query")
    .map((p) => ({
      in: p.in,
      name: p.name,
      required: !!p.required,
      schema: p.schema ?? {},
      examples: [...Object.values<any>(p.examples ?? {}).map((e) => deref(spec, e)?.value), ...("example" in p ? [p.example] : [])],
    }));
  const schema = deref(spec, deref(spec, operation.requestBody)?.content?.[FORM]?.schema);
  for (const [name, field] of Object.entries<any>(schema?.properties ?? {})) {
    slots.push({ in: "body", name, required: (schema.required ?? []).includes(name), schema: field, examples: [] });
  }
  return slots;
}

export function operationsUnderTest(spec: OpenApiDocument): OperationUnderTest[] {
  const sample = sampler(spec);
  return listOperations(spec).map(({ method, path, operation, pathItem }) => {
    const slots = slotsOf(spec, pathItem, operation);
    const requestBody = deref(spec, operation.requestBody);
    const media = requestBody?.content?.[FORM];
    const example = Object.values<any>(media?.examples ?? {}).map((e) => deref(spec, e)?.value)[0] ?? {};
    const values = (where: Slot["in"]) => Object.fromEntries(slots.filter((s) => s.in === where).map((s) => [s.name, where === "body" && s.name in example ? example[s.name] : sample(s)]));
    const names = (where: Slot["in"], required?: boolean) => slots.filter((s) => s.in === where && (required === undefined || s.required === required)).map((s) => s.name);

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

    const status = Number(Object.keys(operation.responses ?? {}).find((s) => /^2\d\d$/.test(s)));
    return { id: operation.operationId ?? `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), template: path, status, slots, full, minimal };
  });
}

/** `init` with one slot's value replaced. */
export function withValue(init: Init, slot: Slot, value: unknown): Init {
  if (slot.in === "body") return { ...init, body: { ...init.body, [slot.name]: value } };
  return { ...init, params: { ...init.params, [slot.in]: { ...init.params[slot.in], [slot.name]: value } } };
}

type Result = { data?: unknown; error?: unknown; response: Response };

/** Sends `init` to the operation through the client (untyped: the typed scenarios are hand-written). */
export function call(client: TrustHubClient, op: OperationUnderTest, init: Init): Promise<Result> {
  const method = client[op.method as keyof TrustHubClient] as unknown as (path: string, init: object) => Promise<Result>;
  return method(op.template, { params: init.params, ...(init.body !== undefined && { body: init.body }) });
}
