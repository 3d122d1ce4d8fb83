// Checks a request against the spec's own constraints (generated into ./generated/spec.ts) before any I/O.
// Messages name the parameter and the rule, never the value: values can be personal data.
import { TrustHubValidationError } from "./errors.js";
import { operations } from "./generated/spec.js";
import type { Constraint, OperationMeta, OperationTable } from "./metadata.js";

const table: OperationTable = operations;

/** The spec's metadata of an operation, or undefined when the spec has no such operation. */
export function operationMeta(method: string, path: string): OperationMeta | undefined {
  return table[path]?.[method as keyof OperationTable[string]];
}

/** A plain object (not an array, a Date, a class instance...): what an object-valued form field takes. */
export const isPlainObject = (value: unknown): value is object =>
  typeof value === "object" && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

const patterns = new Map<string, RegExp>();
const regex = (source: string) => patterns.get(source) ?? patterns.set(source, new RegExp(source)).get(source)!;

/** Returns why `value` breaks `c`, or undefined when it satisfies it. */
function violation(c: Constraint, value: unknown): string | undefined {
  switch (c.type) {
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return "must be an integer";
      break;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
      break;
    case "boolean":
      if (typeof value !== "boolean") return "must be a boolean";
      break;
    case "array":
      if (!Array.isArray(value)) return "must be an array";
      for (const item of value) {
        const why = c.items && violation(c.items, item);
        if (why) return `has an item that ${why.replace(/^must/, "does not")}`;
      }
      return undefined;
    case "string":
      if (typeof value !== "string") return "must be a string";
      break;
    case "object":
      // Sent as a JSON string, so it must be a plain object that JSON can encode (no cycle, no BigInt).
      if (!isPlainObject(value)) return "must be a plain object";
      try {
        JSON.stringify(value);
      } catch {
        return "must be encodable as JSON";
      }
      return undefined;
  }
  if (c.enum && !c.enum.includes(value)) return `must be one of ${c.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (typeof value === "string") {
    if (c.pattern !== undefined && !regex(c.pattern).test(value)) return `must match ${c.pattern}`;
    if (c.minLength !== undefined && value.length < c.minLength) return `must be at least ${c.minLength} characters (got ${value.length})`;
    if (c.maxLength !== undefined && value.length > c.maxLength) return `must be at most ${c.maxLength} characters (got ${value.length})`;
    if (c.format === "uri" && !URL.canParse(value)) return "must be an absolute URI";
  }
  if (typeof value === "number") {
    if (c.minimum !== undefined && value < c.minimum) return `must be >= ${c.minimum} (got ${value})`;
    if (c.maximum !== undefined && value > c.maximum) return `must be <= ${c.maximum} (got ${value})`;
  }
  return undefined;
}

function checkFields(
  where: string,
  values: Record<string, unknown> | undefined,
  constraints: Readonly<Record<string, Constraint>>,
  required: readonly string[],
  closed: boolean,
  problems: string[],
) {
  for (const name of required) {
    if (values?.[name] === undefined || values[name] === null) problems.push(`${where} "${name}" is required`);
  }
  for (const [name, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null) continue;
    const c = constraints[name];
    if (!c) {
      if (closed) problems.push(`${where} "${name}" is not defined by the spec (expected one of: ${Object.keys(constraints).join(", ") || "none"})`);
      continue;
    }
    const why = violation(c, value);
    if (why) problems.push(`${where} "${name}" ${why}`);
  }
}

export interface RequestParts {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> } | undefined;
  body?: unknown;
}

/** Throws a TrustHubValidationError listing every way the request breaks the spec. */
export function validateRequest(method: string, path: string, init: RequestParts | undefined): void {
  const op = operationMeta(method, path);
  if (!op) throw new TrustHubValidationError(`${method} ${path} is not an operation of the TrustHub spec`, { method, path });
  const problems: string[] = [];
  checkFields("path parameter", init?.params?.path, op.path ?? {}, Object.keys(op.path ?? {}), true, problems);
  checkFields("query parameter", init?.params?.query, op.query ?? {}, op.requiredQuery ?? [], true, problems);
  const body = init?.body;
  if (op.body) {
    // No body is an empty form, refused only for a missing required field (the spec's lint rule makes a
    // body `required` exactly when one of its fields is).
    if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body))) problems.push("the request body must be an object of form fields");
    else checkFields("body field", (body ?? {}) as Record<string, unknown>, op.body.properties, op.body.required ?? [], !!op.body.closed, problems);
  } else if (body !== undefined) {
    problems.push(`${method} ${path} takes no request body`);
  }
  if (problems.length) {
    throw new TrustHubValidationError(`Invalid ${method} ${path} request: ${problems.join("; ")}`, { method, path });
  }
}
