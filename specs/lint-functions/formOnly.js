// Spectral custom function: a request body's `content` has exactly one media type, the form encoding.
const FORM = "application/x-www-form-urlencoded";
export default function formOnly(content) {
  const types = Object.keys(content ?? {});
  if (types.length === 1 && types[0] === FORM) return [];
  return [{ message: `Request body must be ${FORM} only, found: ${types.join(", ") || "none"}.` }];
};
