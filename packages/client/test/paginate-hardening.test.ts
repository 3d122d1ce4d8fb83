// paginate()/paginatePages() against sloppy or hostile list servers: a page already requested is recognised
// however its next-page link is written (the first page included), and a page that breaks the list's shape is
// refused with a TrustHubResponseError before any of it is yielded. The list's shape (items key, next-page
// link) is read from the client's generated metadata, as paginate reads it.
import { collect } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTrustHubClient, paginate, paginatePages, TrustHubError, TrustHubResponseError, type TrustHubClient } from "../src/index.js";
import { operations } from "../src/generated/spec.js";
import { startRecordingServer, type Handler, type RecordingServer } from "./helpers/recording-server.js";
import { listPage, profile, SIDS } from "./helpers/resources.js";

const PATH = "/v1/CustomerProfiles";
const NESTED = "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments";
const LIST = operations[PATH].GET.list;
const LINK = LIST.nextPageUrl.join(".");
/** Enough for every test here; a runaway iteration fails `collect` with a plain Error. */
const MAX = 50;

let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(() => server.close());

function client(): TrustHubClient {
  return createTrustHubClient({ accountSid: SIDS.account, authToken: "paginate-token", baseUrl: server.url, maxRetries: 0, env: {} });
}

/** Sets the value at `keys` of a JSON object, creating nothing: the path must exist. */
function setAt(node: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  const parent = keys.slice(0, -1).reduce((n, key) => n[key] as Record<string, unknown>, node);
  parent[keys.at(-1)!] = value;
}

/** A one-item page linking to `next(request index)` (a query and/or fragment) on the request's own path. */
function linking(next: (index: number) => string | null): Handler {
  return (req, { origin, index }) => {
    const query = next(index);
    return { body: listPage(origin, req.path, [profile()], { nextPageUrl: query === null ? null : `${origin}${req.path}${query}` }) };
  };
}

/** The error `iterable` ends with (collect bounds it); fails the test when it ends without one. */
async function failure(iterable: AsyncIterable<unknown>): Promise<TrustHubResponseError> {
  const error = await collect(iterable, MAX).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrustHubError);
  expect(error).toBeInstanceOf(TrustHubResponseError);
  return error as TrustHubResponseError;
}

describe("a page already requested is recognised however its link is written", () => {
  it.each([
    ["a percent-encoded letter", "?PageToken=A", "?PageToken=%41"],
    ["another parameter order", "?PageToken=A&PageSize=2", "?PageSize=2&PageToken=A"],
    ["a duplicated parameter", "?PageToken=A", "?PageToken=A&PageToken=A"],
    ["a trailing &", "?PageToken=A", "?PageToken=A&"],
    ["+ for a space", "?PageToken=A%20B", "?PageToken=A+B"],
    ["a fragment", "?PageToken=A", "?PageToken=A#more"],
    ["a leading zero in an integer parameter", "?PageToken=A&PageSize=2", "?PageToken=A&PageSize=02"],
  ])("%s: stops before sending the same request again", async (_, first, again) => {
    server.setHandler(linking((index) => (index === 0 ? first : again)));
    const error = await failure(paginate(client(), PATH));
    expect(error.message).toContain("repeats a page already fetched");
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.query.get("PageToken")).toBe(new URLSearchParams(first).get("PageToken"));
  });

  it("links that only a naive decode-and-join would confuse are all followed", async () => {
    // The token "A&Status=draft" alone, then the token "A" with Status=draft: two different requests.
    const links = ["?PageToken=A%26Status%3Ddraft", "?Status=draft&PageToken=A", null];
    server.setHandler(linking((index) => links[index] ?? null));
    const items = await collect(paginate(client(), PATH), MAX);
    expect(items).toHaveLength(3);
    expect(server.requests.map((r) => r.query.get("PageToken"))).toEqual([null, "A&Status=draft", "A"]);
  });
});

describe("the first page is recorded too", () => {
  it("a link back to the first request, written differently, sends nothing more", async () => {
    server.setHandler(linking(() => `?${LIST.pageSizeParam}=2&Status=draft&FriendlyName=A+%26+B`));
    const error = await failure(paginate(client(), PATH, { params: { query: { Status: "draft", FriendlyName: "A & B" } }, pageSize: 2 }));
    expect(error.message).toContain("repeats a page already fetched");
    expect(server.requests).toHaveLength(1);
  });

  it.each(["", "?", "?&", "#top"])("a first request without a query and a link %j to it", async (query) => {
    server.setHandler(linking(() => query));
    await failure(paginatePages(client(), PATH));
    expect(server.requests).toHaveLength(1);
  });

  it("on a nested list too", async () => {
    server.setHandler(linking(() => "?ObjectType=end_user"));
    const init = { params: { path: { CustomerProfileSid: SIDS.profile }, query: { ObjectType: "end_user" } } };
    await failure(paginate(client(), NESTED, init));
    expect(server.requests).toHaveLength(1);
  });
});

describe("a malformed page is refused before any of it is yielded", () => {
  const items = (value: unknown) => (page: Record<string, unknown>) => setAt(page, [LIST.itemsKey], value);
  const link = (value: unknown) => (page: Record<string, unknown>) => setAt(page, LIST.nextPageUrl, value);
  const parentKeys = LIST.nextPageUrl.slice(0, -1);
  const linkParent = (value: unknown) => (page: Record<string, unknown>) => setAt(page, parentKeys, value);
  const parent = parentKeys.join(".");
  const cases: Array<[string, (page: Record<string, unknown>) => void]> = [
    [`${LIST.itemsKey} null`, items(null)],
    [`${LIST.itemsKey} a number`, items(42)],
    [`${LIST.itemsKey} a string`, items("abc")],
    [`${LIST.itemsKey} an object`, items({ 0: profile(), length: 1 })],
    [`${LIST.itemsKey} with a null item`, items([profile(), null])],
    [`${LIST.itemsKey} with a string item`, items(["abc"])],
    [`${parent} null`, linkParent(null)],
    [`${parent} a string`, linkParent("meta")],
    [`${parent} an array`, linkParent([])],
    [`${LINK} missing`, link(undefined)], // JSON.stringify leaves an undefined property out
    [`${LINK} a number`, link(2)],
    [`${LINK} true`, link(true)],
    [`${LINK} an object`, link({ href: "http://127.0.0.1/" })],
    [`${LINK} an empty string`, link("")],
    [`${LINK} a relative URL`, link(`${PATH}?PageToken=PT1`)],
    [`${LINK} a query alone`, link("?PageToken=PT1")],
    [`${LINK} not a URL`, link("next page")],
  ];

  it.each(cases)("%s", async (_, breakPage) => {
    server.setHandler((req, { origin }) => {
      const page = listPage(origin, req.path, [profile()], { nextPageUrl: `${origin}${req.path}?PageToken=PT1` });
      breakPage(page);
      return { body: page };
    });
    const error = await failure(paginate(client(), PATH));
    expect([error.status, error.method, error.path]).toEqual([200, "GET", PATH]);
    // paginatePages never yields it either.
    await expect(paginatePages(client(), PATH).next()).rejects.toBeInstanceOf(TrustHubResponseError);
    expect(server.requests).toHaveLength(2);
  });

  it(`a string ${LIST.itemsKey} is never iterated letter by letter`, async () => {
    server.setHandler((req, { origin }) => {
      const page = listPage(origin, req.path, [], {});
      setAt(page, [LIST.itemsKey], "letters");
      return { body: page };
    });
    await expect(paginate(client(), PATH).next()).rejects.toBeInstanceOf(TrustHubResponseError);
    expect(server.requests).toHaveLength(1);
  });

  it(`${LINK} with one parameter given twice, differently, is refused after its page`, async () => {
    server.setHandler(linking(() => "?PageToken=A&PageToken=B"));
    const error = await failure(paginate(client(), PATH));
    expect(error.message).toContain("PageToken");
    expect(server.requests).toHaveLength(1);
  });
});
