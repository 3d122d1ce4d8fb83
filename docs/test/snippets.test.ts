// How the samples are derived from a spec, on small fixture specs: where path, query and body values come
// from, what the result is called, how curl quotes, and the errors that name an operation left without values.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "@trusthub/spec";
import { snippetsFor } from "../src/snippets.mjs";

const SERVER = "https://api.example.com";
const thingSid = { type: "string", pattern: "^TH[0-9]{4}$" };
const thing = { type: "object", properties: { sid: thingSid, url: { type: "string" } } };

/** A one-path spec: `/v1/Things/{Sid}` with the given operations, plus whatever `extra` adds. */
function spec(operations: Record<string, unknown>, extra: Partial<OpenApiDocument> = {}): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "Things", version: "1.0.0" },
    servers: [{ url: SERVER }],
    paths: {
      "/v1/Things/{Sid}": {
        parameters: [{ name: "Sid", in: "path", required: true, schema: { $ref: "#/components/schemas/ThingSid" } }],
        ...operations,
      },
    },
    components: { schemas: { ThingSid: thingSid, Thing: thing }, ...(extra.components ?? {}) },
    ...Object.fromEntries(Object.entries(extra).filter(([key]) => key !== "components")),
  } as OpenApiDocument;
}

const fetchThing = (examples: Record<string, unknown> = {}) => ({
  operationId: "FetchThing",
  summary: "Fetch a thing",
  responses: {
    "200": {
      description: "The thing.",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" }, examples } },
    },
  },
});

const only = async (document: OpenApiDocument) => {
  const snippets = await snippetsFor(document);
  expect(snippets).toHaveLength(1);
  return snippets[0]!;
};

describe("path parameters", () => {
  it("take the first URL among the examples that is this path with values matching the parameter's schema", async () => {
    const document = spec(
      { get: { ...fetchThing(), responses: { "204": { description: "none" } } } },
      {
        components: {
          examples: {
            Foreign: { value: { url: "https://elsewhere.example/v1/Things/TH1111" } },
            WrongPattern: { value: { url: `${SERVER}/v1/Things/XX1234` } },
            Deeper: { value: { url: `${SERVER}/v1/Things/TH2222/Parts` } },
            Right: { value: { nested: [{ url: `${SERVER}/v1/Things/TH3333` }] } },
          },
        },
      },
    );
    const snippet = await only(document);
    expect(snippet.typescript).toContain(`params: { path: { Sid: "TH3333" } }`);
    expect(snippet.curl).toContain(`'${SERVER}/v1/Things/TH3333'`);
  });

  it("prefer the operation's own response examples to the rest of the spec", async () => {
    const document = spec(
      { get: fetchThing({ own: { value: { sid: "TH5555", url: `${SERVER}/v1/Things/TH5555` } } }) },
      { components: { examples: { First: { value: { url: `${SERVER}/v1/Things/TH4444` } } } } },
    );
    expect((await only(document)).typescript).toContain(`Sid: "TH5555"`);
  });

  it("use the parameter's own example when it has one", async () => {
    const document = spec({
      get: {
        ...fetchThing({ own: { value: { url: `${SERVER}/v1/Things/TH5555` } } }),
        parameters: [{ name: "Sid", in: "path", required: true, example: "TH7777", schema: thingSid }],
      },
    });
    expect((await only(document)).typescript).toContain(`Sid: "TH7777"`);
  });

  it("without any such value, fail naming the operation and the parameter", async () => {
    await expect(snippetsFor(spec({ get: fetchThing() }))).rejects.toThrow(/FetchThing \(GET \/v1\/Things\/\{Sid\}\).*Sid/);
  });
});

describe("query parameters", () => {
  it("come from the matched URL's query, typed by their schemas, and are sent in curl's URL", async () => {
    const document = spec({
      get: {
        ...fetchThing({ own: { value: { url: `${SERVER}/v1/Things/TH1234?Limit=5&Name=a%20b&Unknown=1` } } }),
        parameters: [
          { name: "Limit", in: "query", schema: { type: "integer" } },
          { name: "Name", in: "query", schema: { type: "string" } },
        ],
      },
    });
    const snippet = await only(document);
    expect(snippet.typescript).toContain(`query: { Limit: 5, Name: "a b" }`);
    expect(snippet.curl).toContain(`'${SERVER}/v1/Things/TH1234?Limit=5&Name=a+b'`);
  });

  it("a required one without a value fails, naming it", async () => {
    const document = spec({
      get: {
        ...fetchThing({ own: { value: { url: `${SERVER}/v1/Things/TH1234` } } }),
        parameters: [{ name: "Mode", in: "query", required: true, schema: { type: "string" } }],
      },
    });
    await expect(snippetsFor(document)).rejects.toThrow(/FetchThing.*required query parameter\(s\) Mode/);
  });
});

describe("request bodies", () => {
  const update = (examples: Record<string, unknown> | undefined) =>
    spec({
      post: {
        operationId: "UpdateThing",
        parameters: [{ name: "Sid", in: "path", required: true, example: "TH1234", schema: thingSid }],
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: { type: "object", properties: { Name: { type: "string" }, Tags: { type: "array", items: { type: "string" } } } },
              ...(examples ? { examples } : {}),
            },
          },
        },
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
      },
    });

  it("are the first named request example; curl sends each field (each array item) form-encoded", async () => {
    const snippet = await only(update({ first: { value: { Name: "Acme", Tags: ["a", "b"] } }, second: { value: { Name: "Other" } } }));
    expect(snippet.typescript).toContain(`body: { Name: "Acme", Tags: ["a", "b"] }`);
    expect(snippet.curl).toBe(
      [
        `curl -X POST '${SERVER}/v1/Things/TH1234'`,
        `--data-urlencode 'Name=Acme'`,
        `--data-urlencode 'Tags=a'`,
        `--data-urlencode 'Tags=b'`,
        `-u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"`,
      ].join(" \\\n  ") + "\n",
    );
  });

  it("keep every character through the shell: quotes, dollars, backslashes", async () => {
    const tricky = `O'Brien & "Sons" $HOME \\ \`date\``;
    const snippet = await only(update({ first: { value: { Name: tricky } } }));
    const argument = snippet.curl.split(" \\\n  ")[1]!.replace(/^--data-urlencode /, "");
    expect(execFileSync("bash", ["-c", `printf %s ${argument}`], { encoding: "utf8" })).toBe(`Name=${tricky}`);
  });

  it("without an example, fail naming the operation", async () => {
    await expect(snippetsFor(update(undefined))).rejects.toThrow(/UpdateThing \(POST .*\): the request body has no named example/);
  });
});

describe("the TypeScript sample", () => {
  it("names the result after the success response's schema, and has no result for a bodiless response", async () => {
    const document = spec({
      get: fetchThing({ own: { value: { url: `${SERVER}/v1/Things/TH1234` } } }),
      delete: { operationId: "DeleteThing", responses: { "204": { description: "Deleted." } } },
    });
    const [fetched, deleted] = await snippetsFor(document);
    expect(fetched!.typescript).toMatch(/const thing = await unwrap\(\s*client\.GET\("\/v1\/Things\/\{Sid\}"/);
    expect(fetched!.typescript).toContain("console.log(thing);");
    expect(deleted!.typescript).toMatch(/^await unwrap\(\s*client\.DELETE\("\/v1\/Things\/\{Sid\}"/m);
    expect(deleted!.typescript).not.toMatch(/const \w+ = await/);
    expect(deleted!.curl).toMatch(/^curl -X DELETE '/);
  });
});
