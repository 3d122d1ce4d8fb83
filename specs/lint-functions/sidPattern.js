// Spectral custom function: every parameter or form field whose name ends in "Sid" needs a `pattern`.
// Receives either a (resolved) parameter object or a request-body schema.
export default function sidPattern(target, _opts, context) {
  const results = [];
  const check = (name, schema, path) => {
    if (/Sid$/.test(name) && !(schema && typeof schema.pattern === "string")) {
      results.push({ message: `SID "${name}" has no pattern.`, path });
    }
  };
  if (target && typeof target.name === "string") {
    check(target.name, target.schema, [...context.path, "schema"]);
  } else if (target && target.properties) {
    for (const [name, schema] of Object.entries(target.properties)) {
      check(name, schema, [...context.path, "properties", name]);
    }
  }
  return results;
};
