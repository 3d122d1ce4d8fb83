// The inputs of a spec's operations, shared by this suite (the requests it derives) and the drift audit
// (the mutations it generates): path and query parameters (the operation's own override its path's) and
// form-body fields.
import { deref } from "@trusthub/spec";

export const FORM = "application/x-www-form-urlencoded";

/** A schema with its `$ref` followed and a nullable `oneOf`/`anyOf` reduced to its non-null branch. */
export function resolvedSchema(spec, schema) {
  schema = deref(spec, schema) ?? {};
  const branches = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(branches)) {
    const real = branches.map((b) => deref(spec, b)).filter((b) => b?.type !== "null");
    if (real.length === 1) return resolvedSchema(spec, real[0]);
  }
  return schema;
}

/** The operation's inputs, parameters first (in spec order), then its form fields. */
export function operationInputs(spec, pathItem, operation) {
  const params = new Map();
  for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(spec, p))) {
    params.set(`${p.in} ${p.name}`, p);
  }
  const inputs = [...params.values()]
    .filter((p) => p.in === "path" || p.in === "query")
    .map((p) => ({
      in: p.in,
      name: p.name,
      required: !!p.required,
      schema: p.schema ?? {},
      examples: [...Object.values(p.examples ?? {}).map((e) => deref(spec, e)?.value), ...("example" in p ? [p.example] : [])],
    }));
  const schema = resolvedSchema(spec, deref(spec, operation.requestBody)?.content?.[FORM]?.schema);
  for (const [name, field] of Object.entries(schema?.properties ?? {})) {
    inputs.push({ in: "body", name, required: (schema.required ?? []).includes(name), schema: field, examples: [] });
  }
  return inputs;
}
