// What @trusthub/types adds to openapi-typescript's output, all read from the spec:
// - a string schema whose `pattern` starts with literal text becomes a template literal type
//   (`^BU[0-9a-fA-F]{32}$` → `BU${string}`), so a SID of the wrong kind does not compile wherever that
//   schema is used: parameters, form fields and response properties alike;
// - each component schema is declared as its own named type (`export type CustomerProfile = { ... }`) that
//   `components["schemas"]` refers to, so compiler messages and hovers say `CustomerProfile` instead of
//   printing its whole shape, and the schema's description documents the name;
// - a property that is a bare `$ref` takes the description of the schema it refers to, so hovering a form
//   field such as `PolicySid` shows what it is;
// - `responseExamples`: the names of each operation's named response examples, so a mock's
//   `override(id, { example })` accepts only names the spec has.
import ts from "typescript";
import { deref, listOperations } from "@trusthub/spec";

/**
 * The literal text every string matching `pattern` starts with ("BU" for `^BU[0-9a-fA-F]{32}$`), or "" when
 * the pattern does not pin one down (no `^` anchor, an alternation, a class or group first).
 */
export function literalPrefix(pattern) {
  if (typeof pattern !== "string" || !pattern.startsWith("^") || pattern.includes("|")) return "";
  const [, run = "", next = ""] = /^\^([A-Za-z0-9_-]*)(.?)/.exec(pattern) ?? [];
  // A quantifier that may drop or repeat-zero the last literal character (`^AB?`, `^AB*`, `^AB{0,1}`) leaves it out.
  return "?*{".includes(next) && next !== "" ? run.slice(0, -1) : run;
}

/** openapi-typescript `transform`: a patterned string schema with a literal prefix becomes `${prefix}${string}`. */
export function patternTransform(schema) {
  if (schema?.type !== "string") return undefined;
  const prefix = literalPrefix(schema.pattern);
  if (!prefix) return undefined;
  const f = ts.factory;
  return f.createTemplateLiteralType(f.createTemplateHead(prefix), [
    f.createTemplateLiteralTypeSpan(f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createTemplateTail("")),
  ]);
}

/**
 * A copy of `spec` in which every object property that is a bare `$ref` carries the description of the
 * schema it refers to (OpenAPI 3.1 allows `description` beside `$ref`). The spec file is not changed.
 */
export function withReferencedDescriptions(spec) {
  const copy = structuredClone(spec);
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    if (node.properties && typeof node.properties === "object") {
      for (const [name, property] of Object.entries(node.properties)) {
        if (property?.$ref === undefined || property.description !== undefined) continue;
        const description = deref(copy, property)?.description;
        if (description !== undefined) node.properties[name] = { ...property, description };
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(copy);
  return copy;
}

/**
 * Moves each component schema's type from `components["schemas"]` to the root alias openapi-typescript
 * made for it (`rootTypes`), and points `components["schemas"][name]` at that alias: the same types, now
 * with a name the compiler prints. The schema's JSDoc is copied onto the alias.
 */
export function nameSchemaTypes(nodes) {
  const f = ts.factory;
  const components = nodes.find((n) => ts.isInterfaceDeclaration(n) && n.name.text === "components");
  const schemasMember = components?.members.find((m) => ts.isPropertySignature(m) && propertyName(m) === "schemas");
  if (!schemasMember || !ts.isTypeLiteralNode(schemasMember.type)) return nodes;
  const aliases = new Map(nodes.filter((n) => ts.isTypeAliasDeclaration(n)).map((n) => [n.name.text, n]));
  const moved = new Map();
  const members = schemasMember.type.members.map((member) => {
    const name = propertyName(member);
    const alias = aliases.get(name);
    if (!alias || !isSchemaReference(alias.type, name)) return member;
    moved.set(alias, withComments(f.updateTypeAliasDeclaration(alias, alias.modifiers, alias.name, alias.typeParameters, member.type), member));
    return withComments(f.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, f.createTypeReferenceNode(name)), member);
  });
  const schemas = withComments(
    f.updatePropertySignature(schemasMember, schemasMember.modifiers, schemasMember.name, schemasMember.questionToken, f.createTypeLiteralNode(members)),
    schemasMember,
  );
  const updatedComponents = withComments(
    f.updateInterfaceDeclaration(
      components,
      components.modifiers,
      components.name,
      components.typeParameters,
      components.heritageClauses,
      components.members.map((m) => (m === schemasMember ? schemas : m)),
    ),
    components,
  );
  return nodes.map((n) => (n === components ? updatedComponents : (moved.get(n) ?? n)));
}

function propertyName(member) {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

// `components['schemas']['Name']`, as openapi-typescript writes a root alias (one type reference by name).
function isSchemaReference(type, name) {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === `components['schemas']['${name}']`;
}

function withComments(node, from) {
  const comments = ts.getSyntheticLeadingComments(from);
  return comments ? ts.setSyntheticLeadingComments(node, comments) : node;
}

/**
 * `export interface responseExamples`: per operationId, the union of the names of its responses' named JSON
 * examples (`never` for an operation without any). Names are spec text: written as JSON string literals.
 */
export function responseExamplesType(spec) {
  const members = listOperations(spec)
    .filter(({ operation }) => typeof operation.operationId === "string")
    .map(({ operation }) => {
      const names = new Set();
      for (const response of Object.values(operation.responses ?? {})) {
        for (const [type, media] of Object.entries(deref(spec, response)?.content ?? {})) {
          if (/\bjson\b/i.test(type)) for (const name of Object.keys(media?.examples ?? {})) names.add(name);
        }
      }
      const union = names.size ? [...names].map((name) => JSON.stringify(name)).join(" | ") : "never";
      return `    ${JSON.stringify(operation.operationId)}: ${union};`;
    });
  return [
    "/** The named examples of each operation's responses, by operationId (what a mock's `override(id, { example })` takes). */",
    "export interface responseExamples {",
    ...members,
    "}",
    "",
  ].join("\n");
}
