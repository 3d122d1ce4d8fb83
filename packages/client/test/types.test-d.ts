// Type-level tests of the client's API (run by vitest's typecheck and by `tsc`).
import { describe, expectTypeOf, it } from "vitest";
import {
  createTrustHubClient,
  isCustomerProfileSid,
  isEntityAssignmentSid,
  isObjectSid,
  paginate,
  paginatePages,
  TrustHubApiError,
  TrustHubValidationError,
  unwrap,
  type CallInit,
  type CustomerProfileSid,
  type EntityAssignmentSid,
  type ObjectSid,
  type ValidationIssue,
  type CustomerProfile,
  type CustomerProfileEntityAssignment,
  type CustomerProfileListPage,
  type ListPath,
  type paths,
  type TwilioError,
} from "../src/index.js";

const client = createTrustHubClient({ accountSid: "AC00000000000000000000000000000000", authToken: "t" });
const Sid = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";

// The list paths as the types package describes them, independently of the client's generated metadata:
// the GET paths whose 200 body links the next page.
type PagedGetPath = {
  [P in keyof paths]: paths[P] extends { get: { responses: { 200: { content: { "application/json": { meta: { next_page_url: unknown } } } } } } }
    ? P
    : never;
}[keyof paths];

describe("client types", () => {
  it("types data and error per operation", async () => {
    const { data, error } = await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid } } });
    expectTypeOf(data).toEqualTypeOf<CustomerProfile | undefined>();
    expectTypeOf(error).toEqualTypeOf<TwilioError | undefined>();
    const page = await unwrap(client.GET("/v1/CustomerProfiles", { params: { query: { Status: "draft", PageSize: 10 } } }));
    expectTypeOf(page).toEqualTypeOf<CustomerProfileListPage>();
    expectTypeOf(await unwrap(client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid } } }))).toEqualTypeOf<undefined>();
  });

  it("requires path parameters and create fields, rejects snake_case and unknown values", () => {
    // @ts-expect-error the Sid path parameter is required
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: {} } });
    // @ts-expect-error PolicySid is required
    void client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Email: "a@b.example" } });
    // @ts-expect-error form fields are PascalCase
    void client.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid } }, body: { friendly_name: "Acme" } });
    // @ts-expect-error status_callback is not a form field (StatusCallback is), even with every required one given
    void client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "A", Email: "a@b.example", PolicySid: "RN806dd6cd175f314e1f96a9727ee271f4", status_callback: "x" } });
    // @ts-expect-error Limit is not a query parameter
    void client.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 5, Limit: 5 } } });
    // @ts-expect-error "approved" is not a status
    void client.GET("/v1/CustomerProfiles", { params: { query: { Status: "approved" } } });
    // @ts-expect-error there is no PUT
    void client.PUT;
    // @ts-expect-error no such path
    void client.GET("/v1/CustomerProfile", {});
  });

  it("paginate yields typed items of list paths only", async () => {
    expectTypeOf<ListPath>().toEqualTypeOf<PagedGetPath>();
    for await (const profile of paginate(client, "/v1/CustomerProfiles", { params: { query: { Status: "draft" } }, limit: 5 })) {
      expectTypeOf(profile).toEqualTypeOf<CustomerProfile>();
    }
    const assignments = paginate(client, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
      params: { path: { CustomerProfileSid: Sid } },
    });
    for await (const a of assignments) expectTypeOf(a).toEqualTypeOf<CustomerProfileEntityAssignment>();
    for await (const page of paginatePages(client, "/v1/CustomerProfiles")) expectTypeOf(page.meta.next_page_url).toEqualTypeOf<string | null>();
    // @ts-expect-error the assignments list needs its CustomerProfileSid
    void paginate(client, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments");
    // @ts-expect-error a fetch path is not a list
    void paginate(client, "/v1/CustomerProfiles/{Sid}", { params: { path: { Sid } } });
  });

  it("types SIDs by kind: a SID of another kind does not compile, a guard narrows a plain string", async () => {
    const assignment = "BV5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";
    // @ts-expect-error an Entity Assignment SID where a Customer Profile SID goes
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: assignment } } });
    // @ts-expect-error a Customer Profile SID where a policy SID goes
    void client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "A", Email: "a@b.example", PolicySid: Sid } });
    // @ts-expect-error ... and in a list filter
    void client.GET("/v1/CustomerProfiles", { params: { query: { PolicySid: Sid } } });
    const profile = await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid } } }));
    expectTypeOf(profile.sid).toEqualTypeOf<CustomerProfileSid | null | undefined>();
    const page = await unwrap(client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: Sid } } }));
    expectTypeOf(page.results[0]!.sid).toEqualTypeOf<EntityAssignmentSid | null | undefined>();
    // A response's SID goes where that kind goes, with no cast.
    if (profile.sid) void client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profile.sid } } });

    const fromElsewhere: string = String(Math.random());
    // @ts-expect-error a plain string is not a Customer Profile SID
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: fromElsewhere } } });
    if (isCustomerProfileSid(fromElsewhere)) {
      expectTypeOf(fromElsewhere).toEqualTypeOf<CustomerProfileSid>();
      void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: fromElsewhere } } });
    }
    expectTypeOf(isEntityAssignmentSid).guards.toEqualTypeOf<EntityAssignmentSid>();
    // A schema whose pattern has no literal prefix (any two letters) stays a string, with a guard all the same.
    expectTypeOf<ObjectSid>().toEqualTypeOf<string>();
    expectTypeOf(isObjectSid).guards.toEqualTypeOf<ObjectSid>();
  });

  it("names the init type of a call, and rejects keys the spec does not define at any depth", () => {
    expectTypeOf<CallInit<"/v1/CustomerProfiles/{Sid}", "GET">["params"]["path"]>().toEqualTypeOf<{ Sid: CustomerProfileSid }>();
    // @ts-expect-error Sid is required in params.path
    const noSid: CallInit<"/v1/CustomerProfiles/{Sid}", "GET"> = { params: { path: {} } };
    void noSid;
    // @ts-expect-error an unknown path parameter
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid, Other: "x" } } });
    // @ts-expect-error a list call that needs its CustomerProfileSid
    void client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments");
    // Keys openapi-fetch passes through to middleware are still accepted at the top level.
    void client.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 5 } }, traceId: "abc" });
  });

  it("refuses openapi-fetch's per-call transport options", () => {
    const path = { Sid };
    // @ts-expect-error baseUrl is not a per-call option
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, baseUrl: "https://elsewhere.example" });
    // @ts-expect-error fetch is not a per-call option
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, fetch: globalThis.fetch });
    // @ts-expect-error redirect is not a per-call option
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, redirect: "follow" });
    // @ts-expect-error Request is not a per-call option
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, Request });
    // @ts-expect-error querySerializer is not a per-call option
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, querySerializer: () => "" });
    // @ts-expect-error bodySerializer is not a per-call option
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, bodySerializer: () => "" });
    // @ts-expect-error pathSerializer is not a per-call option
    void client.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, pathSerializer: (p: string) => p });
  });

  it("rejects the common paginate() mistakes", async () => {
    // @ts-expect-error `for` instead of `for await`
    for (const profile of paginate(client, "/v1/CustomerProfiles")) void profile;
    const awaited = await paginate(client, "/v1/CustomerProfiles");
    // @ts-expect-error awaiting paginate() gives the iterable, not an array of items
    void awaited.length;
    // @ts-expect-error ... so it is not a list to return either
    const asArray: CustomerProfile[] = awaited;
    void asArray;
  });
});
