// Checks a request against the spec's own constraints (generated into ./generated/spec.ts) before any I/O.
// Messages name the parameter and the rule, never the value: values can be personal data.
import { TrustHubValidationError } from "./errors.js";
import { operations } from "./generated/spec.js";

export interface Constraint {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
  readonly items?: Constraint;
}

// As generated: parts that would be empty are left out.
export interface OperationMeta {
  readonly path?: Readonly<Record<string, Constraint>>;
  readonly query?: Readonly<Record<string, Constraint>>;
  readonly requiredQuery?: readonly string[];
  readonly body?: {
    readonly required?: readonly string[];
    readonly closed?: boolean;
    readonly properties: Readonly<Record<string, Constraint>>;
  };
  readonly success: Readonly<Record<string, readonly string[] | null>>;
  readonly list?: { readonly itemsKey: string };
}

const table = operations as unknown as Record<string, Record<string, OperationMeta> | undefined>;

/** `o[key]` when `o` has it as its own property: never a value inherited from Object.prototype. */
export const own = (o: object | null | undefined, key: string): unknown => (o && Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);

/** The spec's metadata of an operation, or undefined when the spec has no such operation. */
export function operationMeta(method: string, path: string): OperationMeta | undefined {
  return own(own(table, path) as object, method) as OperationMeta | undefined;
}

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
    if (own(values, name) == null) problems.push(`${where} "${name}" is required`);
  }
  for (const [name, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null) continue;
    const c = own(constraints, name) as Constraint | undefined;
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
    if (body === undefined || body === null) problems.push("a request body is required");
    else if (typeof body !== "object" || Array.isArray(body)) problems.push("the request body must be an object of form fields");
    else checkFields("body field", body as Record<string, unknown>, op.body.properties, op.body.required ?? [], !!op.body.closed, problems);
  } else if (body !== undefined) {
    problems.push(`${method} ${path} takes no request body`);
  }
  if (problems.length) {
    throw new TrustHubValidationError(`Invalid ${method} ${path} request: ${problems.join("; ")}`, { method, path });
  }
}
