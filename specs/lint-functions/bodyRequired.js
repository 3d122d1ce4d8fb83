// Spectral custom function: a request body is `required: true` exactly when its form schema requires a
// field. A body whose fields are all optional may be left out (an update of nothing but the SID), and
// one with a required field must be declared required, or Prism accepts a request without it.
const FORM = "application/x-www-form-urlencoded";
export default function bodyRequired(requestBody) {
  const schema = requestBody?.content?.[FORM]?.schema;
  const requiresField = Array.isArray(schema?.required) && schema.required.length > 0;
  if (requiresField && requestBody.required !== true) {
    return [{ message: `The body requires ${schema.required.join(", ")}, so it must be \`required: true\`.` }];
  }
  if (!requiresField && requestBody?.required === true) {
    return [{ message: "No field of the body is required, so the body must not be `required: true`." }];
  }
  return [];
};
