// Checks a request against the spec's own constraints (generated into ./generated/spec.ts) before any I/O.
// Messages name the parameter and the rule, never the value: values can be personal data.
import { TrustHubValidationError, type ValidationIssue } from "./errors.js";
import { operations } from "./generated/spec.js";
import type { Constraint, OperationMeta, OperationTable } from "./metadata.js";

const table: OperationTable = operations;

/** `o[key]` when `o` has it as its own property: never a value inherited from Object.prototype. */
export const own = (o: object | null | undefined, key: string): unknown => (o && Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);

/** The spec's metadata of an operation, or undefined when the spec has no such operation. */
export function operationMeta(method: string, path: string): OperationMeta | undefined {
  return own(own(table, path) as object, method) as OperationMeta | undefined;
}

/** A plain object (not an array, a Date, a class instance...): what an object-valued form field takes. */
export const isPlainObject = (value: unknown): value is object =>
  typeof value === "object" && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

const patterns = new Map<string, RegExp>();
const regex = (source: string) => patterns.get(source) ?? patterns.set(source, new RegExp(source)).get(source)!;

/** Why a value breaks a constraint: the keyword it breaks (the issue's rule) and the message's words. */
type Why = [rule: keyof Constraint, text: string];

/** Returns why `value` breaks `c`, or undefined when it satisfies it. (No comparison with a bound the spec leaves out, undefined, holds.) */
function violation(c: Constraint, value: unknown): Why | undefined {
  switch (c.type) {
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return ["type", "must be an integer"];
      break;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return ["type", "must be a number"];
      break;
    case "boolean":
      if (typeof value !== "boolean") return ["type", "must be a boolean"];
      break;
    case "array":
      if (!Array.isArray(value)) return ["type", "must be an array"];
      for (const item of value) {
        const why = c.items && violation(c.items, item);
        if (why) return ["items", `has an item that ${why[1].replace(/^must/, "does not")}`];
      }
      return undefined;
    case "string":
      if (typeof value !== "string") return ["type", "must be a string"];
      break;
    case "object":
      // Sent as a JSON string, so it must be a plain object that JSON can encode (no cycle, no BigInt).
      if (!isPlainObject(value)) return ["type", "must be a plain object"];
      try {
        JSON.stringify(value);
      } catch {
        return ["type", "must be encodable as JSON"];
      }
      return undefined;
  }
  if (c.enum && !c.enum.includes(value)) return ["enum", `must be one of ${c.enum.map((v) => JSON.stringify(v)).join(", ")}`];
  if (typeof value === "string") {
    if (c.pattern !== undefined && !regex(c.pattern).test(value)) return ["pattern", `must match ${c.pattern}`];
    if (value.length < c.minLength!) return ["minLength", `must be at least ${c.minLength} characters (got ${value.length})`];
    if (value.length > c.maxLength!) return ["maxLength", `must be at most ${c.maxLength} characters (got ${value.length})`];
    if (c.format === "uri" && !URL.canParse(value)) return ["format", "must be an absolute URI"];
  }
  if (typeof value === "number") {
    if (value < c.minimum!) return ["minimum", `must be >= ${c.minimum} (got ${value})`];
    if (value > c.maximum!) return ["maximum", `must be <= ${c.maximum} (got ${value})`];
  }
  return undefined;
}

const WHERE = { path: "path parameter", query: "query parameter", body: "body field" } as const;

/** One problem: the words of the error message, and the issue for programs. */
type Problem = [text: string, issue: ValidationIssue];

function checkFields(
  at: "path" | "query" | "body",
  values: Record<string, unknown> | undefined,
  constraints: Readonly<Record<string, Constraint>>,
  required: readonly string[],
  closed: boolean,
  problems: Problem[],
) {
  const where = WHERE[at];
  for (const name of required) {
    if (own(values, name) == null) problems.push([`${where} "${name}" is required`, { in: at, name, rule: "required" }]);
  }
  for (const [name, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null) continue;
    const c = own(constraints, name) as Constraint | undefined;
    if (!c) {
      const expected = Object.keys(constraints);
      if (closed) problems.push([`${where} "${name}" is not defined by the spec (expected one of: ${expected.join(", ") || "none"})`, { in: at, name, rule: "additionalProperties", expected }]);
      continue;
    }
    const why = violation(c, value);
    // The rule's parameter from the spec (a pattern, a bound, the allowed values), never the value given.
    const expected = why && (why[0] === "items" ? undefined : c[why[0]]);
    if (why) problems.push([`${where} "${name}" ${why[1]}`, { in: at, name, rule: why[0], expected: expected as ValidationIssue["expected"] }]);
  }
}

export interface RequestParts {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> } | undefined;
  body?: unknown;
}

/** Throws a TrustHubValidationError listing every way the request breaks the spec (`op`: its operation, if the spec has one). */
export function validateRequest(method: string, path: string, op: OperationMeta | undefined, init: RequestParts | undefined): void {
  if (!op) {
    const issues: ValidationIssue[] = [{ in: "path", name: "", rule: "operation" }];
    throw new TrustHubValidationError(`${method} ${path} is not an operation of the TrustHub spec`, { method, path, issues });
  }
  const problems: Problem[] = [];
  checkFields("path", init?.params?.path, op.path ?? {}, Object.keys(op.path ?? {}), true, problems);
  checkFields("query", init?.params?.query, op.query ?? {}, op.requiredQuery ?? [], true, problems);
  const body = init?.body;
  if (op.body) {
    // No body is an empty form, refused only for a missing required field (the spec's lint rule makes a
    // body `required` exactly when one of its fields is).
    if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body))) {
      problems.push(["the request body must be an object of form fields", { in: "body", name: "", rule: "type", expected: "object" }]);
    } else checkFields("body", (body ?? {}) as Record<string, unknown>, op.body.properties, op.body.required ?? [], !!op.body.closed, problems);
  } else if (body !== undefined) {
    problems.push([`${method} ${path} takes no request body`, { in: "body", name: "", rule: "additionalProperties", expected: [] }]);
  }
  if (problems.length) {
    const issues = problems.map((p) => p[1]);
    throw new TrustHubValidationError(`Invalid ${method} ${path} request: ${problems.map((p) => p[0]).join("; ")}`, { method, path, issues });
  }
}

/** Whether `value` satisfies `c` as a request's parameter or form field must (what the generated guards check). */
export const conforms = (value: unknown, c: Constraint): boolean => violation(c, value) === undefined;
