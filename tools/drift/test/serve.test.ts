// The in-process mock the audit serves mutants with behaves as `trusthub-mock` does for what the contract
// suite relies on: auth, refused requests as Twilio errors (Prism's violations in sl-violations), Prefer,
// examples as written.
import { exampleSid } from "@trusthub/test-support";
import { deref, listOperations, loadSpec, specPath } from "@trusthub/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveMock } from "../serve.mjs";

const spec = loadSpec();
// A GET without path parameters that has a query parameter with a minimum (a list's page size), and its examples.
const boundedOf = (operation: any) => (operation.parameters ?? []).map((p: object) => deref(spec, p)).find((p: any) => p.in === "query" && deref(spec, p.schema)?.minimum !== undefined);
const list = listOperations(spec).find(({ method, path, operation }) => method === "get" && !path.includes("{") && boundedOf(operation));
const bounded = boundedOf(list!.operation);
const examples = deref(spec, list!.operation.responses["200"]).content["application/json"].examples;
const AUTH = { Authorization: `Basic ${btoa(`${exampleSid("AC")}:token`)}` };

let prism: { url: string; close(): Promise<void> };
beforeAll(async () => {
  prism = await serveMock(specPath);
});
afterAll(() => prism.close());

describe("serveMock", () => {
  it("serves the first example of a success response, as written", async () => {
    const response = await fetch(`${prism.url}${list!.path}`, { headers: AUTH });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(deref(spec, Object.values<any>(examples)[0]).value);
  });

  it("answers the example Prefer names", async () => {
    const [name, example] = Object.entries<any>(examples).at(-1)!;
    const response = await fetch(`${prism.url}${list!.path}`, { headers: { ...AUTH, Prefer: `code=200, example=${name}` } });
    expect(await response.json()).toEqual(deref(spec, example).value);
  });

  it("rejects a request without credentials with 401", async () => {
    expect((await fetch(`${prism.url}${list!.path}`)).status).toBe(401);
  });

  it("rejects a parameter out of bounds with a Twilio 400 naming it, and Prism's violation in sl-violations", async () => {
    const below = deref(spec, bounded.schema).minimum - 1;
    const response = await fetch(`${prism.url}${list!.path}?${bounded.name}=${below}`, { headers: AUTH });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toMatch(new RegExp(bounded.name, "i"));
    expect(await response.json()).toMatchObject({ status: 400, message: expect.stringMatching(new RegExp(bounded.name, "i")) });
  });
});
