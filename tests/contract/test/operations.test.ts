// Every operation called through @trusthub/client with valid input: the status the client expects, a body
// that matches the spec strictly, no violation reported by Prism, and no request outside the served spec.
import { paginate, type TrustHubClient } from "@trusthub/client";
import type { operations } from "@trusthub/types";
import { describe, expect, it } from "vitest";
import { contractClient, expectNoViolations, expectShape, listOperations, served } from "../src/harness.js";

const PROFILE = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
const ASSIGNMENT = "BV5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";
const POLICY = "RN806dd6cd175f314e1f96a9727ee271f4";
const END_USER = "IT2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c";

type Result = { data?: unknown; error?: unknown; response: Response };
interface Case {
  /** The status this client expects for a successful call. */
  status: number;
  call(client: TrustHubClient): Promise<Result>;
}

// One entry per operationId of the generated types: tsc fails when an operation has no case.
// Every optional parameter and field is sent, so Prism's silence about unknown ones cannot hide drift.
const cases: { [K in keyof operations]: Case } = {
  CreateCustomerProfile: {
    status: 201,
    call: async (c) => {
      const r = await c.POST("/v1/CustomerProfiles", {
        body: { FriendlyName: "Acme Logistics Ltd", Email: "compliance@acme-logistics.example", PolicySid: POLICY, StatusCallback: "https://acme-logistics.example/trusthub/status" },
      });
      expect(r.data?.status).toBe("draft");
      expect(r.data?.friendly_name).toBe("Acme Logistics Ltd");
      return r;
    },
  },
  ListCustomerProfile: {
    status: 200,
    call: async (c) => {
      const r = await c.GET("/v1/CustomerProfiles", {
        params: { query: { Status: "twilio-approved", FriendlyName: "Acme Logistics Ltd", PolicySid: POLICY, PageSize: 20, Page: 0, PageToken: "PABU0c1d2e3f" } },
      });
      expect(r.data?.meta.key).toBe("results");
      expect(r.data?.results[0]?.status).toBe("twilio-approved");
      return r;
    },
  },
  FetchCustomerProfile: {
    status: 200,
    call: async (c) => {
      const r = await c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } });
      expect(r.data?.sid).toBe(PROFILE);
      expect(r.data?.links?.customer_profiles_entity_assignments).toMatch(/EntityAssignments$/);
      return r;
    },
  },
  UpdateCustomerProfile: {
    status: 200,
    call: async (c) => {
      const r = await c.POST("/v1/CustomerProfiles/{Sid}", {
        params: { path: { Sid: PROFILE } },
        body: { Status: "pending-review", FriendlyName: "Acme Logistics Ltd", Email: "compliance@acme-logistics.example", StatusCallback: "https://acme-logistics.example/trusthub/status" },
      });
      expect(r.data?.status).toBe("pending-review");
      return r;
    },
  },
  DeleteCustomerProfile: {
    status: 204,
    call: async (c) => {
      const r = await c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } });
      expect(r.data).toBeUndefined();
      return r;
    },
  },
  CreateCustomerProfileEntityAssignment: {
    status: 201,
    call: async (c) => {
      const r = await c.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path: { CustomerProfileSid: PROFILE } },
        body: { ObjectSid: END_USER },
      });
      expect(r.data?.object_sid).toBe(END_USER);
      expect(r.data?.customer_profile_sid).toBe(PROFILE);
      return r;
    },
  },
  ListCustomerProfileEntityAssignment: {
    status: 200,
    call: async (c) => {
      const r = await c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path: { CustomerProfileSid: PROFILE }, query: { ObjectType: "end_user", PageSize: 50, Page: 0, PageToken: "PABV5e4d" } },
      });
      expect(r.data?.results.map((a) => a.sid)).toContain(ASSIGNMENT);
      return r;
    },
  },
  FetchCustomerProfileEntityAssignment: {
    status: 200,
    call: async (c) => {
      const r = await c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
        params: { path: { CustomerProfileSid: PROFILE, Sid: ASSIGNMENT } },
      });
      expect(r.data?.url).toMatch(/^https:\/\//);
      expect(r.data?.date_created).toMatch(/^\d{4}-\d\d-\d\dT/);
      return r;
    },
  },
  DeleteCustomerProfileEntityAssignment: {
    status: 204,
    call: async (c) => {
      const r = await c.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
        params: { path: { CustomerProfileSid: PROFILE, Sid: ASSIGNMENT } },
      });
      expect(r.data).toBeUndefined();
      return r;
    },
  },
};

// The operations that take optional input, called with only what is required: a field or parameter that
// the API starts to require is then missing, which the full calls above would hide.
const minimal: { [K in keyof operations]?: Case } = {
  CreateCustomerProfile: {
    status: 201,
    call: (c) => c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme Logistics Ltd", Email: "compliance@acme-logistics.example", PolicySid: POLICY } }),
  },
  ListCustomerProfile: { status: 200, call: (c) => c.GET("/v1/CustomerProfiles") },
  UpdateCustomerProfile: {
    status: 200,
    call: (c) => c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } }, body: { Status: "pending-review" } }),
  },
  ListCustomerProfileEntityAssignment: {
    status: 200,
    call: (c) => c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: PROFILE } } }),
  },
};

const { client, violations, operations: called } = contractClient();

const runs = [
  ...Object.entries(cases).map(([id, c]) => [`${id}, every field`, c] as const),
  ...Object.entries(minimal).map(([id, c]) => [`${id}, required fields only`, c!] as const),
];

describe("every operation, valid input", () => {
  it.each(runs)("%s", async (_, { status, call }) => {
    const before = called.length;
    const { data, error, response } = await call(client);
    const [method, template] = called[before]!.split(" ") as [string, string];
    expect(error).toBeUndefined();
    expect(response.status).toBe(status);
    expectNoViolations(response);
    expect(violations).toEqual([]);
    if (data !== undefined) expectShape(method, template, status, data);
  });

  it("leaves no operation of the served spec uncovered", () => {
    const inSpec = listOperations(served).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(new Set(called)).toEqual(new Set(inSpec));
    expect(Object.keys(cases).sort()).toEqual(listOperations(served).map(({ operation }) => operation.operationId).sort());
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
