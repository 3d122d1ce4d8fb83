// Spec text that codegen copies into generated TypeScript stays data: text placed in a comment goes
// through `commentText`, a name placed in code as an identifier through `identifierName`, and
// `info.version` (written into every file's `//` header) through `specVersion`. Anything else reaches
// the generated files only as a JSON string literal (JSON.stringify) or through openapi-typescript,
// which quotes names and escapes its JSDoc.

// The component kinds openapi-typescript declares a root type for (`rootTypes`), by each name.
const ROOT_TYPE_KINDS = ["schemas", "responses", "parameters", "requestBodies", "headers", "pathItems"];

/** `text` for a `/* … *\/` comment: on one line, with a `*\/` that cannot end the comment. */
export function commentText(text) {
  return String(text).trim().replace(/\s+/g, " ").replace(/\*\//g, "*\\/");
}

/** `name`, when it can stand in code as an identifier; otherwise an error naming `where` in the spec. */
export function identifierName(name, where) {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`${where}[${JSON.stringify(name)}]: a name that is not an identifier cannot name a generated type`);
  return name;
}

/** Every component name that becomes a type name (`export type <Name>`) is an identifier, or an error. */
export function checkComponentNames(spec) {
  for (const kind of ROOT_TYPE_KINDS) {
    for (const name of Object.keys(spec.components?.[kind] ?? {})) identifierName(name, `components.${kind}`);
  }
}

/** `info.version`, a string without control characters or line breaks (it ends a `//` comment), or an error. */
export function specVersion(spec) {
  const version = spec.info?.version;
  if (typeof version !== "string" || /[\p{Cc}\u2028\u2029]/u.test(version)) {
    throw new Error(`info.version: ${JSON.stringify(version)} is not a version (a string without control characters or line breaks)`);
  }
  return version;
}
