// Hand-written scenarios through the typed client: tsc checks each call against the generated types (a
// renamed field or removed operation fails the type check after regeneration), and each asserts what a
// user relies on beyond the shape. New operations need none: operations.test.ts covers every operation.
import { paginate, type TrustHubClient } from "@trusthub/client";
import { describe, expect, it } from "vitest";
import { contractClient, expectSuccess } from "../src/harness.js";

const PROFILE = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
const ASSIGNMENT = "BV5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";
const POLICY = "RN806dd6cd175f314e1f96a9727ee271f4";
const END_USER = "IT2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c";

type Result = { data?: unknown; error?: unknown; response: Response };

// Every optional parameter and field is sent, as in the derived calls; the `minimal` ones send only what
// is required.
const scenarios: [string, (c: TrustHubClient) => Promise<Result>][] = [
  [
    "create a profile: starts in draft",
    async (c) => {
      const r = await c.POST("/v1/CustomerProfiles", {
        body: { FriendlyName: "Acme Logistics Ltd", Email: "compliance@acme-logistics.example", PolicySid: POLICY, StatusCallback: "https://acme-logistics.example/trusthub/status" },
      });
      expect(r.data?.status).toBe("draft");
      expect(r.data?.friendly_name).toBe("Acme Logistics Ltd");
      return r;
    },
  ],
  [
    "list profiles with every filter: a page keyed by meta.key",
    async (c) => {
      const r = await c.GET("/v1/CustomerProfiles", {
        params: { query: { Status: "twilio-approved", FriendlyName: "Acme Logistics Ltd", PolicySid: POLICY, PageSize: 20, Page: 0, PageToken: "PABU0c1d2e3f" } },
      });
      expect(r.data?.meta.key).toBe("results");
      expect(r.data?.results[0]?.status).toBe("twilio-approved");
      return r;
    },
  ],
  [
    "fetch a profile: links to its assignments",
    async (c) => {
      const r = await c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } });
      expect(r.data?.sid).toBe(PROFILE);
      expect(r.data?.links?.customer_profiles_entity_assignments).toMatch(/EntityAssignments$/);
      return r;
    },
  ],
  [
    "submit a profile for review, every field",
    async (c) => {
      const r = await c.POST("/v1/CustomerProfiles/{Sid}", {
        params: { path: { Sid: PROFILE } },
        body: { Status: "pending-review", FriendlyName: "Acme Logistics Ltd", Email: "compliance@acme-logistics.example", StatusCallback: "https://acme-logistics.example/trusthub/status" },
      });
      expect(r.data?.status).toBe("pending-review");
      return r;
    },
  ],
  [
    "delete a profile: no body",
    async (c) => {
      const r = await c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } });
      expect(r.data).toBeUndefined();
      return r;
    },
  ],
  [
    "assign an end user to a profile",
    async (c) => {
      const r = await c.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path: { CustomerProfileSid: PROFILE } },
        body: { ObjectSid: END_USER },
      });
      expect(r.data?.object_sid).toBe(END_USER);
      expect(r.data?.customer_profile_sid).toBe(PROFILE);
      return r;
    },
  ],
  [
    "list a profile's assignments with every filter",
    async (c) => {
      const r = await c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path: { CustomerProfileSid: PROFILE }, query: { ObjectType: "authorized_representative_1", PageSize: 50, Page: 0, PageToken: "PABV5e4d" } },
      });
      expect(r.data?.results.map((a) => a.sid)).toContain(ASSIGNMENT);
      return r;
    },
  ],
  [
    "fetch an assignment: absolute url, ISO date",
    async (c) => {
      const r = await c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
        params: { path: { CustomerProfileSid: PROFILE, Sid: ASSIGNMENT } },
      });
      expect(r.data?.url).toMatch(/^https:\/\//);
      expect(r.data?.date_created).toMatch(/^\d{4}-\d\d-\d\dT/);
      return r;
    },
  ],
  [
    "remove an assignment: no body",
    async (c) => {
      const r = await c.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
        params: { path: { CustomerProfileSid: PROFILE, Sid: ASSIGNMENT } },
      });
      expect(r.data).toBeUndefined();
      return r;
    },
  ],
  [
    "create a profile, required fields only",
    (c) => c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme Logistics Ltd", Email: "compliance@acme-logistics.example", PolicySid: POLICY } }),
  ],
  ["list profiles, no filter", (c) => c.GET("/v1/CustomerProfiles")],
  ["submit a profile for review, status only", (c) => c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } }, body: { Status: "pending-review" } })],
  ["list a profile's assignments, no filter", (c) => c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: PROFILE } } })],
];

const { client, violations, operations: called } = contractClient();

describe("typed scenarios", () => {
  it.each(scenarios)("%s", async (_, scenario) => {
    const before = { calls: called.length, violations: violations.length };
    const result = await scenario(client);
    const [method, template] = called[before.calls]!.split(" ") as [string, string];
    expectSuccess(result, method, template, violations.slice(before.violations));
  });
});

describe("paginate through Prism", () => {
  it("yields the items of a populated page and stops at next_page_url null", async () => {
    const sids: string[] = [];
    for await (const a of paginate(client, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: PROFILE } } })) {
      sids.push(a.sid ?? "");
    }
    expect(sids).toEqual([ASSIGNMENT, "BV9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"]);
    expect(violations).toEqual([]);
  });

  it("stops at limit without following next_page_url", async () => {
    const before = called.length;
    const profiles = [];
    for await (const p of paginate(client, "/v1/CustomerProfiles", { limit: 1 })) profiles.push(p);
    expect(profiles).toHaveLength(1);
    expect(called.length - before).toBe(1);
    expect(violations).toEqual([]);
  });
});
