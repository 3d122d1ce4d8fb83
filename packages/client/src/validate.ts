// Checks a request against the spec's own constraints (generated into ./generated/spec.ts) before any I/O.
// Messages name the parameter and the rule, never the value: values can be personal data.
import { TrustHubValidationError, type ValidationIssue } from "./errors.js";
import { operations } from "./generated/spec.js";
import type { Constraint, OperationMeta, OperationTable } from "./metadata.js";

const table: OperationTable = operations;

/** `o[key]` when `o` has it as its own property (undefined for anything else): never a value inherited from Object.prototype. */
export const own = (o: unknown, key: string): unknown => (o && Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);

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
      if (!Number.isInteger(value)) return ["type", "must be an integer"];
      break;
    case "number":
      if (!Number.isFinite(value)) return ["type", "must be a number"];
      break;
    case "boolean":
      if (typeof value !== "boolean") return ["type", "must be a boolean"];
      break;
    case "string":
      if (typeof value !== "string") return ["type", "must be a string"];
      break;
    case "array": {
      if (!Array.isArray(value)) return ["type", "must be an array"];
      let why: Why | undefined;
      const i = value.findIndex((item) => (why = c.items && violation(c.items, item)));
      return why && ["items", `item ${i} ${why[1]}`];
    }
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
  if (c.enum && !c.enum.includes(value)) return ["enum", `must be one of ${JSON.stringify(c.enum)}`];
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

/** Records one problem: the words of the error message, and the issue for programs. */
type Add = (text: string, issue: ValidationIssue) => void;

function checkFields(
  at: "path" | "query" | "body",
  values: Record<string, unknown> | undefined,
  constraints: Readonly<Record<string, Constraint>> = {},
  required: readonly string[] = [],
  closed: boolean | undefined,
  problem: Add,
) {
  const add = (name: string, text: string, rule: ValidationIssue["rule"], expected?: ValidationIssue["expected"]) =>
    problem(`${WHERE[at]} "${name}" ${text}`, { in: at, name, rule, expected });
  for (const name of required) if (own(values, name) == null) add(name, "is required", "required");
  for (const [name, value] of Object.entries(values ?? {})) {
    if (value == null) continue;
    const c = own(constraints, name) as Constraint | undefined;
    if (!c) {
      const expected = Object.keys(constraints);
      if (closed) add(name, `is not defined by the spec (expected one of: ${expected.join(", ") || "none"})`, "additionalProperties", expected);
      continue;
    }
    const why = violation(c, value);
    // The rule's parameter from the spec (a pattern, a bound, the allowed values), never the value given.
    if (why) add(name, why[1], why[0], why[0] === "items" ? undefined : (c[why[0]] as ValidationIssue["expected"]));
  }
}

export interface RequestParts {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> } | undefined;
  body?: unknown;
}

/** Throws a TrustHubValidationError listing every way the request breaks the spec (`op`: its operation, if the spec has one). */
export function validateRequest(method: string, path: string, op: OperationMeta | undefined, init: RequestParts | undefined): void {
  const fail = (message: string, issues: ValidationIssue[]) => {
    throw new TrustHubValidationError(message, { method, path, issues });
  };
  if (!op) return fail(`${method} ${path} is not an operation of the TrustHub spec`, [{ in: "path", name: "", rule: "operation" }]);
  const texts: string[] = [];
  const issues: ValidationIssue[] = [];
  const problem: Add = (text, issue) => {
    texts.push(text);
    issues.push(issue);
  };
  checkFields("path", init?.params?.path, op.path, Object.keys(op.path ?? {}), true, problem);
  checkFields("query", init?.params?.query, op.query, op.requiredQuery, true, problem);
  const body = init?.body;
  // No body is an empty form, refused only for a missing required field (the spec's lint rule makes a
  // body `required` exactly when one of its fields is).
  if (!op.body) {
    if (body !== undefined) problem(`${method} ${path} takes no request body`, { in: "body", name: "", rule: "additionalProperties", expected: [] });
  } else if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body))) {
    problem("the request body must be an object of form fields", { in: "body", name: "", rule: "type", expected: "object" });
  } else checkFields("body", body as Record<string, unknown> | undefined, op.body.properties, op.body.required, op.body.closed, problem);
  if (texts.length) fail(`Invalid ${method} ${path} request: ${texts.join("; ")}`, issues);
}

/** Whether `value` satisfies `c` as a request's parameter or form field must (what the generated guards check). */
export const conforms = (value: unknown, c: Constraint): boolean => violation(c, value) === undefined;
