// Spectral custom function: an `x-trusthub-property` on a form field or query parameter (the response property
// it sets or filters on, where its name does not pair with one by Twilio's convention) names a property of the
// records the operation answers with: its success response's, or, for a list page, its array's items'.
// Receives a (resolved) path item.
const EXTENSION = "x-trusthub-property";
const FORM = "application/x-www-form-urlencoded";
const METHODS = ["get", "put", "post", "delete", "patch"];

const propertiesOf = (schema) => Object.assign({}, ...[...(schema?.allOf ?? []), schema].map((part) => part?.properties ?? {}));

/**
 * The property names of the records an operation answers with: its success response's, or for a list page
 * (what query parameters filter) its array's items'.
 */
function recordProperties(operation, page) {
  const success = Object.entries(operation?.responses ?? {}).find(([code]) => /^2\d\d$/.test(code))?.[1];
  const media = Object.entries(success?.content ?? {}).find(([type]) => /\bjson\b/i.test(type))?.[1];
  const properties = propertiesOf(media?.schema);
  const items = page ? Object.values(properties).find((p) => [p?.type].flat().includes("array"))?.items : undefined;
  return Object.keys(items ? propertiesOf(items) : properties);
}

export default function pairedProperty(pathItem, _opts, context) {
  const results = [];
  for (const method of METHODS) {
    const operation = pathItem?.[method];
    if (!operation) continue;
    const named = [];
    const form = operation.requestBody?.content?.[FORM]?.schema;
    for (const [name, field] of Object.entries(propertiesOf(form))) {
      if (field && EXTENSION in field) named.push({ what: `form field ${name}`, page: false, value: field[EXTENSION], path: [method, "requestBody", "content", FORM, "schema", "properties", name, EXTENSION] });
    }
    (operation.parameters ?? []).forEach((parameter, i) => {
      if (parameter?.in === "query" && EXTENSION in parameter) named.push({ what: `query parameter ${parameter.name}`, page: true, value: parameter[EXTENSION], path: [method, "parameters", i, EXTENSION] });
    });
    for (const { what, page, value, path } of named) {
      const properties = recordProperties(operation, page);
      if (typeof value === "string" && properties.includes(value)) continue;
      results.push({
        message: `${EXTENSION} of ${what} must name a property of the records ${method.toUpperCase()} answers with (${properties.join(", ") || "none"}), got ${JSON.stringify(value)}.`,
        path: [...context.path, ...path],
      });
    }
  }
  return results;
}
