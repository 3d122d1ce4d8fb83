// How the store reads a spec and a data file (no Prism here): the conventions that turn paths, parameters
// and schemas into resources, the start-up errors for what it cannot serve, the data file's checks, and the
// copy of the spec Prism gets. Each case builds its own small document, so nothing here restates the real
// spec; the last cases check that every operation of the real (and the fixture) spec lands on a store
// operation.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOperations, loadSpec } from "@trusthub/spec";
import { rejectionOfType } from "@trusthub/test-support";
import { deriveResources, jsonFormField, snakeCase, type OpenApiDocument, type Resource } from "../src/resources.js";
import $RefParser from "@stoplight/json-schema-ref-parser";
import * as prism from "../src/prism.js";
import { loadSpec as loadServedSpec, resolvedSpecPath, resolveSpec, restateJsonFormFields } from "../src/spec.js";
import { createStore } from "../src/store.js";
import { assertBuilt, bundledSpec, writeFixtureSpec } from "./helpers.js";

const sidSchema = (prefix: string) => ({ type: "string", pattern: `^${prefix}[0-9a-fA-F]{32}$` });
const json = (schema: object) => ({ content: { "application/json": { schema } } });
const form = (properties: Record<string, object>, extra: object = {}, schemaExtra: object = {}) => ({
  requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: { type: "object", properties, ...schemaExtra }, ...extra } } },
});
const page = (item: object, itemsKey = "results") => ({
  type: "object",
  properties: {
    [itemsKey]: { type: "array", items: item },
    meta: { type: "object", required: ["next_page_url"], properties: { key: { type: "string" }, next_page_url: { type: ["string", "null"] } } },
  },
});

const widget = {
  type: "object",
  required: ["sid", "colour"],
  properties: {
    sid: sidSchema("WG"),
    account_sid: sidSchema("AC"),
    name: { type: ["string", "null"] },
    colour: { type: "string" },
    settings: { type: ["object", "null"] },
    count: { type: ["integer", "null"] },
    tags: { type: ["array", "null"], items: { type: "string" } },
    url: { type: "string" },
    links: { type: "object" },
  },
};
const part = { type: "object", properties: { sid: sidSchema("PT"), widget_sid: sidSchema("WG"), label: { type: ["string", "null"] } } };

/** A fresh document each time (a case may edit it); one schema object per component, as the loader gives them. */
function widgetsDocument(): OpenApiDocument {
  return structuredClone({
    paths: {
      "/v1/Widgets": {
        get: {
          parameters: [
            { name: "Colour", in: "query", schema: { type: "string" } },
            { name: "PageSize", in: "query", schema: { type: "integer", default: 20 } },
            { name: "PageToken", in: "query", schema: { type: "string" } },
          ],
          responses: { "200": json(page(widget, "widgets")) },
        },
        post: {
          ...form(
            { Name: { type: "string" }, Colour: { type: "string" }, Settings: { type: "object" }, Count: { type: "integer" }, Tags: { type: "array", items: { type: "string" } } },
            { encoding: { Settings: { contentType: "application/json" } } },
          ),
          responses: { "201": json(widget) },
        },
      },
      "/v1/Widgets/{Sid}": {
        parameters: [{ name: "Sid", in: "path", required: true, schema: sidSchema("WG") }],
        get: { responses: { "200": json(widget) } },
        post: { ...form({ Name: { type: "string" } }, {}, { additionalProperties: false }), responses: { "200": json(widget) } },
        delete: { responses: { "204": { description: "gone" } } },
      },
      "/v1/Widgets/{WidgetSid}/Parts": {
        get: { responses: { "200": json(page(part)) } },
        post: { ...form({ Label: { type: "string" } }), responses: { "201": json(part) } },
      },
      "/v1/Widgets/{WidgetSid}/Parts/{Sid}": {
        get: { parameters: [{ name: "Sid", in: "path", required: true, schema: sidSchema("PT") }], responses: { "200": json(part) } },
      },
    },
  });
}

const byName = (resources: Resource[], name: string) => resources.find((r) => r.name === name)!;

describe("deriving resources from a spec", () => {
  it("takes collections, their {Sid} children, parents, SID prefixes, form fields and list pages from the paths", () => {
    const resources = deriveResources(widgetsDocument(), {});
    expect(resources.map((r) => r.path)).toEqual(["/v1/Widgets", "/v1/Widgets/{WidgetSid}/Parts"]);
    const [widgets, parts] = [byName(resources, "Widgets"), byName(resources, "Parts")];

    expect(widgets).toMatchObject({ sidPrefix: "WG", dataKey: "widgets", parent: undefined, scopeProperties: [] });
    expect(widgets.children).toEqual([parts]);
    expect(widgets.create).toEqual({
      method: "POST",
      status: 201,
      fields: [
        { name: "Name", property: "name", json: undefined, repeatable: false },
        { name: "Colour", property: "colour", json: undefined, repeatable: false },
        { name: "Settings", property: "settings", json: ["object"], repeatable: false },
        { name: "Count", property: "count", json: undefined, repeatable: false },
        { name: "Tags", property: "tags", json: undefined, repeatable: true },
      ],
      closed: false, // no additionalProperties: false
    });
    expect(widgets.fetch).toEqual({ method: "GET", status: 200 });
    expect(widgets.update).toMatchObject({ method: "POST", status: 200, fields: [{ name: "Name", property: "name" }], closed: true });
    expect(widgets.delete).toEqual({ method: "DELETE", status: 204 });
    expect(widgets.list).toEqual({
      method: "GET",
      status: 200,
      itemsKey: "widgets",
      metaKey: "meta",
      metaFields: ["key", "next_page_url"],
      defaultPageSize: 20,
      filters: [{ parameter: "Colour", property: "colour" }],
    });

    // Parts: below a widget's {Sid}, owned by it; its SID prefix from the operation-level {Sid} parameter.
    expect(parts).toMatchObject({ sidPrefix: "PT", dataKey: "parts", parent: widgets, scopeProperties: ["widget_sid"] });
    expect(parts.list).toMatchObject({ itemsKey: "results", defaultPageSize: 50, filters: [] });
    expect(parts.update).toBeUndefined();
    expect(parts.delete).toBeUndefined();
  });

  it("starts a new record as the spec shows it: a schema default, else what every create example agrees on, and the links they show below the url", async () => {
    const document = widgetsDocument();
    const created = document.paths!["/v1/Widgets"]!.post.responses["201"].content["application/json"];
    Object.assign(created.schema.properties, { state: { type: "string" }, shape: { type: "string", default: "round" }, mood: { type: ["string", "null"] } });
    created.schema.required.push("state", "shape");
    const shown = (sid: string, mood: string) => {
      const url = `https://example.test/v1/Widgets/${sid}`;
      return { value: { sid, colour: "red", state: "new", mood, url, links: { widget_docs: `${url}/Docs`, elsewhere: "https://example.test/Docs" } } };
    };
    created.examples = { one: shown(`WG${"1".repeat(32)}`, "calm"), two: shown(`WG${"2".repeat(32)}`, "grumpy") };

    const widgets = byName(deriveResources(document, {}), "Widgets");
    expect(widgets.initial).toEqual({ state: "new", shape: "round" });
    expect(widgets.links).toEqual({ widget_docs: "Docs" });
    const store = createStore({ document, semantics: {}, ajv: prism });
    const reply = store.handle({ method: "POST", url: new URL("http://127.0.0.1:1/v1/Widgets"), body: "Colour=blue" });
    expect(reply.status).toBe(201);
    const self = `http://127.0.0.1:1/v1/Widgets/${reply.body!.sid}`;
    expect(reply.body).toMatchObject({ colour: "blue", state: "new", shape: "round", mood: null, links: { widgets_parts: `${self}/Parts`, widget_docs: `${self}/Docs` } });

    // Without the examples, nothing sets the required state: the spec cannot be served.
    delete created.examples;
    const error = await rejectionOfType(async () => deriveResources(document, {}), Error);
    expect(error.message).toContain("POST /v1/Widgets: nothing sets the required, non-null property state");
  });

  it("applies the semantics table: hidden facts may back a filter", () => {
    const document = widgetsDocument();
    const list = document.paths!["/v1/Widgets"]!.get;
    list.parameters.push({ name: "Shape", in: "query", schema: { type: "string" } });
    const resources = deriveResources(document, {
      "/v1/Widgets": { hidden: { shape: () => "round" }, filters: { Shape: "shape" } },
    });
    expect(byName(resources, "Widgets").list!.filters).toEqual([
      { parameter: "Colour", property: "colour" },
      { parameter: "Shape", hidden: "shape" },
    ]);
  });

  it("fails at start-up, listing everything it cannot serve", async () => {
    const document = widgetsDocument();
    const paths = document.paths!;
    paths["/v1/Widgets"]!.get.parameters.push({ name: "Shape", in: "query", schema: { type: "string" } });
    paths["/v1/Widgets"]!.post.requestBody.content["application/x-www-form-urlencoded"].schema.properties = { Name: { type: "string" } };
    paths["/v1/Widgets/{WidgetSid}/Parts/{Sid}"]!.get.parameters[0].schema = { type: "string" };
    paths["/v1/Widgets/{WidgetSid}/Parts"]!.post.responses["201"].content["application/json"].schema.properties.sid = { type: "string" };
    const error = await rejectionOfType(async () => deriveResources(document, {}), Error);
    expect(error.message).toMatch(/^The stateful mock cannot serve this spec:/);
    expect(error.message).toContain("GET /v1/Widgets: query parameter Shape names no property (shape)");
    expect(error.message).toContain("POST /v1/Widgets/{WidgetSid}/Parts: no SID prefix");
    expect(error.message).toContain("POST /v1/Widgets: nothing sets the required, non-null property colour");
    expect(error.message.split("\n  - ")).toHaveLength(4);
  });

  it("keeps every collection's data key when the spec adds one of the same name; only the newcomer takes its parent's name", () => {
    const keysOf = (document: OpenApiDocument) => new Map(deriveResources(document, {}).map((r) => [r.path, r.dataKey]));
    const before = keysOf(widgetsDocument());
    const document = widgetsDocument();
    const paths = document.paths!;
    paths["/v1/Gadgets"] = { post: { ...form({}), responses: { "201": json({ type: "object", properties: { sid: sidSchema("GD") } }) } } };
    paths["/v1/Gadgets/{GadgetSid}/Parts"] = paths["/v1/Widgets/{WidgetSid}/Parts"]!;
    const after = keysOf(document);
    for (const [path, key] of before) expect(after.get(path), path).toBe(key);
    expect(after.get("/v1/Gadgets/{GadgetSid}/Parts")).toBe(`gadgets${before.get("/v1/Widgets/{WidgetSid}/Parts")!.replace(/^./, (c) => c.toUpperCase())}`);
    expect(new Set(after.values()).size).toBe(after.size);
  });
});

describe("forms, as the spec's schemas say", () => {
  it("an array field may repeat (kept as a list); an open form ignores an unknown field; a closed one refuses it; any other repeat is refused", async () => {
    const store = createStore({ document: widgetsDocument(), semantics: {}, ajv: prism });
    const post = (path: string, body: string) => store.handle({ method: "POST", url: new URL(`http://127.0.0.1:1${path}`), body });
    const created = post("/v1/Widgets", "Colour=red&Tags=a&Tags=b&Unknown=x");
    expect(created.status).toBe(201);
    const widget = created.body as { sid: string; tags: unknown };
    expect(widget).toMatchObject({ colour: "red", tags: ["a", "b"] });
    expect(widget).not.toHaveProperty("unknown");

    expect(post("/v1/Widgets", "Colour=red&Colour=blue").status).toBe(400);
    const refused = post(`/v1/Widgets/${widget.sid}`, "Name=n&Unknown=x");
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 20001, message: expect.stringContaining('"Unknown"') });
    expect(post(`/v1/Widgets/${widget.sid}`, "Name=n").status).toBe(200);
  });
});

describe("a form field or filter whose property is named otherwise (x-trusthub-property)", () => {
  /** The widgets document with `colour` renamed to `paint_colour` in the responses only: the form field and filter stay Colour. */
  function renamedColour(): OpenApiDocument {
    const document = widgetsDocument();
    const visit = (node: any): void => {
      if (!node || typeof node !== "object") return;
      if (node.properties?.colour) {
        const { colour, ...rest } = node.properties;
        node.properties = { ...rest, paint_colour: colour };
        node.required = node.required?.map((name: string) => (name === "colour" ? "paint_colour" : name));
      }
      Object.values(node).forEach(visit);
    };
    visit(document);
    return document;
  }
  const colourField = (document: OpenApiDocument) => document.paths!["/v1/Widgets"]!.post.requestBody.content["application/x-www-form-urlencoded"].schema.properties.Colour;
  const colourFilter = (document: OpenApiDocument) => document.paths!["/v1/Widgets"]!.get.parameters.find((p: { name: string }) => p.name === "Colour");

  it("without it, the store refuses to start, naming the form field and the filter that pair with nothing", async () => {
    const error = await rejectionOfType(async () => deriveResources(renamedColour(), {}), Error);
    expect(error.message).toContain("POST /v1/Widgets: form field Colour sets no property (colour): name it with x-trusthub-property");
    expect(error.message).toContain("GET /v1/Widgets: query parameter Colour names no property (colour): name it with x-trusthub-property");
  });

  it("with it, the store sets, updates and filters the property it names", () => {
    const document = renamedColour();
    colourField(document)["x-trusthub-property"] = "paint_colour";
    colourFilter(document)["x-trusthub-property"] = "paint_colour";
    const store = createStore({ document, semantics: {}, ajv: prism });
    const call = (method: string, path: string, body = "") => store.handle({ method, url: new URL(`http://127.0.0.1:1${path}`), body });
    const red = call("POST", "/v1/Widgets", "Colour=red");
    expect(red.body).toMatchObject({ paint_colour: "red" });
    expect(red.body).not.toHaveProperty("colour");
    call("POST", "/v1/Widgets", "Colour=blue");
    const listed = call("GET", "/v1/Widgets?Colour=red").body as { widgets: Array<{ sid: string }> };
    expect(listed.widgets.map((w) => w.sid)).toEqual([(red.body as { sid: string }).sid]);
  });

  it("naming a property the responses lack is refused like a field that pairs with nothing", async () => {
    const document = renamedColour();
    colourField(document)["x-trusthub-property"] = "paint_color";
    colourFilter(document)["x-trusthub-property"] = "paint_colour";
    const error = await rejectionOfType(async () => deriveResources(document, {}), Error);
    expect(error.message).toContain("form field Colour sets no property (paint_color)");
    expect(error.message).not.toContain("query parameter Colour");
  });
});

describe("the data file", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "trusthub-mock-data-file-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function storeWith(data: unknown, document = widgetsDocument()) {
    const file = join(dir, `data-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
    const semantics = { "/v1/Widgets/{WidgetSid}/Parts": { hidden: { kind: () => "spare" }, filters: {} } };
    return createStore({ document, data: file, semantics, ajv: prism });
  }

  const widgetRecord = { sid: "WG0123456789abcdef0123456789abcdef", colour: "red" };
  const otherWidget = "WG00000000000000000000000000000001";

  it("serves its records by collection, parents before children, hidden facts taken out", async () => {
    const store = storeWith({ parts: [{ sid: "PT0123456789abcdef0123456789abcdef", widget_sid: widgetRecord.sid, label: "x", kind: "spare" }], widgets: [widgetRecord] });
    const listed = store.handle({ method: "GET", url: new URL(`http://127.0.0.1:1/v1/Widgets/${widgetRecord.sid}/Parts`), body: "" });
    expect(listed.body).toMatchObject({ results: [{ sid: "PT0123456789abcdef0123456789abcdef", widget_sid: widgetRecord.sid, label: "x" }] });
    expect(JSON.stringify(listed.body)).not.toContain("kind");
  });

  it("fills in what the server sets and a record leaves out, as a create would: the url and links on the spec's server", () => {
    const document = { ...widgetsDocument(), servers: [{ url: "https://api.example.com" }] };
    const part = { sid: "PT0123456789abcdef0123456789abcdef", widget_sid: widgetRecord.sid };
    const store = storeWith({ widgets: [widgetRecord], parts: [part] }, document);
    const get = (path: string) => store.handle({ method: "GET", url: new URL(`http://127.0.0.1:1${path}`), body: "" }).body;
    const widgetUrl = `https://api.example.com/v1/Widgets/${widgetRecord.sid}`;
    expect(get(`/v1/Widgets/${widgetRecord.sid}`)).toEqual({
      ...widgetRecord,
      account_sid: "AC00000000000000000000000000000000",
      url: widgetUrl,
      links: { widgets_parts: `${widgetUrl}/Parts` },
    });
    expect(get(`/v1/Widgets/${widgetRecord.sid}/Parts/${part.sid}`)).toEqual(part); // its schema has no server-set property
    // What a record gives is kept.
    const given = storeWith({ widgets: [{ ...widgetRecord, url: "https://elsewhere.example/w" }] }, document);
    expect(given.handle({ method: "GET", url: new URL(`http://127.0.0.1:1/v1/Widgets/${widgetRecord.sid}`), body: "" }).body).toMatchObject({ url: "https://elsewhere.example/w" });
  });

  it.each([
    ["not JSON", "{", /data file .*: .*JSON/],
    ["an array", [], /expected a JSON object of collections/],
    ["an unknown collection", { gizmos: [] }, /unknown collection "gizmos" \(the spec's: widgets, parts\)/],
    ["a collection that is no array", { widgets: {} }, /"widgets" must be an array of records/],
    ["a record without sid", { widgets: [{ colour: "red" }] }, /widgets\[0\] needs a "sid"/],
    ["an unknown property", { widgets: [widgetRecord, { ...widgetRecord, sid: otherWidget, color: "red" }] }, /widgets\[1\] \(sid WG0*1\): unknown property "color" \(a record of widgets has sid, account_sid, name, colour, /],
    ["a wrong type", { widgets: [{ ...widgetRecord, count: "3" }] }, /widgets\[0\] \(sid WG0123456789abcdef0123456789abcdef\): property "count" must be integer,null$/],
    ["a malformed SID", { widgets: [{ ...widgetRecord, sid: "WG123" }] }, /widgets\[0\] \(sid WG123\): property "sid" must match pattern "\^WG\[0-9a-fA-F\]\{32\}\$"$/],
    ["a malformed SID of the parent", { widgets: [widgetRecord], parts: [{ sid: "PT0123456789abcdef0123456789abcdef", widget_sid: "BU0123456789abcdef0123456789abcdef" }] }, /parts\[0\] \(sid PT0123456789abcdef0123456789abcdef\): property "widget_sid" must match pattern/],
    ["a missing required property, and a nested value of the wrong type", { widgets: [{ sid: widgetRecord.sid, tags: ["a", 1] }] }, /widgets\[0\] \(sid WG0123456789abcdef0123456789abcdef\): property "colour" is required; property "tags.1" must be string$/],
    ["a child without its parent's SID", { widgets: [widgetRecord], parts: [{ sid: "PT0123456789abcdef0123456789abcdef" }] }, /parts\[0\] \(sid PT0123456789abcdef0123456789abcdef\) needs "widget_sid"/],
    ["a child of a missing parent", { parts: [{ sid: "PT0123456789abcdef0123456789abcdef", widget_sid: widgetRecord.sid }] }, /parts\[0\] \(sid PT0123456789abcdef0123456789abcdef\): widget_sid WG0123456789abcdef0123456789abcdef is not among the widgets/],
  ])("stops the store on %s, naming the collection, the record and the property", (_label, data, message) => {
    expect(() => storeWith(data)).toThrow(message);
  });
});

describe("conventions", () => {
  it.each([
    ["FriendlyName", "friendly_name"],
    ["CustomerProfileSid", "customer_profile_sid"],
    ["Email", "email"],
    ["URLPath", "url_path"],
    ["PageSize2", "page_size2"],
  ])("form field %s ↔ property %s", (field, property) => {
    expect(snakeCase(field)).toBe(property);
  });

  it("knows a JSON-carrying form field: an object without an RFC 6570 style, or a string whose contentMediaType is JSON", () => {
    expect(jsonFormField({ type: "object" }, { contentType: "application/json" })).toEqual(["object"]);
    expect(jsonFormField({ type: "object" }, undefined)).toEqual(["object"]);
    expect(jsonFormField({ type: ["object", "null"] }, undefined)).toEqual(["object"]);
    expect(jsonFormField({ type: "string", contentMediaType: "application/json", contentSchema: { type: "object" } }, undefined)).toEqual(["object"]);
    expect(jsonFormField({ type: "object" }, { style: "form", explode: true })).toBeUndefined();
    expect(jsonFormField({ type: "object" }, { contentType: "text/plain" })).toBeUndefined();
    expect(jsonFormField({ type: "string" }, undefined)).toBeUndefined();
  });
});

describe("the served spec and Prism's copy of it", () => {
  let dir: string;
  beforeAll(() => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), "trusthub-mock-resources-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["the bundled spec", () => bundledSpec],
    ["the fixture spec (bundled spec plus EndUsers and TrustProducts)", () => writeFixtureSpec(dir)],
  ])("%s: every operation lands on a store operation", async (_label, path) => {
    const served = await loadServedSpec(path(), prism);
    {
      const resources = deriveResources(served.document);
      const handled = new Set(
        resources.flatMap((r) => {
          const instance = `${r.path}/{}`;
          const entries: Array<[string, { method: string } | undefined]> = [
            [r.path, r.list],
            [r.path, r.create],
            [instance, r.fetch],
            [instance, r.update],
            [instance, r.delete],
          ];
          return entries.filter(([, op]) => op).map(([p, op]) => `${op!.method} ${p.replace(/\{[^}]+\}/g, "{}")}`);
        }),
      );
      const operations = listOperations(loadSpec(path()));
      expect(operations.length).toBeGreaterThan(0);
      for (const { method, path: opPath } of operations) {
        expect(handled, `${method.toUpperCase()} ${opPath}`).toContain(`${method.toUpperCase()} ${opPath.replace(/\{[^}]+\}/g, "{}")}`);
      }
    }
  });

  it("serves the bundled spec as the build resolved it, which is what the loader makes of it", async () => {
    expect(existsSync(resolvedSpecPath)).toBe(true);
    expect(await loadServedSpec(bundledSpec, prism)).toEqual(await resolveSpec(bundledSpec, prism));
  });

  it("hands Prism the spec as it is when no form field carries JSON", async () => {
    const bundled = await new $RefParser().bundle(bundledSpec);
    const before = JSON.stringify(bundled);
    expect(restateJsonFormFields(bundled as never)).toBe(0);
    expect(JSON.stringify(bundled)).toBe(before);
  });

  it("hands Prism a copy where an object-valued form field reads as a string holding a JSON object; the store keeps the object", async () => {
    const fixture = writeFixtureSpec(dir);
    const served = await loadServedSpec(fixture, prism);
    const forPrism = (await new $RefParser().bundle(fixture)) as never;
    expect(restateJsonFormFields(forPrism)).toBe(1);
    const fieldsFor = (doc: { paths: Record<string, any> }) => doc.paths["/v1/EndUsers"].post.requestBody.content["application/x-www-form-urlencoded"].schema.properties;
    const original = fieldsFor(loadSpec(fixture) as never);
    // The field may be a $ref; the restated copy carries the description of what it points to.
    const target = original.Attributes.$ref
      ? (original.Attributes.$ref as string).slice(2).split("/").reduce((at: any, key: string) => at[key], loadSpec(fixture) as any)
      : original.Attributes;
    const restated = Object.entries(fieldsFor(forPrism)).filter(([name, schema]) => JSON.stringify(schema) !== JSON.stringify(original[name]));
    expect(restated).toEqual([
      [
        "Attributes",
        {
          type: "string",
          contentMediaType: "application/json",
          contentSchema: original.Attributes,
          pattern: "^\\s*\\{[\\s\\S]*\\}\\s*$",
          description: target.description,
        },
      ],
    ]);
    expect(fieldsFor(served.document as never).Attributes).toEqual(target);
  });
});
