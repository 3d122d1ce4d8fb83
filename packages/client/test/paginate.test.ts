// paginate()/paginatePages() against a real paging server: following next_page_url, limits and page sizes,
// early break, origin and loop protection, streaming many pages, and the list-path-only typing.
import type { CustomerProfileEntityAssignmentListPage, CustomerProfileListPage } from "@trusthub/types";
import { collect, twilioErrorBody } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  createTrustHubClient,
  paginate,
  paginatePages,
  TrustHubError,
  TrustHubResponseError,
  TrustHubValidationError,
  type TrustHubClient,
  type TrustHubClientOptions,
} from "../src/index.js";
import { startRecordingServer, type Handler, type RecordingServer } from "./helpers/recording-server.js";
import { listPage, maxPageSize, SIDS } from "./helpers/resources.js";

let server: RecordingServer;
let other: RecordingServer | undefined;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(async () => {
  await server.close();
  await other?.close();
  other = undefined;
});

function client(extra: TrustHubClientOptions = {}): TrustHubClient {
  return createTrustHubClient({ accountSid: SIDS.account, authToken: "paginate-token", baseUrl: server.url, maxRetries: 0, env: {}, ...extra });
}

/**
 * A paging server: `total` items numbered 0.., `PageSize` per page (default `defaultSize`), pages addressed by
 * `Page` and `PageToken` (checked to match), next_page_url absolute on the server's own origin carrying
 * PageToken, the page size and any `keep` query parameters of the request.
 */
function pager(o: { total: number; defaultSize?: number; keep?: string[]; token?: (page: number) => string }): Handler {
  const token = o.token ?? ((page: number) => `PT${page}`);
  return (req, { origin }) => {
    const size = Number(req.query.get("PageSize") ?? o.defaultSize ?? 50);
    const page = Number(req.query.get("Page") ?? "0");
    if (page > 0 && req.query.get("PageToken") !== token(page)) {
      return { status: 400, body: twilioErrorBody(400, 20001, "bad PageToken") };
    }
    const first = page * size;
    const results: Array<{ status: string; friendly_name: string }> = [];
    for (let n = first; n < Math.min(first + size, o.total); n++) results.push({ status: "draft", friendly_name: `item-${n}` });
    let next: string | null = null;
    if (first + size < o.total) {
      const q = new URLSearchParams();
      for (const key of o.keep ?? []) {
        const value = req.query.get(key);
        if (value !== null) q.set(key, value);
      }
      q.set("PageSize", String(size));
      q.set("Page", String(page + 1));
      q.set("PageToken", token(page + 1));
      next = `${origin}${req.path}?${q}`;
    }
    return { body: listPage(origin, req.path, results, { page, pageSize: size, nextPageUrl: next }) };
  };
}

const MAX_PAGE_SIZE = maxPageSize("/v1/CustomerProfiles");

const sortedQuery = (q: URLSearchParams) => [...q.entries()].sort(([a], [b]) => a.localeCompare(b));

/** The items yielded before the iterable threw, and what it threw (undefined when it finished). */
async function collectUntilError<T>(iterable: AsyncIterable<T>, max = 100): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) {
      items.push(item);
      if (items.length > max) throw new Error("runaway iteration");
    }
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

describe("following next_page_url", () => {
  it("yields the items of every page, in order", async () => {
    server.setHandler(pager({ total: 7, defaultSize: 3 }));
    const names = (await collect(paginate(client(), "/v1/CustomerProfiles"), 100)).map((item) => item.friendly_name ?? "");
    expect(names).toEqual(["item-0", "item-1", "item-2", "item-3", "item-4", "item-5", "item-6"]);
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => r.method === "GET" && r.path === "/v1/CustomerProfiles")).toBe(true);
  });

  it("the next request uses exactly the query of next_page_url", async () => {
    server.setHandler(pager({ total: 5, keep: ["Status", "FriendlyName"] }));
    const names = (await collect(paginate(client(), "/v1/CustomerProfiles", {
      params: { query: { Status: "draft", FriendlyName: "A & B" } },
      pageSize: 2,
    }), 100)).map((item) => item.friendly_name ?? "");
    expect(names).toHaveLength(5);
    expect(server.requests).toHaveLength(3);
    expect(sortedQuery(server.requests[0]!.query)).toEqual([
      ["FriendlyName", "A & B"],
      ["PageSize", "2"],
      ["Status", "draft"],
    ]);
    expect(sortedQuery(server.requests[1]!.query)).toEqual([
      ["FriendlyName", "A & B"],
      ["Page", "1"],
      ["PageSize", "2"],
      ["PageToken", "PT1"],
      ["Status", "draft"],
    ]);
    expect(sortedQuery(server.requests[2]!.query)).toEqual([
      ["FriendlyName", "A & B"],
      ["Page", "2"],
      ["PageSize", "2"],
      ["PageToken", "PT2"],
      ["Status", "draft"],
    ]);
  });

  it("drops query parameters that next_page_url does not carry", async () => {
    server.setHandler(pager({ total: 4, keep: [] }));
    const count = (await collect(paginate(client(), "/v1/CustomerProfiles", { params: { query: { Status: "draft" } }, pageSize: 2 }), 100)).length;
    expect(count).toBe(4);
    expect(server.requests[0]!.query.get("Status")).toBe("draft");
    expect(server.requests[1]!.query.has("Status")).toBe(false);
    expect(server.requests[1]!.query.get("PageToken")).toBe("PT1");
  });

  it("passes a PageToken with reserved characters through unchanged", async () => {
    const token = (page: number) => `a+b/c=d&e ${page}%`;
    server.setHandler(pager({ total: 3, defaultSize: 1, token }));
    const count = (await collect(paginate(client(), "/v1/CustomerProfiles"), 100)).length;
    expect(count).toBe(3);
    expect(server.requests.map((r) => r.query.get("PageToken"))).toEqual([null, token(1), token(2)]);
  });

  it("stops at an empty page even when it links a next page", async () => {
    let n = 0;
    server.setHandler((req, { origin }) => ({
      body: listPage(origin, req.path, [], { nextPageUrl: `${origin}${req.path}?PageToken=PT${++n}` }),
    }));
    const pages = await collect(paginatePages(client(), "/v1/CustomerProfiles"), 100);
    expect(pages).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });

  it("stops when next_page_url is null", async () => {
    server.setHandler(pager({ total: 2, defaultSize: 50 }));
    const count = (await collect(paginate(client(), "/v1/CustomerProfiles"), 100)).length;
    expect(count).toBe(2);
    expect(server.requests).toHaveLength(1);
  });
});

describe("limit and page size", () => {
  it("stops after `limit` items and requests no further page", async () => {
    server.setHandler(pager({ total: 100 }));
    const names = (await collect(paginate(client(), "/v1/CustomerProfiles", { limit: 5, pageSize: 2 }), 100)).map((item) => item.friendly_name ?? "");
    expect(names).toEqual(["item-0", "item-1", "item-2", "item-3", "item-4"]);
    expect(server.requests).toHaveLength(3);
  });

  it("asks for PageSize = limit when no page size is given", async () => {
    server.setHandler(pager({ total: 100 }));
    const names = (await collect(paginate(client(), "/v1/CustomerProfiles", { limit: 7 }), 100)).map((item) => item.friendly_name ?? "");
    expect(names).toHaveLength(7);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.query.get("PageSize")).toBe("7");
  });

  it("asks for the spec's maximum PageSize when limit is larger", async () => {
    server.setHandler(pager({ total: 3 }));
    const count = (await collect(paginate(client(), "/v1/CustomerProfiles", { limit: 5 * MAX_PAGE_SIZE }), 100)).length;
    expect(count).toBe(3);
    expect(server.requests[0]!.query.get("PageSize")).toBe(String(MAX_PAGE_SIZE));
  });

  it("sends no PageSize without limit or pageSize", async () => {
    server.setHandler(pager({ total: 3 }));
    for await (const item of paginate(client(), "/v1/CustomerProfiles")) void item;
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.query.has("PageSize")).toBe(false);
  });

  it("the pageSize option sets PageSize (also with a limit)", async () => {
    server.setHandler(pager({ total: 100 }));
    const count = (await collect(paginate(client(), "/v1/CustomerProfiles", { pageSize: 3, limit: 10 }), 100)).length;
    expect(count).toBe(10);
    expect(server.requests[0]!.query.get("PageSize")).toBe("3");
    expect(server.requests).toHaveLength(4);
  });

  it("keeps an explicit query PageSize", async () => {
    server.setHandler(pager({ total: 100 }));
    const count = (await collect(paginate(client(), "/v1/CustomerProfiles", { params: { query: { PageSize: 7 } }, limit: 20 }), 100)).length;
    expect(count).toBe(20);
    expect(server.requests[0]!.query.get("PageSize")).toBe("7");
  });

  it("limit 0 yields nothing and sends nothing", async () => {
    let count = 0;
    for await (const item of paginate(client(), "/v1/CustomerProfiles", { limit: 0 })) {
      void item;
      count++;
    }
    expect(count).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it("paginatePages stops requesting once `limit` items were delivered", async () => {
    server.setHandler(pager({ total: 100 }));
    const sizes: number[] = [];
    for await (const page of paginatePages(client(), "/v1/CustomerProfiles", { limit: 5, pageSize: 2 })) {
      sizes.push(page.results.length);
      if (sizes.length > 100) throw new Error("runaway iteration");
    }
    expect(sizes).toEqual([2, 2, 2]);
    expect(server.requests).toHaveLength(3);
  });

  it("refuses an out-of-range pageSize before any request", async () => {
    await expect(paginate(client(), "/v1/CustomerProfiles", { pageSize: 5 * MAX_PAGE_SIZE }).next()).rejects.toBeInstanceOf(TrustHubValidationError);
    await expect(paginate(client(), "/v1/CustomerProfiles", { pageSize: 0 }).next()).rejects.toBeInstanceOf(TrustHubValidationError);
    await expect(paginatePages(client(), "/v1/CustomerProfiles", { pageSize: MAX_PAGE_SIZE + 1 }).next()).rejects.toBeInstanceOf(TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("paginatePages refuses a negative or NaN limit before any request", async () => {
    await expect(paginatePages(client(), "/v1/CustomerProfiles", { limit: -1 }).next()).rejects.toBeInstanceOf(TrustHubValidationError);
    await expect(paginatePages(client(), "/v1/CustomerProfiles", { limit: Number.NaN }).next()).rejects.toBeInstanceOf(TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("paginate refuses a negative or NaN limit before any request, like paginatePages", async () => {
    await expect(paginate(client(), "/v1/CustomerProfiles", { limit: Number.NaN }).next()).rejects.toBeInstanceOf(TrustHubValidationError);
    await expect(paginate(client(), "/v1/CustomerProfiles", { limit: -1 }).next()).rejects.toBeInstanceOf(TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("break", () => {
  it("`break` inside for-await stops cleanly: no further request", async () => {
    server.setHandler(pager({ total: 100 }));
    const c = client();
    const names: string[] = [];
    for await (const item of paginate(c, "/v1/CustomerProfiles", { pageSize: 2 })) {
      names.push(item.friendly_name ?? "");
      if (names.length === 3) break;
    }
    expect(names).toEqual(["item-0", "item-1", "item-2"]);
    expect(server.requests).toHaveLength(2);
    // A later, unrelated request is the next thing the server sees.
    await c.GET("/v1/CustomerProfiles", { params: { query: { FriendlyName: "sentinel" } } });
    expect(server.requests.map((r) => r.query.get("FriendlyName"))).toEqual([null, null, "sentinel"]);
    expect(server.requests[1]!.query.get("PageToken")).toBe("PT1");
  });

  it("`break` after the last item of a page does not fetch the next page", async () => {
    server.setHandler(pager({ total: 100 }));
    const c = client();
    let count = 0;
    for await (const item of paginate(c, "/v1/CustomerProfiles", { pageSize: 2 })) {
      void item;
      if (++count === 2) break;
    }
    expect(server.requests).toHaveLength(1);
  });

  it("`break` out of paginatePages stops too", async () => {
    server.setHandler(pager({ total: 100 }));
    let pages = 0;
    for await (const page of paginatePages(client(), "/v1/CustomerProfiles", { pageSize: 10 })) {
      void page;
      if (++pages === 2) break;
    }
    expect(server.requests).toHaveLength(2);
  });
});

describe("paginatePages", () => {
  it("yields whole typed pages", async () => {
    server.setHandler(pager({ total: 5, defaultSize: 2 }));
    const pages: CustomerProfileListPage[] = [];
    for await (const page of paginatePages(client(), "/v1/CustomerProfiles")) {
      expectTypeOf(page).toEqualTypeOf<CustomerProfileListPage>();
      pages.push(page);
      if (pages.length > 100) throw new Error("runaway iteration");
    }
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.meta.page)).toEqual([0, 1, 2]);
    expect(pages.map((p) => p.results.map((r) => r.friendly_name))).toEqual([["item-0", "item-1"], ["item-2", "item-3"], ["item-4"]]);
    expect(pages.map((p) => p.meta.key)).toEqual(["results", "results", "results"]);
    expect(pages[0]!.meta.next_page_url).toBe(`${server.url}/v1/CustomerProfiles?PageSize=2&Page=1&PageToken=PT1`);
    expect(pages[2]!.meta.next_page_url).toBeNull();
  });

  it("EntityAssignments pages are typed as such", async () => {
    server.setHandler(pager({ total: 1 }));
    for await (const page of paginatePages(client(), "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
      params: { path: { CustomerProfileSid: SIDS.profile } },
    })) {
      expectTypeOf(page).toEqualTypeOf<CustomerProfileEntityAssignmentListPage>();
      expect(page.results).toHaveLength(1);
    }
    expect(server.requests).toHaveLength(1);
  });
});

describe("next_page_url safety", () => {
  async function drain(iterable: AsyncIterable<unknown>): Promise<number> {
    let count = 0;
    for await (const item of iterable) {
      void item;
      if (++count > 10_000) throw new Error("runaway iteration");
    }
    return count;
  }

  it("refuses a next_page_url on another origin (another port): that server gets no request", async () => {
    other = await startRecordingServer(pager({ total: 10 }));
    const foreign = other.url;
    server.setHandler((req, { origin }) => ({
      body: listPage(origin, req.path, [{ status: "draft", friendly_name: "item-0" }], {
        nextPageUrl: `${foreign}/v1/CustomerProfiles?PageSize=1&Page=1&PageToken=PT1`,
      }),
    }));
    const { items, error } = await collectUntilError(paginate(client(), "/v1/CustomerProfiles"));
    const seen = items.map((item) => item.friendly_name ?? "");
    expect(error).toBeInstanceOf(TrustHubError);
    expect(error).toBeInstanceOf(TrustHubResponseError);
    expect(seen).toEqual(["item-0"]);
    expect(server.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });

  it.each([
    "https://evil.example/v1/CustomerProfiles?PageToken=PT1",
    "http://127.0.0.2:1/v1/CustomerProfiles?PageToken=PT1",
    "http://localhost:1/v1/CustomerProfiles?PageToken=PT1",
    "javascript:alert(1)",
    "data:text/plain,x",
  ])("refuses next_page_url %s", async (next) => {
    server.setHandler((req, { origin }) => ({ body: listPage(origin, req.path, [{ status: "draft" }], { nextPageUrl: next }) }));
    await expect(drain(paginate(client(), "/v1/CustomerProfiles"))).rejects.toBeInstanceOf(TrustHubError);
    expect(server.requests).toHaveLength(1);
  });

  it("refuses a next_page_url that differs from the base URL only by scheme", async () => {
    const port = server.port;
    server.setHandler((req) => ({
      body: listPage(`https://127.0.0.1:${port}`, req.path, [{ status: "draft" }], {
        nextPageUrl: `https://127.0.0.1:${port}/v1/CustomerProfiles?PageToken=PT1`,
      }),
    }));
    await expect(drain(paginate(client(), "/v1/CustomerProfiles"))).rejects.toBeInstanceOf(TrustHubError);
    expect(server.requests).toHaveLength(1);
  });

  it("refuses a repeated next_page_url (self loop) after a bounded number of requests", async () => {
    server.setHandler((req, { origin }) => ({
      body: listPage(origin, req.path, [{ status: "draft" }], { nextPageUrl: `${origin}/v1/CustomerProfiles?PageToken=SAME` }),
    }));
    await expect(drain(paginate(client(), "/v1/CustomerProfiles"))).rejects.toBeInstanceOf(TrustHubError);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it("refuses a cycle of next_page_urls (A -> B -> A) after a bounded number of requests", async () => {
    server.setHandler((req, { origin }) => {
      const nextToken = req.query.get("PageToken") === "A" ? "B" : "A";
      return { body: listPage(origin, req.path, [{ status: "draft" }], { nextPageUrl: `${origin}/v1/CustomerProfiles?PageToken=${nextToken}` }) };
    });
    await expect(drain(paginate(client(), "/v1/CustomerProfiles"))).rejects.toBeInstanceOf(TrustHubError);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(3);
  });

  it("a next_page_url that is not an absolute URL ends with an error and no further request", async () => {
    server.setHandler((req, { origin }) => ({
      body: listPage(origin, req.path, [{ status: "draft" }], { nextPageUrl: "/v1/CustomerProfiles?PageToken=PT1" }),
    }));
    await expect(drain(paginate(client(), "/v1/CustomerProfiles"))).rejects.toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it("an API error on a later page is thrown after the earlier pages' items", async () => {
    server.setHandler((req, ctx) => {
      if (ctx.index === 1) {
        return { status: 500, body: twilioErrorBody(500, 20500, "Internal Server Error") };
      }
      return pager({ total: 10, defaultSize: 2 })(req, ctx);
    });
    const { items, error } = await collectUntilError(paginate(client(), "/v1/CustomerProfiles"));
    const seen = items.map((item) => item.friendly_name ?? "");
    expect(error).toBeInstanceOf(TrustHubError);
    expect(seen).toEqual(["item-0", "item-1"]);
    expect(server.requests).toHaveLength(2);
  });
});

describe("streaming many pages", () => {
  it("iterates 200 pages of the largest size, holding none of them", async () => {
    const PAGES = 200;
    const SIZE = MAX_PAGE_SIZE;
    // Pre-render one page body per request cheaply: items are tiny and numbered across pages.
    server.setHandler((req, { origin }) => {
      const page = Number(req.query.get("Page") ?? "0");
      const results = new Array<{ friendly_name: string; status: string }>(SIZE);
      for (let i = 0; i < SIZE; i++) results[i] = { friendly_name: String(page * SIZE + i), status: "draft" };
      const next = page + 1 < PAGES ? `${origin}${req.path}?PageSize=${SIZE}&Page=${page + 1}&PageToken=PT${page + 1}` : null;
      return { body: listPage(origin, req.path, results, { page, pageSize: SIZE, nextPageUrl: next }) };
    });
    let count = 0;
    let inOrder = true;
    for await (const item of paginate(client(), "/v1/CustomerProfiles", { pageSize: SIZE })) {
      if (item.friendly_name !== String(count)) inOrder = false;
      count++;
      if (count > PAGES * SIZE + 1) throw new Error("runaway iteration");
    }
    expect(count).toBe(PAGES * SIZE);
    expect(inOrder).toBe(true);
    expect(server.requests).toHaveLength(PAGES);
    expect(server.requests[PAGES - 1]!.query.get("PageToken")).toBe(`PT${PAGES - 1}`);
  });
});

describe("EntityAssignments list", () => {
  it("sends the CustomerProfileSid path parameter on every page", async () => {
    server.setHandler(pager({ total: 5, defaultSize: 2 }));
    const count = (await collect(paginate(client(), "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
      params: { path: { CustomerProfileSid: SIDS.profile }, query: { ObjectType: "end_user" } },
    }), 100)).length;
    expect(count).toBe(5);
    expect(server.requests).toHaveLength(3);
    for (const r of server.requests) expect(r.path).toBe(`/v1/CustomerProfiles/${SIDS.profile}/EntityAssignments`);
    expect(server.requests[0]!.query.get("ObjectType")).toBe("end_user");
  });

  it("validates CustomerProfileSid before any request", async () => {
    const iterate = async (sid: string) => {
      for await (const item of paginate(client(), "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path: { CustomerProfileSid: sid as never } },
      })) {
        void item;
      }
    };
    await expect(iterate("BV0123456789abcdef0123456789abcdef")).rejects.toThrow(/CustomerProfileSid.*\^BU\[0-9a-fA-F\]\{32\}\$/);
    await expect(iterate("BU123")).rejects.toBeInstanceOf(TrustHubValidationError);
    await expect(iterate("../..")).rejects.toBeInstanceOf(TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("requires the path parameter (type error, and refused at run time)", async () => {
    const c = client();
    // @ts-expect-error: the EntityAssignments list needs params.path.CustomerProfileSid
    const missingInit = paginate(c, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments");
    await expect(missingInit.next()).rejects.toBeInstanceOf(TrustHubValidationError);
    // @ts-expect-error: params.path is required
    const missingPath = paginate(c, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: {} });
    await expect(missingPath.next()).rejects.toBeInstanceOf(TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("only list paths", () => {
  it("paginate() on a non-list path is a type error and is refused at run time", async () => {
    const c = client();
    // @ts-expect-error: "/v1/CustomerProfiles/{Sid}" is not a list path
    const items = paginate(c, "/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } });
    await expect(items.next()).rejects.toBeInstanceOf(TrustHubValidationError);
    // @ts-expect-error: nor is a path outside the spec
    const pages = paginatePages(c, "/v1/Nope");
    await expect(pages.next()).rejects.toBeInstanceOf(TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("paginate() needs a client made by createTrustHubClient()", async () => {
    const fake = { GET: client().GET, POST: client().POST, DELETE: client().DELETE, use: () => {}, eject: () => {} } as TrustHubClient;
    await expect(paginate(fake, "/v1/CustomerProfiles").next()).rejects.toBeInstanceOf(TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
