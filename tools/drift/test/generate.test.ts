// The generated drift catalog: derived from whatever spec it is given (a resource added to the spec gets
// its mutations with no other edit), each mutation changes the spec and only the operation it names, and
// `audit.mjs --list` prints the catalog of a given spec file.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deref, listOperations, loadSpec, type OpenApiDocument } from "@trusthub/spec";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { generatedMutations, KINDS } from "../generate.mjs";

const audit = fileURLToPath(new URL("../audit.mjs", import.meta.url));
const FORM = "application/x-www-form-urlencoded";

/** A node with every `$ref` replaced by what it points at (what an operation means, wherever it is written). */
function expand(spec: OpenApiDocument, node: unknown, depth = 0): unknown {
  if (depth > 40 || !node || typeof node !== "object") return node;
  const target = deref(spec, node);
  if (Array.isArray(target)) return target.map((n) => expand(spec, n, depth + 1));
  return Object.fromEntries(Object.entries(target).map(([k, v]) => [k, expand(spec, v, depth + 1)]));
}

/** Each operation of `spec`, fully expanded with its path's parameters, by "METHOD path". */
function operationsOf(spec: OpenApiDocument): Map<string, string> {
  return new Map(
    listOperations(spec).map(({ method, path, operation, pathItem }) => [
      `${method.toUpperCase()} ${path}`,
      JSON.stringify(expand(spec, { parameters: pathItem.parameters ?? [], operation })),
    ]),
  );
}

/** The real spec plus a small resource of its own kind: list/create on a collection, fetch/delete on an instance. */
function withWidgets(): OpenApiDocument {
  const spec = loadSpec();
  const sid = { type: "string", pattern: "^WG[0-9a-fA-F]{32}$", minLength: 34, maxLength: 34 };
  const widget = { type: "object", properties: { sid, friendly_name: { type: "string" }, attributes: { type: "object" } } };
  const example = { sid: "WG0123456789abcdef0123456789abcdef", friendly_name: "Blue", attributes: { colour: "blue" } };
  const json = (schema: object, value: unknown) => ({ "application/json": { schema, examples: { one: { value } } } });
  spec.paths["/v1/Widgets"] = {
    get: {
      operationId: "ListWidget",
      parameters: [{ name: "FriendlyName", in: "query", schema: { type: "string" } }],
      responses: { "200": { description: "A page", content: json({ type: "object", properties: { widgets: { type: "array", items: widget }, meta: { $ref: "#/components/schemas/PageMeta" } } }, { widgets: [example], meta: {} }) } },
    },
    post: {
      operationId: "CreateWidget",
      requestBody: {
        required: true,
        content: {
          [FORM]: {
            schema: { type: "object", required: ["FriendlyName"], properties: { FriendlyName: { type: "string", maxLength: 64 }, Attributes: { type: "object" } } },
            encoding: { Attributes: { contentType: "application/json" } },
            examples: { blue: { value: { FriendlyName: "Blue", Attributes: { colour: "blue" } } } },
          },
        },
      },
      responses: { "201": { description: "Created", content: json(widget, example) } },
    },
  };
  spec.paths["/v1/Widgets/{Sid}"] = {
    parameters: [{ name: "Sid", in: "path", required: true, schema: sid }],
    get: { operationId: "FetchWidget", responses: { "200": { description: "One", content: json(widget, example) } } },
    delete: { operationId: "DeleteWidget", responses: { "204": { description: "Gone" } } },
  };
  return spec;
}

describe("generatedMutations", () => {
  const spec = loadSpec();
  const catalog = generatedMutations(spec);

  it("gives every operation of the spec a removal, a move and a changed success status", () => {
    for (const { method, path } of listOperations(spec)) {
      const mine = catalog.filter((m) => m.operation === `${method.toUpperCase()} ${path}`).map((m) => m.kind);
      for (const kind of ["remove-operation", "move-path", "change-success-status"]) expect(mine, `${method} ${path}`).toContain(kind);
    }
  });

  it("renames every form field and query parameter of every operation", () => {
    for (const { method, path, operation, pathItem } of listOperations(spec)) {
      const where = `${method.toUpperCase()} ${path}`;
      const fields = Object.keys(deref(spec, deref(spec, deref(spec, operation.requestBody)?.content?.[FORM]?.schema))?.properties ?? {});
      const query = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(spec, p)).filter((p) => p.in === "query");
      const renamed = (kind: string) => catalog.filter((m) => m.operation === where && m.kind === kind).map((m) => m.id.split(".").at(-1));
      expect(renamed("rename-body-field")).toEqual(fields);
      expect(renamed("rename-query-parameter")).toEqual(query.map((p) => p.name));
    }
  });

  it("uses only the kinds it documents, with ids unique across the catalog", () => {
    expect(new Set(catalog.map((m) => m.kind)).size).toBeGreaterThan(5);
    for (const m of catalog) expect(KINDS).toContain(m.kind);
    expect(new Set(catalog.map((m) => m.id)).size).toBe(catalog.length);
  });

  const before = operationsOf(spec);
  it.each(catalog.map((m) => [m.id, m] as const))("%s changes its operation and no other", (_, mutation) => {
    const mutant = structuredClone(spec);
    mutation.apply(mutant);
    const after = operationsOf(mutant);
    const changed = [...before].filter(([key, text]) => after.get(key) !== text).map(([key]) => key);
    expect(changed).toEqual([mutation.operation]);
    // Everything else the spec serves is as it was.
    for (const [key, text] of after) if (key !== mutation.operation && before.has(key)) expect(text).toBe(before.get(key));
  });
});

describe("audit.mjs --list", () => {
  const dir = mkdtempSync(join(tmpdir(), "drift-list-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const list = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [audit, "--list", ...args], { timeout: 600_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );

  it("lists mutations of a resource added to the spec it is given, and counts them by kind", async () => {
    const file = join(dir, "widgets.yaml");
    writeFileSync(file, stringify(withWidgets(), { aliasDuplicateObjects: false }));
    const json = await list("--json", "--spec", file);
    expect(json.code).toBe(0);
    const listed: { id: string; kind: string; operation: string }[] = JSON.parse(json.stdout);
    for (const op of ["ListWidget", "CreateWidget", "FetchWidget", "DeleteWidget"]) {
      expect(listed.filter((m) => m.id.includes(`:${op}`)).map((m) => m.kind)).toEqual(expect.arrayContaining(["remove-operation", "move-path"]));
    }
    expect(listed.map((m) => m.id)).toEqual(
      expect.arrayContaining([
        "rename-body-field:CreateWidget.Attributes",
        "lower-maxLength:CreateWidget.body.FriendlyName",
        "narrow-pattern:FetchWidget.path.Sid",
        "rename-query-parameter:ListWidget.FriendlyName",
        "rename-response-property:ListWidget.attributes",
      ]),
    );
    const text = await list("--spec", file);
    expect(text.stdout).toMatch(new RegExp(`^${listed.length} mutations by kind: rename-body-field \\d+, `, "m"));
  });

  it("refuses --spec without --list (the audit checks the repo's spec against the client built from it)", async () => {
    const file = join(dir, "other.yaml");
    writeFileSync(file, stringify(loadSpec()));
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [audit, "--spec", file], (error, _out, stderr) => resolve({ code: Number(error?.code ?? 0), stderr })),
    );
    expect(code).toBe(2);
    expect(stderr).toContain("--spec goes with --list");
  });
});
