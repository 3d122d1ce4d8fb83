// paginate() and paginatePages() (src/paginate.ts): following each page's next-page link with its query,
// limit and page size, break, the list paths only, and the pages they refuse: a link to another origin or
// back to a page already fetched (however it is written), a page that breaks the list's shape. The list's
// shape (items key, next-page link, page-size parameter and maximum) is read from the generated metadata,
// as paginate reads it. On a fake fetch playing a paging server.
import { collect, rejectionOfType, twilioErrorBody } from "@trusthub/test-support";
import { describe, expect, it } from "vitest";
import { paginate, paginatePages, TrustHubApiError, TrustHubResponseError, TrustHubValidationError, type TrustHubClient } from "../src/index.js";
import { operations } from "../src/generated/spec.js";
import { fakeClient, json, type Answer, type Sent } from "./helpers/fake-fetch.js";
import { listPage, profile, SIDS } from "./helpers/resources.js";

const PATH = "/v1/CustomerProfiles";
const NESTED = "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments";
const LIST = operations[PATH].GET.list;
const SIZE = LIST.pageSizeParam;
const LINK = LIST.nextPageUrl.join(".");
const ORIGIN = "https://trusthub.twilio.com";
/** Enough for every test here; a runaway iteration fails `collect`. */
const MAX = 1_000;

/**
 * A paging server: `total` items named item-0.., `SIZE` per page (default `pageSize`), each page addressed by
 * Page and checked PageToken; its link carries the page size, the next Page and PageToken, and the request's
 * `keep` parameters.
 */
function pager(o: { total: number; pageSize?: number; keep?: string[]; token?: (page: number) => string }): Answer {
  const token = o.token ?? ((page: number) => `PT${page}`);
  return (request) => {
    const { origin, pathname, searchParams: q } = new URL(request.url);
    const size = Number(q.get(SIZE) ?? o.pageSize ?? 50);
    const page = Number(q.get("Page") ?? "0");
    if (page > 0 && q.get("PageToken") !== token(page)) return json(400, twilioErrorBody(400, 20001, "bad PageToken"));
    const items = [];
    for (let n = page * size; n < Math.min((page + 1) * size, o.total); n++) items.push(profile(SIDS.profile, { friendly_name: `item-${n}` }));
    let next: string | null = null;
    if ((page + 1) * size < o.total) {
      const kept = (o.keep ?? []).flatMap((key) => (q.has(key) ? [[key, q.get(key)!]] : []));
      const link = new URLSearchParams([...kept, [SIZE, String(size)], ["Page", String(page + 1)], ["PageToken", token(page + 1)]]);
      next = `${origin}${pathname}?${link}`;
    }
    return json(200, listPage(origin, pathname, items, { page, pageSize: size, nextPageUrl: next }));
  };
}
/** One-item pages linking to `next(request index)` (a query and/or fragment, or null) on the request's own path. */
function linking(next: (index: number) => string | null): Answer {
  let index = 0;
  return (request) => {
    const query = next(index++);
    const { origin, pathname } = new URL(request.url);
    return json(200, listPage(origin, pathname, [profile()], { nextPageUrl: query === null ? null : `${origin}${pathname}${query}` }));
  };
}
const paging = (answer: Answer) => fakeClient([], { maxRetries: 0 }, answer);
const names = (items: Array<{ friendly_name?: string | null }>) => items.map((item) => item.friendly_name);
const queries = (sent: Sent[]) => sent.map((s) => Object.fromEntries(s.url.searchParams));

describe("following the next-page link", () => {
  it("yields every page's items in order, and stops at a null link", async () => {
    const { client, sent } = paging(pager({ total: 7, pageSize: 3 }));
    expect(names(await collect(paginate(client, PATH), MAX))).toEqual(["item-0", "item-1", "item-2", "item-3", "item-4", "item-5", "item-6"]);
    expect(sent.map((s) => `${s.request.method} ${s.url.pathname}`)).toEqual(Array(3).fill(`GET ${PATH}`));
  });

  it("sends exactly the link's query: the filters it carries, not those it drops, a token with reserved characters as is", async () => {
    const token = (page: number) => `a+b/c=d&e ${page}%`;
    const { client, sent } = paging(pager({ total: 5, keep: ["Status"], token }));
    await collect(paginate(client, PATH, { params: { query: { Status: "draft", FriendlyName: "A & B" } }, pageSize: 2 }), MAX);
    expect(queries(sent)).toEqual([
      { FriendlyName: "A & B", [SIZE]: "2", Status: "draft" },
      { Status: "draft", [SIZE]: "2", Page: "1", PageToken: token(1) },
      { Status: "draft", [SIZE]: "2", Page: "2", PageToken: token(2) },
    ]);
  });

  it("stops at an empty page, even one that links a next page", async () => {
    const { client, sent } = paging((request) => json(200, listPage(ORIGIN, PATH, [], { nextPageUrl: `${request.url}&PageToken=PT1` })));
    expect(await collect(paginatePages(client, PATH), MAX)).toHaveLength(1);
    expect(sent).toHaveLength(1);
  });

  it("paginatePages yields the pages whole", async () => {
    const { client } = paging(pager({ total: 5, pageSize: 2 }));
    const pages = await collect(paginatePages(client, PATH), MAX);
    expect(pages.map((p) => names(p.results))).toEqual([["item-0", "item-1"], ["item-2", "item-3"], ["item-4"]]);
    expect(pages.map((p) => p.meta.next_page_url)).toEqual([`${ORIGIN}${PATH}?${SIZE}=2&Page=1&PageToken=PT1`, `${ORIGIN}${PATH}?${SIZE}=2&Page=2&PageToken=PT2`, null]);
  });

  it("sends a nested list's path parameter on every page", async () => {
    const { client, sent } = paging(pager({ total: 5, pageSize: 2 }));
    const init = { params: { path: { CustomerProfileSid: SIDS.profile }, query: { ObjectType: "end_user" } } };
    expect(await collect(paginate(client, NESTED, init), MAX)).toHaveLength(5);
    expect(sent.map((s) => s.url.pathname)).toEqual(Array(3).fill(`/v1/CustomerProfiles/${SIDS.profile}/EntityAssignments`));
    expect(sent[0]!.url.searchParams.get("ObjectType")).toBe("end_user");
  });

  it("throws an API error of a later page after the earlier pages' items", async () => {
    const pages = pager({ total: 10, pageSize: 2 });
    const { client, sent } = fakeClient([pages, json(500, twilioErrorBody(500, 20500))], { maxRetries: 0 });
    const seen: unknown[] = [];
    await rejectionOfType(async () => {
      for await (const item of paginate(client, PATH)) seen.push(item);
    }, TrustHubApiError);
    expect([seen.length, sent.length]).toEqual([2, 2]);
  });

  it("keeps count and order over many pages of the largest size", async () => {
    const PAGES = 20;
    const { client, sent } = paging(pager({ total: PAGES * LIST.maxPageSize }));
    let count = 0;
    for await (const item of paginate(client, PATH, { pageSize: LIST.maxPageSize })) if (item.friendly_name === `item-${count}`) count++;
    expect([count, sent.length]).toEqual([PAGES * LIST.maxPageSize, PAGES]);
  });
});

describe("limit, pageSize and break", () => {
  it.each([
    [{ limit: 5, pageSize: 2 }, 5, ["2", "2", "2"]],
    [{ limit: 7 }, 7, ["7"]],
    [{ limit: 5 * LIST.maxPageSize }, 100, [String(LIST.maxPageSize)]],
    [{}, 100, [null]],
    [{ pageSize: 3, limit: 10 }, 10, ["3", "3", "3", "3"]],
    [{ params: { query: { [SIZE]: 7 } }, limit: 20 }, 20, ["7", "7", "7"]],
  ])("%o: yields %i items, asking for page sizes %o", async (init, count, sizes) => {
    const { client, sent } = paging(pager({ total: 100, pageSize: 100 }));
    expect(await collect(paginate(client, PATH, init as never), MAX)).toHaveLength(count);
    expect(sent.map((s) => s.url.searchParams.get(SIZE))).toEqual(sizes);
  });

  it("limit 0 yields nothing and sends nothing", async () => {
    const { client, sent } = paging(pager({ total: 100 }));
    expect(await collect(paginate(client, PATH, { limit: 0 }), MAX)).toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it("paginatePages stops after the page that reaches limit", async () => {
    const { client, sent } = paging(pager({ total: 100 }));
    expect((await collect(paginatePages(client, PATH, { limit: 5, pageSize: 2 }), MAX)).map((p) => p.results.length)).toEqual([2, 2, 2]);
    expect(sent).toHaveLength(3);
  });

  it("break stops cleanly: mid-page, at a page's end, and out of paginatePages, no further page is requested", async () => {
    const { client, sent } = paging(pager({ total: 100 }));
    for (const [stopAt, requests] of [[3, 2], [2, 1]] as const) {
      sent.length = 0;
      let count = 0;
      for await (const item of paginate(client, PATH, { pageSize: 2 })) if ((void item, ++count === stopAt)) break;
      expect(sent).toHaveLength(requests);
    }
    sent.length = 0;
    let pages = 0;
    for await (const page of paginatePages(client, PATH, { pageSize: 10 })) if ((void page, ++pages === 2)) break;
    expect(sent).toHaveLength(2);
  });

  it.each([{ pageSize: 5 * LIST.maxPageSize }, { pageSize: 0 }, { limit: -1 }, { limit: Number.NaN }])("refuses %o before any request", async (init) => {
    const { client, sent } = paging(pager({ total: 100 }));
    await rejectionOfType(paginate(client, PATH, init).next(), TrustHubValidationError);
    await rejectionOfType(paginatePages(client, PATH, init).next(), TrustHubValidationError);
    expect(sent).toHaveLength(0);
  });
});

describe("what paginate refuses before any request", () => {
  it.each(["BV0123456789abcdef0123456789abcdef", "BU123", "../.."])("a nested list's CustomerProfileSid %j", async (sid) => {
    const { client, sent } = paging(pager({ total: 1 }));
    await rejectionOfType(paginate(client, NESTED, { params: { path: { CustomerProfileSid: sid as never } } }).next(), TrustHubValidationError);
    expect(sent).toHaveLength(0);
  });

  it("a nested list without its path parameter, a path that is not a list, a client not made by createTrustHubClient()", async () => {
    const { client, sent } = paging(pager({ total: 1 }));
    const fake = { GET: client.GET, POST: client.POST, DELETE: client.DELETE, use: () => {}, eject: () => {} } as TrustHubClient;
    for (const iterator of [
      paginate(client, NESTED, { params: {} } as never),
      paginate(client, "/v1/CustomerProfiles/{Sid}" as never, { params: { path: { Sid: SIDS.profile } } } as never),
      paginatePages(client, "/v1/Nope" as never),
      paginate(fake, PATH),
    ]) {
      await rejectionOfType(iterator.next(), TrustHubValidationError);
    }
    expect(sent).toHaveLength(0);
  });
});

describe("links paginate does not follow", () => {
  /** The TrustHubResponseError `iterable` ends with, and how many requests were sent. */
  async function refusal(answer: Answer, iterate: (c: TrustHubClient) => AsyncIterable<unknown> = (c) => paginate(c, PATH)) {
    const { client, sent } = paging(answer);
    const error = await rejectionOfType(collect(iterate(client), MAX), TrustHubResponseError);
    return { error, requests: sent.length, sent };
  }
  const linkingTo = (next: string) => () => json(200, listPage(ORIGIN, PATH, [profile()], { nextPageUrl: next }));

  it.each([
    "https://evil.example/v1/CustomerProfiles?PageToken=PT1",
    "http://trusthub.twilio.com/v1/CustomerProfiles?PageToken=PT1",
    "https://trusthub.twilio.com:8443/v1/CustomerProfiles?PageToken=PT1",
    "javascript:alert(1)",
    "data:text/plain,x",
  ])("one to another origin: %s", async (next) => {
    const { error, sent } = await refusal(linkingTo(next));
    expect(error.message).toContain(LINK);
    expect(sent.map((s) => s.url.origin)).toEqual([ORIGIN]);
  });

  it.each([
    ["the same link", "?PageToken=A", "?PageToken=A"],
    ["a percent-encoded letter", "?PageToken=A", "?PageToken=%41"],
    ["another parameter order", "?PageToken=A&PageSize=2", "?PageSize=2&PageToken=A"],
    ["a duplicated parameter", "?PageToken=A", "?PageToken=A&PageToken=A"],
    ["a trailing &", "?PageToken=A", "?PageToken=A&"],
    ["+ for a space", "?PageToken=A%20B", "?PageToken=A+B"],
    ["a fragment", "?PageToken=A", "?PageToken=A#more"],
    ["a leading zero in an integer parameter", "?PageToken=A&PageSize=2", "?PageToken=A&PageSize=02"],
  ])("one back to a page already fetched, written with %s", async (_, first, again) => {
    const { error, requests } = await refusal(linking((index) => (index === 0 ? first : again)));
    expect(error.message).toContain("repeats");
    expect(requests).toBe(2);
  });

  it("a cycle of two links, after both pages", async () => {
    expect((await refusal(linking((index) => (index % 2 ? "?PageToken=A" : "?PageToken=B")))).requests).toBe(3);
  });

  it.each(["", "?", "?&", "#top", `?${SIZE}=2&Status=draft&FriendlyName=A+%26+B`])("one back to the first request, written %j", async (query) => {
    const init = query.includes("Status") ? { params: { query: { Status: "draft" as const, FriendlyName: "A & B" } }, pageSize: 2 } : {};
    expect((await refusal(linking(() => query), (c) => paginatePages(c, PATH, init))).requests).toBe(1);
  });

  it("one back to a nested list's first request", async () => {
    const init = { params: { path: { CustomerProfileSid: SIDS.profile }, query: { ObjectType: "end_user" } } };
    expect((await refusal(linking(() => "?ObjectType=end_user"), (c) => paginate(c, NESTED, init))).requests).toBe(1);
  });

  it("one giving a parameter twice, differently", async () => {
    const { error, requests } = await refusal(linking(() => "?PageToken=A&PageToken=B"));
    expect(error.message).toContain("PageToken");
    expect(requests).toBe(1);
  });

  it("links that only a naive decode-and-join would confuse are all followed", async () => {
    // The token "A&Status=draft" alone, then the token "A" with Status=draft: two different requests.
    const links = ["?PageToken=A%26Status%3Ddraft", "?Status=draft&PageToken=A", null];
    const { client, sent } = paging(linking((index) => links[index] ?? null));
    expect(await collect(paginate(client, PATH), MAX)).toHaveLength(3);
    expect(sent.map((s) => s.url.searchParams.get("PageToken"))).toEqual([null, "A&Status=draft", "A"]);
  });
});

describe("a page that breaks the list's shape is refused before any of it is yielded", () => {
  /** Sets the value at `keys` of a page. */
  const at = (keys: readonly string[], value: unknown) => (page: Record<string, any>) => {
    const parent = keys.slice(0, -1).reduce((node, key) => node[key], page);
    parent[keys.at(-1)!] = value;
  };
  const parentKeys = LIST.nextPageUrl.slice(0, -1);
  const cases = (keys: readonly string[], values: unknown[]) =>
    values.map((v) => [`${keys.join(".")} ${JSON.stringify(v)}`, at(keys, v)] as [string, (page: Record<string, any>) => void]);
  it.each([
    ...cases([LIST.itemsKey], [null, 42, "abc", { 0: profile(), length: 1 }, [profile(), null], ["abc"]]),
    ...cases(parentKeys, [null, "meta", []]),
    ...cases(LIST.nextPageUrl, [undefined, 2, true, { href: ORIGIN }, "", `${PATH}?PageToken=PT1`, "?PageToken=PT1", "next page"]),
  ])("%s", async (_, breakPage) => {
    const answer = () => {
      const page = listPage(ORIGIN, PATH, [profile()], { nextPageUrl: `${ORIGIN}${PATH}?PageToken=PT1` });
      breakPage(page);
      return json(200, page);
    };
    for (const iterate of [paginate, paginatePages]) {
      const { client, sent } = paging(answer);
      const error = await rejectionOfType(iterate(client, PATH).next(), TrustHubResponseError);
      expect([error.status, error.method, error.path, sent.length]).toEqual([200, "GET", PATH, 1]);
    }
  });
});
