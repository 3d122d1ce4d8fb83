// Values for a spec's parameters and form fields, derived from the spec itself: its named examples first
// (the parameter's own, the schema's, then the same field in any request-body example), else a value made
// from the schema's constraints; and the edge values of every constraint the client checks before sending.
import { deref, schemaValidator, type OpenApiDocument } from "@trusthub/spec";
import { patternEdges } from "@trusthub/test-support/patterns";
import { FORM, resolvedSchema, type OperationInput } from "./inputs.mjs";

/** The keywords the client checks before sending, each probed at its edges. */
export type Checked = "enum" | "pattern" | "minLength" | "maxLength" | "minimum" | "maximum";

/** Every value each form field has in the spec's request-body examples, by field name. */
function exampleFields(spec: OpenApiDocument): Map<string, unknown[]> {
  const fields = new Map<string, unknown[]>();
  for (const item of Object.values<any>(spec.paths ?? {})) {
    for (const op of Object.values<any>(item ?? {})) {
      const media = deref(spec, op?.requestBody)?.content?.[FORM];
      for (const example of Object.values<any>(media?.examples ?? {})) {
        for (const [name, value] of Object.entries(deref(spec, example)?.value ?? {})) {
          if (!fields.has(name)) fields.set(name, []);
          fields.get(name)!.push(value);
        }
      }
    }
  }
  return fields;
}

/** A value made from a schema's own constraints, for an input the examples say nothing about. */
function made(spec: OpenApiDocument, schema: any): unknown[] {
  const s = resolvedSchema(spec, schema);
  const type = [s.type].flat().find((t) => t !== "null");
  const out: unknown[] = [...(s.examples ?? []), ...("example" in s ? [s.example] : []), ...("default" in s ? [s.default] : [])];
  if (s.enum) out.push(s.enum.find((v: unknown) => v !== null));
  if (s.pattern) out.push(patternEdges(s.pattern)[0]);
  switch (type) {
    case "integer":
    case "number":
      out.push(s.minimum ?? 0, s.maximum ?? 1);
      break;
    case "boolean":
      out.push(true);
      break;
    case "object":
      out.push({});
      break;
    case "array":
      out.push(made(spec, s.items ?? {}).slice(0, 1));
      break;
    default:
      out.push(...(s.minLength === undefined ? ["example"] : sized(s, s.minLength)), ...sized(s, 1));
  }
  return out;
}

/** Strings of exactly `length` characters that suit the schema's format (no pattern considered). */
function sized(s: any, length: number): string[] {
  const base = s.format === "uri" ? "https://example.com/" : s.format === "email" ? "@example.com" : "";
  if (s.format === "email") return [`${"u".repeat(Math.max(1, length - base.length))}${base}`];
  return [base.padEnd(length, "x").slice(0, Math.max(length, base.length)), "x".repeat(length)];
}

const validators = new WeakMap<OpenApiDocument, ReturnType<typeof schemaValidator>>();

/** One schema validator per spec (setting one up costs more than many validations). */
export function validatorFor(spec: OpenApiDocument): ReturnType<typeof schemaValidator> {
  if (!validators.has(spec)) validators.set(spec, schemaValidator(spec));
  return validators.get(spec)!;
}

/** The candidates that satisfy `schema` in `spec`, in order (one schema compilation for all of them). */
export function satisfying(spec: OpenApiDocument, schema: any, candidates: unknown[]): unknown[] {
  if (!candidates.length) return [];
  const failed = new Set(
    validatorFor(spec)
      .errors({ type: "array", items: schema }, candidates)
      .map((e) => Number(/^\/(\d+)/.exec(e)?.[1])),
  );
  return candidates.filter((c, i) => c !== undefined && !failed.has(i));
}

/** Sample values for the inputs of `spec`: a input's named examples first, then values made from its schema. */
export function sampler(spec: OpenApiDocument) {
  const fields = exampleFields(spec);
  return (input: OperationInput): unknown => {
    const candidates = [...input.examples, ...(fields.get(input.name) ?? []), ...made(spec, input.schema)];
    const [value] = satisfying(spec, input.schema, candidates);
    if (value === undefined) throw new Error(`no value satisfies ${input.in} ${input.name}: give it an example in the spec`);
    return value;
  };
}

/**
 * The values at the edges of each constraint the client checks on `input`: every enum value, the minimum and
 * maximum, strings of exactly minLength and maxLength characters, and strings at the edges of the pattern.
 * Only values the schema accepts are kept; a checked constraint with no such value maps to [].
 */
export function edgeValues(spec: OpenApiDocument, input: OperationInput): Map<Checked, unknown[]> {
  const s = resolvedSchema(spec, input.schema);
  // An array's constraints are its items': each edge value is sent as a one-item array.
  const isArray = [s.type].flat().includes("array");
  const target = isArray ? resolvedSchema(spec, s.items ?? {}) : s;
  const asInputValue = (values: unknown[]) => (isArray ? values.map((v) => [v]) : values);
  const pattern = target.pattern ? patternEdges(target.pattern) : [];
  const ofLength = (n: number) => [...pattern, ...input.examples, ...sized(target, n)].filter((v) => typeof v === "string" && v.length === n);
  const raw: [Checked, unknown[]][] = [
    ["enum", target.enum ?? []],
    ["pattern", pattern],
    ["minLength", target.minLength !== undefined ? ofLength(target.minLength) : []],
    ["maxLength", target.maxLength !== undefined ? ofLength(target.maxLength) : []],
    ["minimum", target.minimum !== undefined ? [target.minimum] : []],
    ["maximum", target.maximum !== undefined ? [target.maximum] : []],
  ];
  const checked = raw.filter(([keyword]) => target[keyword] !== undefined).map(([keyword, values]) => [keyword, asInputValue(values)] as const);
  const valid = new Set(satisfying(spec, input.schema, checked.flatMap(([, values]) => values)));
  const edges = new Map<Checked, unknown[]>();
  for (const [keyword, values] of checked) {
    const kept = values.filter((v) => valid.has(v));
    // A length is probed once; the pattern and enum edges each count.
    edges.set(keyword, keyword === "minLength" || keyword === "maxLength" ? kept.slice(0, 1) : kept);
  }
  return edges;
}
