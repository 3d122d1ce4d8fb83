// What every contract test needs: a client pointed at Prism, a strict check of each request the client
// sends against the served spec, and strict response checks against the spec the client was built from.
import { createTrustHubClient, type TrustHubClientOptions } from "@trusthub/client";
import { deref, listOperations, loadSpec, specPath } from "@trusthub/spec";

import { exampleSid } from "@trusthub/test-support";
import { expect, inject } from "vitest";
import { validatorFor } from "./samples.js";

export const ACCOUNT_SID = exampleSid("AC");
export const AUTH_TOKEN = "contract-test-token";
export const prismUrl = inject("prismUrl");
/** The spec Prism serves (a mutant during the drift audit's "API moved" scenario). */
export const served = loadSpec(inject("servedSpec"));
/** The spec the client and its types were generated from. */
export const built = loadSpec(specPath);
const validator = validatorFor(built);
type Middleware = NonNullable<TrustHubClientOptions["middleware"]>[number];

type Spec = ReturnType<typeof loadSpec>;

/** Every way a request breaks the served spec: unknown operation, parameter or form field, missing required field. */
function requestViolations(spec: Spec, method: string, template: string, url: URL, form: URLSearchParams | undefined, contentType: string | null): string[] {
  const problems: string[] = [];
  const item = spec.paths?.[template];
  const op = item?.[method.toLowerCase()];
  if (!op) return [`${method} ${template} is not in the served spec`];
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: object) => deref(spec, p));
  const query = new Set(params.filter((p: any) => p.in === "query").map((p: any) => p.name));
  for (const name of new Set(url.searchParams.keys())) {
    if (!query.has(name)) problems.push(`query parameter ${name} is not in the served spec`);
  }
  for (const p of params.filter((p: any) => p.in === "query" && p.required)) {
    if (!url.searchParams.has(p.name)) problems.push(`required query parameter ${p.name} is missing`);
  }
  const body = deref(spec, op.requestBody);
  if (form) {
    const media = body?.content?.[contentType ?? ""];
    if (!media) return [...problems, `${method} ${template} takes no ${contentType} body in the served spec`];
    const schema = deref(spec, media.schema);
    for (const name of new Set(form.keys())) {
      if (!(name in (schema.properties ?? {}))) problems.push(`form field ${name} is not in the served spec`);
    }
    for (const name of schema.required ?? []) if (!form.has(name)) problems.push(`required form field ${name} is missing`);
  } else if (body?.required) {
    problems.push(`${method} ${template} requires a body`);
  } else {
    // An optional body whose schema requires fields: leaving the body out leaves them out too.
    const required = Object.values<any>(body?.content ?? {}).flatMap((m) => deref(spec, m.schema)?.required ?? []);
    for (const name of new Set(required)) problems.push(`required form field ${name} is missing (no body sent)`);
  }
  return problems;
}

/** A client on Prism whose every request is checked strictly against the served spec. */
export function contractClient(options: TrustHubClientOptions = {}) {
  const violations: string[] = [];
  const operations: string[] = [];
  const strict: Middleware = {
    async onRequest({ request, schemaPath }) {
      const contentType = request.headers.get("Content-Type");
      const form = request.body ? new URLSearchParams(await request.clone().text()) : undefined;
      violations.push(...requestViolations(served, request.method, schemaPath, new URL(request.url), form, contentType));
      operations.push(`${request.method} ${schemaPath}`);
      return undefined;
    },
  };
  const client = createTrustHubClient({
    baseUrl: prismUrl,
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    maxRetries: 0,
    ...options,
    middleware: [strict, ...(options.middleware ?? [])],
  });
  return { client, violations, operations };
}

/** A JSON Schema that also requires every declared property and allows no other (Twilio sends all fields). */
function strict(schema: any, requireAll: boolean): any {
  schema = deref(built, schema);
  if (Array.isArray(schema)) return schema.map((s) => strict(s, requireAll));
  if (!schema || typeof schema !== "object") return schema;
  const out: any = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties") out.properties = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strict(v, requireAll)]));
    else if (key === "examples" || key === "example" || key === "description") continue;
    else out[key] = typeof value === "object" ? strict(value, requireAll) : value;
  }
  if (out.properties && out.type !== undefined && [out.type].flat().includes("object") && out.additionalProperties === undefined) {
    if (requireAll) out.required = Object.keys(out.properties);
    out.additionalProperties = false;
  }
  return out;
}

/** The success status of an operation in the spec the client was built from. */
function successStatus(method: string, template: string): number {
  const op = built.paths[template]?.[method.toLowerCase()];
  return Number(Object.keys(op?.responses ?? {}).find((s) => /^2\d\d$/.test(s)));
}

/** The JSON schema, in the spec the client was built from, of an operation's response body. */
function responseSchema(method: string, template: string, status: number) {
  const op = built.paths[template]?.[method.toLowerCase()];
  const response = deref(built, op?.responses?.[String(status)] ?? op?.responses?.default);
  return response?.content?.["application/json"]?.schema;
}

/**
 * Asserts the body matches the built spec's schema strictly: no undeclared field, and for success bodies
 * every declared field (the API always sends them all; an error body's `details` is optional).
 */
export function expectShape(method: string, template: string, status: number, body: unknown) {
  const schema = responseSchema(method, template, status);
  expect(schema, `${method} ${template} ${status} has a JSON schema`).toBeDefined();
  // Prism answers most calls of an operation with the same example: each distinct body is validated once.
  const key = `${method} ${template} ${status} ${JSON.stringify(body)}`;
  if (!shapeErrors.has(key)) shapeErrors.set(key, validator.errors(strict(schema, status < 400), body));
  expect(shapeErrors.get(key)).toEqual([]);
}
const shapeErrors = new Map<string, string[]>();

type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * Asserts a call the client made succeeded as the built spec says: the success status, no violation Prism
 * reported, no request outside the served spec (`sent`: the violations recorded for this call), and a body
 * of the declared shape.
 */
export function expectSuccess({ data, error, response }: Result, method: string, template: string, sent: string[], context?: string) {
  const status = successStatus(method, template);
  expect(error, context).toBeUndefined();
  expect(response.status, context).toBe(status);
  expect(response.headers.get("sl-violations"), `${context ?? ""} Prism found nothing wrong`).toBeNull();
  expect(sent, context).toEqual([]);
  if (data !== undefined) expectShape(method, template, status, data);
}


export { listOperations };
