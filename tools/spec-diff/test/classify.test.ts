// Each fixture (test/fixtures/base.yaml, a trimmed copy of the real spec, and <case>.patch, one change to
// it) must be classified as a careful API reviewer would, with the matching changeset bump. Further cases
// are made in the test by mutating the trimmed spec.
import { apiCompare } from "api-smart-diff";
import { describe, expect, it } from "vitest";
import { bumpOf, classify, RULES } from "../classify.mjs";
import { fixture } from "./helpers.js";

type Class = "breaking" | "non-breaking" | "annotation" | "unclassified";
interface Case {
  name: string;
  type: Class;
  bump: "major" | "minor" | "patch";
  description: RegExp;
}

// The table in the README.
const CASES: Case[] = [
  {
    name: "newly-required-form-field",
    type: "breaking",
    bump: "major",
    description: /^POST \/v1\/CustomerProfiles: request body \(application\/x-www-form-urlencoded\) field `PolicySid`: added \(required\)$/,
  },
  {
    name: "renamed-optional-field",
    type: "breaking",
    bump: "major",
    description: /^POST \/v1\/CustomerProfiles: request body .* field `StatusCallback`: renamed to `StatusCallbackUrl`$/,
  },
  {
    name: "added-optional-parameter",
    type: "non-breaking",
    bump: "minor",
    description: /^GET \/v1\/CustomerProfiles: optional query parameter `FriendlyName` added$/,
  },
  {
    name: "removed-operation",
    type: "breaking",
    bump: "major",
    description: /^DELETE \/v1\/CustomerProfiles\/\{Sid\}: operation removed$/,
  },
  {
    name: "response-enum-value-added",
    type: "breaking",
    bump: "major",
    description: /^GET \/v1\/CustomerProfiles\/\{Sid\}: response 200 \(application\/json\) field `status`: enum value "suspended" added$/,
  },
  {
    name: "description-only",
    type: "annotation",
    bump: "patch",
    description: /^GET \/v1\/CustomerProfiles\/\{Sid\}: response 200 \(application\/json\) field `email`: description changed/,
  },
];

describe("the fixtures (base + one patch each)", () => {
  it.each(CASES)("$name → $type, $bump", ({ name, type, bump, description }) => {
    const { changes, bump: actual } = classify(fixture(name).before, fixture(name).after);
    const match = changes.find((c) => description.test(c.description));
    expect(match, changes.map((c) => c.description).join("\n")).toBeDefined();
    expect(match!.type).toBe(type);
    expect(actual).toBe(bump);
    // No change of the pair is graver than the one it is about.
    expect(bumpOf(changes)).toBe(bump);
  });

  it("reports a newly required field once, not as a property plus a `required` entry", () => {
    const { changes } = classify(fixture("newly-required-form-field").before, fixture("newly-required-form-field").after);
    expect(changes).toHaveLength(1);
  });

  it("reads a removed and an added optional field with the same schema as one breaking rename, where api-smart-diff saw two non-breaking edits", () => {
    const { before, after } = fixture("renamed-optional-field");
    const library = apiCompare(before, after).diffs.filter((d) => d.path[0] === "paths");
    expect(library.map((d) => `${d.action} ${d.type}`).sort()).toEqual(["add non-breaking", "remove non-breaking"]);
    const { changes } = classify(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ type: "breaking", action: "rename", rule: "field-renamed", library: "non-breaking" });
  });

  it("reads the rename alike when the renamed field names the property it still sets (x-trusthub-property)", () => {
    const { before, after } = fixture("renamed-optional-field");
    const added = classify(before, after).changes[0] as { renamedTo?: string; what: string };
    const withExtension = (node: any): void => {
      if (!node || typeof node !== "object") return;
      for (const [key, value] of Object.entries(node)) {
        if (value && typeof value === "object" && added.what.includes(`\`${key}\``) && !JSON.stringify(before).includes(`"${key}"`)) (value as any)["x-trusthub-property"] = "some_property";
        withExtension(value);
      }
    };
    withExtension(after);
    expect(JSON.stringify(after)).toContain("x-trusthub-property");
    const { changes } = classify(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ type: "breaking", action: "rename" });
  });

  it("treats the new enum value by direction: breaking in every response, non-breaking in the query filter", () => {
    const { changes } = classify(fixture("response-enum-value-added").before, fixture("response-enum-value-added").after);
    const responses = changes.filter((c) => c.description.includes("response"));
    expect(responses.map((c) => c.operation).sort()).toEqual(["GET /v1/CustomerProfiles", "GET /v1/CustomerProfiles/{Sid}", "POST /v1/CustomerProfiles"]);
    expect(responses.every((c) => c.type === "breaking")).toBe(true);
    const filter = changes.find((c) => c.description.includes("query parameter `Status`"));
    expect(filter?.type).toBe("non-breaking");
    // api-smart-diff also reports the shared component, calling it non-breaking; that copy is dropped.
    expect(changes.some((c) => c.operation.startsWith("components."))).toBe(false);
  });

  it("reports a shared schema's description edit at each operation using it, and nothing else", () => {
    const { changes } = classify(fixture("description-only").before, fixture("description-only").after);
    expect(changes.map((c) => c.operation)).toEqual(["POST /v1/CustomerProfiles", "GET /v1/CustomerProfiles", "GET /v1/CustomerProfiles/{Sid}"]);
    expect(changes.every((c) => c.type === "annotation")).toBe(true);
  });
});

describe("rules on top of api-smart-diff (mutations of the trimmed spec)", () => {
  const base = () => fixture("description-only").before;
  const body = (spec: any) => spec.components.requestBodies.CreateCustomerProfile.content["application/x-www-form-urlencoded"].schema;
  const profile = (spec: any) => spec.components.schemas.CustomerProfile;

  // `entry`: the line the consumer's changelog gets (one of them, for a change seen in several places).
  const MUTATIONS: { name: string; mutate: (spec: any) => void; type: Class; bump: string; rule?: string; entry: string }[] = [
    { name: "an optional form field removed", mutate: (s) => delete body(s).properties.StatusCallback, type: "breaking", bump: "major", rule: "request-field-removed", entry: "`POST /v1/CustomerProfiles` body field `StatusCallback` (`RequestBodyCreateCustomerProfile`) removed: stop sending it" },
    { name: "an optional form field added", mutate: (s) => (body(s).properties.CustomerType = { type: "string" }), type: "non-breaking", bump: "minor", entry: "`POST /v1/CustomerProfiles` body field `CustomerType` (`RequestBodyCreateCustomerProfile`) added (optional)" },
    { name: "a required query parameter added", mutate: (s) => s.paths["/v1/CustomerProfiles"].get.parameters.push({ name: "Email", in: "query", required: true, schema: { type: "string" } }), type: "breaking", bump: "major", entry: "`GET /v1/CustomerProfiles` query parameter `Email` added, required: pass it" },
    { name: "a response property removed", mutate: (s) => delete profile(s).properties.email, type: "breaking", bump: "major", rule: "response-field-removed", entry: "`CustomerProfile.email` removed: stop reading it" },
    { name: "a response property added", mutate: (s) => (profile(s).properties.valid_until = { type: ["string", "null"], format: "date-time" }), type: "non-breaking", bump: "minor", entry: "`CustomerProfile.valid_until` added" },
    { name: "a response property no longer required", mutate: (s) => (profile(s).required = []), type: "breaking", bump: "major", entry: "`CustomerProfile.status` may be absent (`status?`): handle `undefined`" },
    { name: "a response type changed", mutate: (s) => (profile(s).properties.email.type = "integer"), type: "breaking", bump: "major", rule: "response-type-changed", entry: "`CustomerProfile.email` is now `number` (was `string | null`): handle the new type" },
    { name: "a response type narrowed (no longer nullable)", mutate: (s) => (profile(s).properties.email.type = "string"), type: "non-breaking", bump: "minor", entry: "`CustomerProfile.email` is now `string` (was `string | null`)" },
    { name: "an enum value removed (responses narrow; the query filter that accepted it breaks)", mutate: (s) => s.components.schemas.CustomerProfileStatus.enum.pop(), type: "breaking", bump: "major", entry: "`GET /v1/CustomerProfiles` query parameter `Status` no longer accepts \"twilio-approved\": stop sending it" },
    { name: "an operationId renamed", mutate: (s) => (s.paths["/v1/CustomerProfiles"].get.operationId = "ListProfiles"), type: "breaking", bump: "major", rule: "operation-id-changed", entry: "`GET /v1/CustomerProfiles`: `operations[\"ListCustomerProfile\"]` renamed to `operations[\"ListProfiles\"]`: use the new name" },
    { name: "an operation added", mutate: (s) => (s.paths["/v1/CustomerProfiles/{Sid}"].post = { operationId: "UpdateCustomerProfile", responses: { "200": { description: "ok" } } }), type: "non-breaking", bump: "minor", entry: "`POST /v1/CustomerProfiles/{Sid}` (`UpdateCustomerProfile`) added" },
    { name: "a named example edited", mutate: (s) => (s.components.examples.CustomerProfileDraft.value.friendly_name = "Acme Ltd"), type: "annotation", bump: "patch", rule: "example-changed", entry: "`CustomerProfileDraft`: examples edited" },
    { name: "info.version bumped", mutate: (s) => (s.info.version = "1.1.0"), type: "annotation", bump: "patch", entry: "`info.version` changed (\"1.0.0\" → \"1.1.0\")" },
    { name: "a schema component added", mutate: (s) => (s.components.schemas.PolicySid = { type: "string" }), type: "non-breaking", bump: "minor", entry: "`PolicySid` added" },
    {
      name: "a response property renamed",
      mutate: (s) => (profile(s).properties = Object.fromEntries(Object.entries(profile(s).properties).map(([k, v]) => [k === "email" ? "notification_email" : k, v]))),
      type: "breaking",
      bump: "major",
      rule: "field-renamed",
      entry: "`CustomerProfile.email` renamed to `notification_email`: read the new property",
    },
    { name: "a response property made nullable through oneOf", mutate: (s) => (profile(s).properties.sid = { oneOf: [profile(s).properties.sid, { type: "null" }] }), type: "breaking", bump: "major", entry: "`CustomerProfile.sid` is now `CustomerProfileSid | null` (was `CustomerProfileSid`): handle `null`" },
  ];

  it.each(MUTATIONS)("$name → $type, $bump", ({ mutate, type, bump, rule, entry }) => {
    const before = base();
    const after = structuredClone(before);
    mutate(after);
    const result = classify(before, after);
    expect(result.changes.map((c) => c.entry)).toContain(entry);
    expect(result.changes.length).toBeGreaterThan(0);
    expect(result.bump).toBe(bump);
    expect(result.changes.some((c) => c.type === type)).toBe(true);
    if (rule) expect(result.changes.some((c) => c.rule === rule)).toBe(true);
  });

  it("finds nothing in identical specs", () => {
    expect(classify(base(), base())).toEqual({ changes: [], bump: null });
  });

  it("classifies a real-spec edit (the CustomerProfileStatus enum) the same way", async () => {
    const { loadSpec } = await import("@trusthub/spec");
    const before = loadSpec();
    const after = structuredClone(before);
    after.components.schemas.CustomerProfileStatus.enum.push("suspended");
    const { changes, bump } = classify(before, after);
    expect(bump).toBe("major");
    expect(changes.filter((c) => c.type === "breaking").every((c) => c.description.includes("response"))).toBe(true);
    expect(changes.filter((c) => c.type === "non-breaking").length).toBeGreaterThan(0); // the list filter and the update body
  });

  it("documents every rule", () => {
    for (const rule of RULES) expect(rule.why.length).toBeGreaterThan(20);
  });
});
