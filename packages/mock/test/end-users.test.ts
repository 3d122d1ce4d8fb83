// A resource the store was never told about: the EndUsers-like fixture (tools/test-support/fixtures/end-users.yaml) added to
// the bundled spec and served with startMock({ stateful, spec, data }). Prism validates in front, as always.
// Its object-valued `Attributes` form field travels as JSON text and is stored and served as the object.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect, twilioErrorBody } from "@trusthub/test-support";
import { startMock, type RunningMock } from "../src/index.js";
import { ACCOUNT_SID, assertBuilt, expectRefusal, raw, writeFixtureSpec } from "./helpers.js";

const END_USER_SID = /^IT[0-9a-f]{32}$/;
const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const fromFile = {
  sid: "IT0123456789abcdef0123456789abcdef",
  account_sid: ACCOUNT_SID,
  friendly_name: "From the data file",
  type: "individual",
  attributes: { first_name: "Ada" },
  date_created: "2026-02-11T12:00:03Z",
  date_updated: "2026-02-11T12:00:03Z",
  url: "https://trusthub.twilio.com/v1/EndUsers/IT0123456789abcdef0123456789abcdef",
};

interface EndUser {
  sid: string;
  attributes: unknown;
  [key: string]: unknown;
}

describe("an EndUsers-like resource that only the served spec knows", () => {
  let dir: string;
  let mock: RunningMock;
  const created: EndUser[] = [];

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), "trusthub-mock-end-users-"));
    const data = join(dir, "data.json");
    writeFileSync(data, JSON.stringify({ endUsers: [fromFile] }));
    mock = await startMock({ stateful: true, spec: writeFixtureSpec(dir), data });
  });

  afterAll(async () => {
    await mock?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Every page of the list, PageSize 1, following next_page_url (which must stay on the mock's origin). */
  async function* listPages(): AsyncGenerator<EndUser[]> {
    let path: string | undefined = "/v1/EndUsers?PageSize=1";
    while (path) {
      const page = await raw(mock.url, "GET", path);
      expect(page.status).toBe(200);
      const body = page.body as { results: EndUser[]; meta: { next_page_url: string | null } };
      yield body.results;
      const next = body.meta.next_page_url;
      if (next) expect(new URL(next).origin).toBe(mock.url);
      path = next ? next.slice(mock.url.length) : undefined;
    }
  }

  it("create → fetch → paged list → delete", async () => {
    const attributes = [{ first_name: "Jane", last_name: "Doe" }, { business_name: "Acme & Sons", employees: 12, tags: ["a b", "c+d"] }];
    for (const [i, value] of attributes.entries()) {
      const response = await raw(mock.url, "POST", "/v1/EndUsers", {
        form: { FriendlyName: `End user ${i}`, Type: "authorized_representative_1", Attributes: JSON.stringify(value) },
      });
      expect(response.status, response.text).toBe(201);
      const body = response.body as EndUser;
      expect(body).toEqual({
        sid: expect.stringMatching(END_USER_SID),
        account_sid: ACCOUNT_SID,
        friendly_name: `End user ${i}`,
        type: "authorized_representative_1",
        attributes: value,
        date_created: expect.stringMatching(ISO_SECOND),
        date_updated: body.date_created,
        url: `${mock.url}/v1/EndUsers/${body.sid}`,
      });
      created.push(body);
    }

    for (const endUser of created) {
      const fetched = await raw(mock.url, "GET", `/v1/EndUsers/${endUser.sid}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(endUser);
    }

    const pages = await collect(listPages(), 20);
    expect(pages).toEqual([[fromFile], ...created.map((e) => [e])]);

    const doomed = created[0]!;
    const deleted = await raw(mock.url, "DELETE", `/v1/EndUsers/${doomed.sid}`);
    expect(deleted.status).toBe(204);
    const gone = await raw(mock.url, "GET", `/v1/EndUsers/${doomed.sid}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(twilioErrorBody(404, 20404, `The requested resource /v1/EndUsers/${doomed.sid} was not found`));
    expect((await collect(listPages(), 20)).flat().map((e) => e.sid)).toEqual([fromFile.sid, ...created.slice(1).map((e) => e.sid)]);
  });

  it("Attributes: Prism turns away text that is not a JSON object, the store turns away broken JSON (Twilio 400s both); nothing is stored", async () => {
    const create = (Attributes: string) => raw(mock.url, "POST", "/v1/EndUsers", { form: { FriendlyName: "Invalid attributes", Type: "individual", Attributes } });
    for (const text of ["not json", "[1, 2]", "42", '"a string"']) expectRefusal(await create(text), "Attributes");
    const broken = await create("{first_name: Jane}");
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual(twilioErrorBody(400, 20001, "Invalid Attributes: not valid JSON"));

    // The spec's other constraints hold as for any resource.
    expectRefusal(await raw(mock.url, "POST", "/v1/EndUsers", { form: { Type: "individual" } }), "FriendlyName");
    expectRefusal(await raw(mock.url, "POST", "/v1/EndUsers", { form: { FriendlyName: "x", Type: "robot" } }), "Type");

    const names = (await collect(listPages(), 20)).flat().map((e) => e.friendly_name);
    expect(names).not.toContain("Invalid attributes");
  });

  it("without Attributes, an end user has attributes: null", async () => {
    const response = await raw(mock.url, "POST", "/v1/EndUsers", { form: { FriendlyName: "No attributes", Type: "individual" } });
    expect(response.status).toBe(201);
    expect((response.body as EndUser).attributes).toBeNull();
  });
});
