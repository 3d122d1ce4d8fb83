// The stateful mock with the real spec: CustomerProfiles and their EntityAssignments in the in-memory store
// behind Prism (proxy mode, --errors). One mock serves the whole first describe; every test creates what it
// needs under its own FriendlyName (or policy SID), so the tests do not depend on each other's order. A
// second mock starts from a data file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTrustHubClient,
  paginate,
  paginatePages,
  TrustHubApiError,
  unwrap,
  type CustomerProfile,
  type CustomerProfileEntityAssignment,
  type CustomerProfileSid,
  type EntityAssignmentSid,
  type PolicySid,
  type TrustHubClient,
} from "@trusthub/client";
import { startMock, type RunningMock } from "../src/index.js";
import { collect, randomSid } from "@trusthub/test-support";
import { ACCOUNT_SID, assertBuilt, expectRefusal, POLICY_SID, raw } from "./helpers.js";

const PROFILE_SID = /^BU[0-9a-f]{32}$/;
const ASSIGNMENT_SID = /^BV[0-9a-f]{32}$/;
const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const END_USER = "IT2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c";
const DOCUMENT = "RD4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e";
const run = randomUUID().slice(0, 8);

/** A FriendlyName no other test (or earlier run against the same mock) uses. */
const uniqueName = (label: string) => `${label} ${run} ${randomUUID().slice(0, 8)}`;

function notFoundBody(path: string): Record<string, unknown> {
  return {
    code: 20404,
    message: expect.stringContaining(path),
    more_info: "https://www.twilio.com/docs/errors/20404",
    status: 404,
  };
}

describe("stateful mock", () => {
  let mock: RunningMock;
  let client: TrustHubClient;

  beforeAll(async () => {
    assertBuilt();
    const started = performance.now();
    mock = await startMock({ stateful: true });
    console.info(`stateful mock started in ${Math.round(performance.now() - started)} ms at ${mock.url}`);
    client = createTrustHubClient({ baseUrl: mock.url, accountSid: ACCOUNT_SID, authToken: "x", maxRetries: 0 });
  });

  afterAll(async () => {
    await mock?.stop();
  });

  async function createProfile(
    friendlyName: string,
    extra: { PolicySid?: PolicySid; Email?: string; StatusCallback?: string } = {},
  ): Promise<CustomerProfile & { sid: CustomerProfileSid }> {
    const profile = await unwrap(
      client.POST("/v1/CustomerProfiles", {
        body: { FriendlyName: friendlyName, Email: "compliance@acme.example", PolicySid: POLICY_SID, ...extra },
      }),
    );
    expect(profile.sid).toMatch(PROFILE_SID);
    return profile as CustomerProfile & { sid: CustomerProfileSid };
  }

  async function assign(profileSid: CustomerProfileSid, objectSid: string): Promise<CustomerProfileEntityAssignment & { sid: string }> {
    const assignment = await unwrap(
      client.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path: { CustomerProfileSid: profileSid } },
        body: { ObjectSid: objectSid },
      }),
    );
    expect(assignment.sid).toMatch(ASSIGNMENT_SID);
    return assignment as CustomerProfileEntityAssignment & { sid: string };
  }

  async function listByName(friendlyName: string): Promise<CustomerProfile[]> {
    const page = await unwrap(client.GET("/v1/CustomerProfiles", { params: { query: { FriendlyName: friendlyName } } }));
    return page.results;
  }

  describe("CustomerProfiles", () => {
    it("creates a profile (201, a new BU… SID, draft), which is then fetchable and listed", async () => {
      const name = uniqueName("Create Co");
      const { data, response } = await client.POST("/v1/CustomerProfiles", {
        body: {
          FriendlyName: name,
          Email: "create@acme.example",
          PolicySid: POLICY_SID,
          StatusCallback: "https://acme.example/trusthub/status",
        },
      });
      expect(response.status).toBe(201);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const sid = data!.sid!;
      expect(sid).toMatch(PROFILE_SID);
      const self = `${mock.url}/v1/CustomerProfiles/${sid}`;
      expect(data).toEqual({
        sid,
        account_sid: ACCOUNT_SID,
        policy_sid: POLICY_SID,
        friendly_name: name,
        status: "draft",
        valid_until: null,
        email: "create@acme.example",
        status_callback: "https://acme.example/trusthub/status",
        date_created: expect.stringMatching(ISO_SECOND),
        date_updated: data!.date_created,
        url: self,
        links: {
          customer_profiles_entity_assignments: `${self}/EntityAssignments`,
          customer_profiles_evaluations: `${self}/Evaluations`,
          customer_profiles_channel_endpoint_assignment: `${self}/ChannelEndpointAssignments`,
        },
        errors: null,
      });

      // A second create gets another SID.
      const other = await createProfile(uniqueName("Create Co other"));
      expect(other.sid).not.toBe(sid);

      const fetched = await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: sid } } }));
      expect(fetched).toEqual(data);

      const listed = await listByName(name);
      expect(listed).toEqual([data]);
      const everything = await collect(paginate(client, "/v1/CustomerProfiles", { pageSize: 1000 }));
      expect(everything.map((p) => p.sid)).toEqual(expect.arrayContaining([sid, other.sid]));
    });

    it("filters the list by Status, FriendlyName and PolicySid", async () => {
      const policy = randomSid("RN"); // this test's own policy, so other tests' profiles never match
      const otherPolicy = randomSid("RN");
      const a = await createProfile(uniqueName("Filter A"), { PolicySid: policy });
      const b = await createProfile(uniqueName("Filter B"), { PolicySid: policy });
      const c = await createProfile(uniqueName("Filter C"), { PolicySid: otherPolicy });
      await unwrap(client.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: b.sid } }, body: { Status: "pending-review" } }));

      const list = async (query: { Status?: "draft" | "pending-review" | "twilio-approved"; FriendlyName?: string; PolicySid?: PolicySid }) =>
        (await unwrap(client.GET("/v1/CustomerProfiles", { params: { query } }))).results.map((p) => p.sid);

      expect(await list({ PolicySid: policy })).toEqual([a.sid, b.sid]);
      expect(await list({ PolicySid: otherPolicy })).toEqual([c.sid]);
      expect(await list({ PolicySid: policy, Status: "draft" })).toEqual([a.sid]);
      expect(await list({ PolicySid: policy, Status: "pending-review" })).toEqual([b.sid]);
      expect(await list({ PolicySid: policy, Status: "twilio-approved" })).toEqual([]);
      expect(await list({ FriendlyName: c.friendly_name! })).toEqual([c.sid]);
      expect(await list({ FriendlyName: a.friendly_name!, PolicySid: otherPolicy })).toEqual([]);
      expect(await list({ FriendlyName: uniqueName("Nobody") })).toEqual([]);

      // Status alone: b is among the pending-review profiles, a and c are not.
      const pending = await collect(paginate(client, "/v1/CustomerProfiles", { params: { query: { Status: "pending-review" } } }));
      expect(pending.every((p) => p.status === "pending-review")).toBe(true);
      expect(pending.map((p) => p.sid)).toContain(b.sid);
      expect(pending.map((p) => p.sid)).not.toContain(a.sid);

      // The filters are echoed in the page's own URLs.
      const page = await unwrap(client.GET("/v1/CustomerProfiles", { params: { query: { PolicySid: policy, Status: "draft" } } }));
      const url = new URL(page.meta.url);
      expect(url.searchParams.get("PolicySid")).toBe(policy);
      expect(url.searchParams.get("Status")).toBe("draft");
    });

    it("updates Status, FriendlyName, Email and StatusCallback, and moves date_updated", async () => {
      const created = await createProfile(uniqueName("Update Co"));
      // date_* have a resolution of one second: let one pass so the update's timestamp differs.
      await new Promise((resolve) => setTimeout(resolve, 1_100));

      const newName = uniqueName("Update Co renamed");
      const { data: updated, response } = await client.POST("/v1/CustomerProfiles/{Sid}", {
        params: { path: { Sid: created.sid } },
        body: {
          Status: "pending-review",
          FriendlyName: newName,
          Email: "trust@acme.example",
          StatusCallback: "https://acme.example/cb",
        },
      });
      expect(response.status).toBe(200);
      expect(updated).toEqual({
        ...created,
        status: "pending-review",
        friendly_name: newName,
        email: "trust@acme.example",
        status_callback: "https://acme.example/cb",
        date_updated: expect.stringMatching(ISO_SECOND),
      });
      expect(updated!.date_created).toBe(created.date_created);
      expect(Date.parse(updated!.date_updated!)).toBeGreaterThan(Date.parse(created.date_updated!));

      const fetched = await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: created.sid } } }));
      expect(fetched).toEqual(updated);
      expect(await listByName(newName)).toEqual([updated]);
      expect(await listByName(created.friendly_name!)).toEqual([]);

      // A partial update changes only what it names.
      const partial = await unwrap(
        client.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: created.sid } }, body: { Status: "draft" } }),
      );
      expect(partial).toEqual({ ...updated, status: "draft", date_updated: expect.stringMatching(ISO_SECOND) });
    });

    it("pages with PageSize and PageToken; next_page_url is absolute on the mock's own origin", async () => {
      const name = uniqueName("Paging Co");
      const sids: string[] = [];
      for (let i = 0; i < 7; i++) sids.push((await createProfile(name)).sid);

      // The client's paginators follow next_page_url (they refuse any other origin).
      const pages = await collect(
        paginatePages(client, "/v1/CustomerProfiles", { params: { query: { FriendlyName: name } }, pageSize: 3 }),
      );
      expect(pages.map((p) => p.results.length)).toEqual([3, 3, 1]);
      expect(pages.map((p) => p.meta.page)).toEqual([0, 1, 2]);
      expect(pages.flatMap((p) => p.results.map((r) => r.sid))).toEqual(sids);
      const items = await collect(paginate(client, "/v1/CustomerProfiles", { params: { query: { FriendlyName: name } }, pageSize: 2 }));
      expect(items.map((p) => p.sid)).toEqual(sids);
      const limited = await collect(paginate(client, "/v1/CustomerProfiles", { params: { query: { FriendlyName: name } }, limit: 4 }));
      expect(limited.map((p) => p.sid)).toEqual(sids.slice(0, 4));

      // The raw meta, page by page.
      const origin = new URL(mock.url).origin;
      const query = new URLSearchParams({ FriendlyName: name, PageSize: "3" });
      const first = await raw(mock.url, "GET", `/v1/CustomerProfiles?${query}`);
      expect(first.status).toBe(200);
      const meta0 = (first.body as { meta: Record<string, unknown> }).meta;
      expect(meta0).toMatchObject({ key: "results", page: 0, page_size: 3, previous_page_url: null });
      for (const key of ["url", "first_page_url", "next_page_url"]) expect(new URL(meta0[key] as string).origin).toBe(origin);
      const next = new URL(meta0.next_page_url as string);
      expect(next.pathname).toBe("/v1/CustomerProfiles");
      expect(next.searchParams.get("FriendlyName")).toBe(name);
      expect(next.searchParams.get("PageSize")).toBe("3");
      expect(next.searchParams.get("Page")).toBe("1");
      expect(next.searchParams.get("PageToken")).toBeTruthy();

      const visited: string[][] = [];
      let url: string | null = `${mock.url}/v1/CustomerProfiles?${query}`;
      for (let i = 0; url && i < 10; i++) {
        const page = await raw(mock.url, "GET", url.slice(origin.length));
        expect(page.status).toBe(200);
        const body = page.body as { results: Array<{ sid: string }>; meta: { page: number; previous_page_url: string | null; next_page_url: string | null; first_page_url: string } };
        visited.push(body.results.map((r) => r.sid));
        expect(body.meta.page).toBe(i);
        expect(new URL(body.meta.first_page_url).searchParams.get("PageToken")).toBeNull();
        if (i > 0) expect(new URL(body.meta.previous_page_url!).origin).toBe(origin);
        url = body.meta.next_page_url;
        if (url) expect(new URL(url).origin).toBe(origin);
      }
      expect(visited).toEqual([sids.slice(0, 3), sids.slice(3, 6), sids.slice(6)]);
    });

    it("deletes a profile (204); fetching it then gives 404 with the Twilio error body", async () => {
      const profile = await createProfile(uniqueName("Delete Co"));
      const path = `/v1/CustomerProfiles/${profile.sid}`;

      const { response } = await client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profile.sid } } });
      expect(response.status).toBe(204);

      const fetched = await raw(mock.url, "GET", path);
      expect(fetched.status).toBe(404);
      expect(fetched.headers.get("content-type")).toMatch(/^application\/json/);
      expect(fetched.body).toEqual(notFoundBody(path));

      const error = await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profile.sid } } })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrustHubApiError);
      expect(error).toMatchObject({ status: 404, code: 20404, moreInfo: "https://www.twilio.com/docs/errors/20404" });

      expect(await listByName(profile.friendly_name!)).toEqual([]);
      expect((await raw(mock.url, "DELETE", path)).body).toEqual(notFoundBody(path));
      const update = await raw(mock.url, "POST", path, { form: { FriendlyName: "ghost" } });
      expect(update.status).toBe(404);
      expect(update.body).toEqual(notFoundBody(path));
    });

    it("answers 404 for a well-formed SID that was never created", async () => {
      const path = `/v1/CustomerProfiles/${randomSid("BU")}`;
      const response = await raw(mock.url, "GET", path);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(notFoundBody(path));
    });
  });

  describe("EntityAssignments", () => {
    it("creates (201, BV… SID), lists with the ObjectType filter, fetches and deletes assignments", async () => {
      const profile = await createProfile(uniqueName("Assign Co"));
      const base = `${mock.url}/v1/CustomerProfiles/${profile.sid}/EntityAssignments`;
      const path = { CustomerProfileSid: profile.sid };

      const { data: endUser, response } = await client.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path },
        body: { ObjectSid: END_USER },
      });
      expect(response.status).toBe(201);
      expect(endUser).toEqual({
        sid: expect.stringMatching(ASSIGNMENT_SID),
        customer_profile_sid: profile.sid,
        account_sid: ACCOUNT_SID,
        object_sid: END_USER,
        date_created: expect.stringMatching(ISO_SECOND),
        url: `${base}/${endUser!.sid}`,
      });
      const document = await assign(profile.sid, DOCUMENT);
      expect(document.sid).not.toBe(endUser!.sid);

      const list = async (ObjectType?: string) =>
        (
          await unwrap(
            client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
              params: { path, query: ObjectType === undefined ? {} : { ObjectType } },
            }),
          )
        ).results;
      expect(await list()).toEqual([endUser, document]);
      // A create sends no object type, so the assignments have none: no ObjectType matches them (the data
      // file's records can carry one, below).
      expect(await list("authorized_representative_1")).toEqual([]);

      const fetched = await unwrap(
        client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { ...path, Sid: document.sid } } }),
      );
      expect(fetched).toEqual(document);

      const { response: deleted } = await client.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
        params: { path: { ...path, Sid: endUser!.sid! } },
      });
      expect(deleted.status).toBe(204);
      expect(await list()).toEqual([document]);
      const gonePath = `/v1/CustomerProfiles/${profile.sid}/EntityAssignments/${endUser!.sid}`;
      const gone = await raw(mock.url, "GET", gonePath);
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual(notFoundBody(gonePath));
      expect((await raw(mock.url, "DELETE", gonePath)).status).toBe(404);

      // The profile itself is untouched by its assignments.
      expect(await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profile.sid } } }))).toEqual(profile);
    });

    it("answers 404 for an assignment fetched or deleted under another profile", async () => {
      const owner = await createProfile(uniqueName("Owner Co"));
      const stranger = await createProfile(uniqueName("Stranger Co"));
      const assignment = await assign(owner.sid, END_USER);

      const wrongPath = `/v1/CustomerProfiles/${stranger.sid}/EntityAssignments/${assignment.sid}`;
      const fetched = await raw(mock.url, "GET", wrongPath);
      expect(fetched.status).toBe(404);
      expect(fetched.body).toEqual(notFoundBody(wrongPath));
      const deleted = await raw(mock.url, "DELETE", wrongPath);
      expect(deleted.status).toBe(404);

      const error = await unwrap(
        client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
          params: { path: { CustomerProfileSid: stranger.sid, Sid: assignment.sid } },
        }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrustHubApiError);
      expect(error).toMatchObject({ status: 404, code: 20404 });

      // Still there under its own profile, and not listed under the other one.
      const own = await raw(mock.url, "GET", `/v1/CustomerProfiles/${owner.sid}/EntityAssignments/${assignment.sid}`);
      expect(own.status).toBe(200);
      expect(own.body).toEqual(assignment);
      const strangers = await unwrap(
        client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: stranger.sid } } }),
      );
      expect(strangers.results).toEqual([]);
    });

    it("removes a profile's assignments when the profile is deleted", async () => {
      const doomed = await createProfile(uniqueName("Doomed Co"));
      const kept = await createProfile(uniqueName("Kept Co"));
      const a1 = await assign(doomed.sid, END_USER);
      const a2 = await assign(doomed.sid, DOCUMENT);
      const survivor = await assign(kept.sid, END_USER);

      await unwrap(client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: doomed.sid } } }));

      for (const a of [a1, a2]) {
        const path = `/v1/CustomerProfiles/${doomed.sid}/EntityAssignments/${a.sid}`;
        const response = await raw(mock.url, "GET", path);
        expect(response.status).toBe(404);
        expect(response.body).toEqual(notFoundBody(path));
      }
      const listPath = `/v1/CustomerProfiles/${doomed.sid}/EntityAssignments`;
      const listed = await raw(mock.url, "GET", listPath);
      expect(listed.status).toBe(404);
      expect(listed.body).toEqual(notFoundBody(listPath));
      const created = await raw(mock.url, "POST", listPath, { form: { ObjectSid: END_USER } });
      expect(created.status).toBe(404);

      // Another profile's assignments are not touched.
      const left = await unwrap(
        client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: kept.sid } } }),
      );
      expect(left.results).toEqual([survivor]);
    });
  });

  describe("validation and auth (Prism in front of the store)", () => {
    it("answers PageSize 0 (and over 1000) and an unknown Status with a Twilio 400", async () => {
      expectRefusal(await raw(mock.url, "GET", "/v1/CustomerProfiles?PageSize=0"), "PageSize", ">= 1");
      expectRefusal(await raw(mock.url, "GET", "/v1/CustomerProfiles?PageSize=1001"), "PageSize", "<= 1000");
      expectRefusal(await raw(mock.url, "GET", "/v1/CustomerProfiles?Status=approved"), "Status", "allowed values");
    });

    it("answers a form missing a required field (or with an invalid one) with a Twilio 400, and stores nothing", async () => {
      const name = uniqueName("Incomplete Co");
      const response = await raw(mock.url, "POST", "/v1/CustomerProfiles", { form: { FriendlyName: name, Email: "x@acme.example" } });
      expectRefusal(response, "PolicySid");
      expect((response.body as { message: string }).message).toBe("Missing required parameter PolicySid in the post body");
      expect(await listByName(name)).toEqual([]);

      const profile = await createProfile(uniqueName("Invalid update Co"));
      expectRefusal(await raw(mock.url, "POST", `/v1/CustomerProfiles/${profile.sid}`, { form: { Status: "approved" } }), "Status");
      expectRefusal(await raw(mock.url, "POST", `/v1/CustomerProfiles/${profile.sid}/EntityAssignments`, { form: { ObjectSid: "nope" } }), "ObjectSid");
      expectRefusal(await raw(mock.url, "POST", `/v1/CustomerProfiles/${profile.sid}/EntityAssignments`, { form: {} }), "ObjectSid");
      expect(await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profile.sid } } }))).toEqual(profile);
      const assignments = await unwrap(
        client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: profile.sid } } }),
      );
      expect(assignments.results).toEqual([]);
    });

    it("turns a refused request into TrustHubApiError through the client", async () => {
      const unchecked = createTrustHubClient({ baseUrl: mock.url, accountSid: ACCOUNT_SID, authToken: "x", maxRetries: 0, validate: false });
      const error = await unwrap(unchecked.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 0 } } })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrustHubApiError);
      expect(error).toMatchObject({ status: 400, code: 20001, message: expect.stringContaining("PageSize") });
    });

    it("answers the spec's 401 to missing or malformed credentials, and stores nothing", async () => {
      const authenticate = { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 };
      const list = await raw(mock.url, "GET", "/v1/CustomerProfiles", { auth: null });
      expect(list.status).toBe(401);
      expect(list.body).toEqual(authenticate);

      const name = uniqueName("No Auth Co");
      for (const auth of [null, `Basic ${Buffer.from("someone:secret").toString("base64")}`]) {
        const create = await raw(mock.url, "POST", "/v1/CustomerProfiles", { auth, form: { FriendlyName: name, Email: "x@acme.example", PolicySid: POLICY_SID } });
        expect(create.status).toBe(401);
        expect(create.body).toEqual(authenticate);
      }
      expect(await listByName(name)).toEqual([]);

      expect((await raw(mock.url, "GET", "/v1/CustomerProfiles", { auth: "Bearer abc" })).status).toBe(401);
    });

    it("accepts any Account SID or API Key SID with a secret, and takes account_sid from an Account SID", async () => {
      const other = randomSid("AC");
      const otherClient = createTrustHubClient({ baseUrl: mock.url, accountSid: other, authToken: "whatever", maxRetries: 0 });
      const mine = await unwrap(
        otherClient.POST("/v1/CustomerProfiles", { body: { FriendlyName: uniqueName("Other Account Co"), Email: "o@acme.example", PolicySid: POLICY_SID } }),
      );
      expect(mine.account_sid).toBe(other);

      const withKey = await raw(mock.url, "POST", "/v1/CustomerProfiles", {
        auth: `Basic ${Buffer.from(`${randomSid("SK")}:secret`).toString("base64")}`,
        form: { FriendlyName: uniqueName("API Key Co"), Email: "a@acme.example", PolicySid: POLICY_SID },
      });
      expect(withKey.status).toBe(201);
      expect((withKey.body as { account_sid: string }).account_sid).toBe("AC00000000000000000000000000000000");
    });
  });
});

describe("stateful mock with a data file", () => {
  const DATA_PROFILE: CustomerProfileSid = "BU1a2b3c4d5e6f708192a3b4c5d6e7f809";
  const DATA_DRAFT: CustomerProfileSid = "BU3c4d5e6f708192a3b4c5d6e7f8091a2b";
  const DATA_BUSINESS_INFO = "BV1111111111111111111111111111aaaa";
  const DATA_REPRESENTATIVE: EntityAssignmentSid = "BV2222222222222222222222222222bbbb";

  const profile = (sid: string, friendlyName: string, status: string) => ({
    sid,
    account_sid: ACCOUNT_SID,
    policy_sid: POLICY_SID,
    friendly_name: friendlyName,
    status,
    valid_until: null,
    email: "compliance@acme-retail.example",
    status_callback: null,
    date_created: "2026-02-11T12:00:03Z",
    date_updated: "2026-02-13T08:30:51Z",
    url: `https://trusthub.twilio.com/v1/CustomerProfiles/${sid}`,
    links: {
      customer_profiles_entity_assignments: `https://trusthub.twilio.com/v1/CustomerProfiles/${sid}/EntityAssignments`,
      customer_profiles_evaluations: `https://trusthub.twilio.com/v1/CustomerProfiles/${sid}/Evaluations`,
      customer_profiles_channel_endpoint_assignment: `https://trusthub.twilio.com/v1/CustomerProfiles/${sid}/ChannelEndpointAssignments`,
    },
    errors: null,
  });
  const assignment = (sid: string, objectSid: string) => ({
    sid,
    customer_profile_sid: DATA_PROFILE,
    account_sid: ACCOUNT_SID,
    object_sid: objectSid,
    date_created: "2026-02-11T12:05:00Z",
    url: `https://trusthub.twilio.com/v1/CustomerProfiles/${DATA_PROFILE}/EntityAssignments/${sid}`,
  });
  const approved = profile(DATA_PROFILE, "Acme Retail", "twilio-approved");
  const draft = profile(DATA_DRAFT, "Acme Travel", "draft");
  const businessInfo = assignment(DATA_BUSINESS_INFO, "RD4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e");
  const representative = assignment(DATA_REPRESENTATIVE, END_USER);
  // The draft profile's assignments: representatives and, between them, one of another type and one without.
  const draftAssignments = ["3", "4", "5", "6", "7"].map((digit, i) => ({
    ...assignment(`BV${digit.repeat(32)}`, END_USER),
    customer_profile_sid: DATA_DRAFT,
    ...[{ object_type: "authorized_representative_1" }, { object_type: "customer_profile_business_information" }, {}][i % 3],
  }));
  const data = {
    customerProfiles: [approved, draft],
    entityAssignments: [
      { ...businessInfo, object_type: "customer_profile_business_information" },
      { ...representative, object_type: "authorized_representative_1" },
      ...draftAssignments,
    ],
  };

  let dir: string;
  let mock: RunningMock;
  let client: TrustHubClient;

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), "trusthub-mock-data-"));
    const dataFile = join(dir, "data.json");
    writeFileSync(dataFile, JSON.stringify(data, null, 2));
    mock = await startMock({ stateful: true, data: dataFile });
    client = createTrustHubClient({ baseUrl: mock.url, accountSid: ACCOUNT_SID, authToken: "x", maxRetries: 0 });
  });

  afterAll(async () => {
    await mock?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves the profiles of the data file as they are in it", async () => {
    expect(await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: DATA_PROFILE } } }))).toEqual(approved);
    const approvedList = await unwrap(client.GET("/v1/CustomerProfiles", { params: { query: { Status: "twilio-approved" } } }));
    expect(approvedList.results).toEqual([approved]);
    const byName = await unwrap(client.GET("/v1/CustomerProfiles", { params: { query: { FriendlyName: "Acme Travel" } } }));
    expect(byName.results).toEqual([draft]);
    // The list's paging URLs are on the mock's origin even though the file's records' own URLs are not.
    expect(new URL(approvedList.meta.url).origin).toBe(new URL(mock.url).origin);
  });

  it("serves the assignments of the data file, filtered by their object_type there (which is not in the response)", async () => {
    const path = { CustomerProfileSid: DATA_PROFILE };
    const all = await unwrap(client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path } }));
    expect(all.results).toEqual([businessInfo, representative]);
    for (const item of all.results) expect(item).not.toHaveProperty("object_type");

    const byType = async (ObjectType: string) =>
      (await unwrap(client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path, query: { ObjectType } } }))).results;
    expect(await byType("customer_profile_business_information")).toEqual([businessInfo]);
    expect(await byType("authorized_representative_1")).toEqual([representative]);

    const fetched = await unwrap(
      client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { ...path, Sid: DATA_REPRESENTATIVE } } }),
    );
    expect(fetched).toEqual(representative);
  });

  it("pages the assignments of one object_type, keeping the ObjectType filter in next_page_url; one without matches none", async () => {
    const path = { CustomerProfileSid: DATA_DRAFT };
    const pages = await collect(
      paginatePages(client, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path, query: { ObjectType: "authorized_representative_1" } },
        pageSize: 1,
      }),
    );
    const representatives = draftAssignments.filter((a) => "object_type" in a && a.object_type === "authorized_representative_1");
    expect(pages.map((p) => p.results.map((a) => a.sid))).toEqual(representatives.map((a) => [a.sid]));
    const next = new URL(pages[0]!.meta.next_page_url!);
    expect(next.origin).toBe(new URL(mock.url).origin);
    expect(next.searchParams.get("ObjectType")).toBe("authorized_representative_1");
    // The one without an object_type is listed without the filter only.
    const all = await unwrap(client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path } }));
    expect(all.results.map((a) => a.sid)).toEqual(draftAssignments.map((a) => a.sid));
  });

  it("changes the data file's records like any other: update, create next to them, cascade on delete", async () => {
    const updated = await unwrap(
      client.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: DATA_DRAFT } }, body: { Status: "pending-review" } }),
    );
    expect(updated).toMatchObject({ sid: DATA_DRAFT, status: "pending-review", date_created: draft.date_created });
    expect(updated.date_updated).not.toBe(draft.date_updated);

    const created = await unwrap(
      client.POST("/v1/CustomerProfiles", { body: { FriendlyName: uniqueName("Data file neighbour"), Email: "n@acme.example", PolicySid: POLICY_SID } }),
    );
    expect(created.sid).toMatch(PROFILE_SID);
    expect(created.sid).not.toBe(DATA_PROFILE);

    const extra = await unwrap(
      client.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path: { CustomerProfileSid: DATA_DRAFT } },
        body: { ObjectSid: END_USER },
      }),
    );
    await unwrap(client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: DATA_DRAFT } } }));
    const gone = await raw(mock.url, "GET", `/v1/CustomerProfiles/${DATA_DRAFT}/EntityAssignments/${extra.sid}`);
    expect(gone.status).toBe(404);
    // The other profile of the file keeps its assignments.
    const kept = await raw(mock.url, "GET", `/v1/CustomerProfiles/${DATA_PROFILE}/EntityAssignments/${DATA_BUSINESS_INFO}`);
    expect(kept.status).toBe(200);
  });
});
