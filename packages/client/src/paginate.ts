// Paging through list operations. Which paths are lists, where a page keeps its items and its next-page
// link, and which query parameter sizes a page (up to what) all come from the spec's generated metadata.
import { createQuerySerializer } from "openapi-fetch";
import type { paths, TwilioError } from "@trusthub/types";
import { clientOrigin, invalidOption, unwrap, type TrustHubClient } from "./client.js";
import { TrustHubValidationError } from "./errors.js";
import type { operations } from "./generated/spec.js";
import { responseError } from "./transport.js";
import { operationMeta, own } from "./validate.js";

type Table = typeof operations;
type ListEntry = { GET: { list: object } };
/** The paths whose GET returns one page of a list, linked to the next page (generated from the spec). */
export type ListPath = { [P in keyof Table]: Table[P] extends ListEntry ? P : never }[keyof Table];

type ListOperation<P extends ListPath> = paths[P]["get"];
type ItemsKey<P extends ListPath> = Extract<Table[P], ListEntry>["GET"]["list"]["itemsKey"];
/** One page of a list operation, as the API returns it. */
export type ListPage<P extends ListPath> = ListOperation<P>["responses"][200]["content"]["application/json"];
/** One item of a list operation. */
export type ListItem<P extends ListPath> = ListPage<P>[ItemsKey<P>] extends ReadonlyArray<infer T> ? T : never;

type Params<P extends ListPath> = ListOperation<P>["parameters"];
type ParamsInit<P extends ListPath> = [Params<P>["path"]] extends [never | undefined]
  ? {
      /** The filters of the first request (`query`), as for `client.GET`. */
      params?: { query?: Params<P>["query"] };
    }
  : {
      /** The path parameters (`path`, required) and the filters of the first request (`query`), as for `client.GET`. */
      params: { path: NonNullable<Params<P>["path"]>; query?: Params<P>["query"] };
    };

/** The `init` argument of `paginate()` and `paginatePages()` for the list at `P`. */
export type PaginateInit<P extends ListPath> = ParamsInit<P> & {
  /** Stop after this many items (asks for a page size of min(limit, the spec's maximum) unless one is given). */
  limit?: number;
  /** Items per page (the list operation's page-size query parameter). */
  pageSize?: number;
  /** Aborts the iteration, including a request in flight. */
  signal?: AbortSignal;
};

type PageResult<P extends ListPath> = { data?: ListPage<P>; error?: TwilioError; response: Response };
type Rest<P extends ListPath> = ParamsInit<P> extends { params: object } ? [init: PaginateInit<P>] : [init?: PaginateInit<P>];

/**
 * Iterates over the pages of a list operation, following each page's next-page link. Holds one page at a
 * time. Stops with an error when the link leaves the client's origin (it would receive our credentials) or
 * repeats a page already fetched.
 *
 * Iterate it with `for await (const page of paginatePages(...))`: it requests nothing until iterated.
 */
export function paginatePages<P extends ListPath>(client: TrustHubClient, path: P, ...init: Rest<P>): AsyncGenerator<ListPage<P>, void, undefined>;
export function paginatePages<P extends ListPath>(client: TrustHubClient, path: P, ...[init]: Rest<P>): AsyncGenerator<ListPage<P>, void, undefined> {
  return walk(client, path, init as WalkInit, false) as AsyncGenerator<ListPage<P>, void, undefined>;
}

/**
 * Iterates over the items of every page of a list operation (see `paginatePages`), up to `limit`.
 * `break` stops cleanly: no further page is requested.
 *
 * Iterate it with `for await (const item of paginate(...))` (a plain `for` does not compile): it requests
 * nothing until iterated, and it is not an array. Deleting the items while iterating skips some (the pages
 * shift under the iterator): collect them first, or re-read the first page until it is empty.
 */
export function paginate<P extends ListPath>(client: TrustHubClient, path: P, ...init: Rest<P>): AsyncGenerator<ListItem<P>, void, undefined>;
export function paginate<P extends ListPath>(client: TrustHubClient, path: P, ...[init]: Rest<P>): AsyncGenerator<ListItem<P>, void, undefined> {
  return walk(client, path, init as WalkInit, true) as AsyncGenerator<ListItem<P>, void, undefined>;
}

// Both iterators in one generator: it yields each page, or each item of each page (`items`), so paginate()
// stops at exactly `limit` items and paginatePages() after the page that reaches it.
type WalkInit = { params?: { path?: object; query?: object }; limit?: number; pageSize?: number; signal?: AbortSignal } | undefined;
async function* walk(client: TrustHubClient, path: string, init: WalkInit, each: boolean): AsyncGenerator<unknown, void, undefined> {
  const origin = clientOrigin(client);
  const meta = operationMeta("GET", path);
  const list = meta?.list;
  if (!list) throw new TrustHubValidationError(`${path} is not a list operation`);
  const link = list.nextPageUrl.join(".");
  const o = init ?? {};
  const limit = o.limit ?? Infinity;
  if (!(limit >= 0)) throw invalidOption("limit", "must be a non-negative number", "minimum", 0);
  let query: Record<string, unknown> = { ...o.params?.query };
  const size = list.pageSizeParam;
  if (o.pageSize !== undefined) query[size] = o.pageSize;
  else if (query[size] === undefined && limit !== Infinity) query[size] = Math.max(1, Math.min(limit, list.maxPageSize));

  // Every page is requested at the list's own path, so its query, as openapi-fetch encodes it and in a fixed
  // order, tells requests apart however a link writes them (escapes, order, repeats, a stray `&` or `#`).
  const serialize = createQuerySerializer();
  const requestKey = () => serialize(query).split("&").sort().join("&");
  const seen = new Set<string>();
  let count = 0;
  while (count < limit) {
    seen.add(requestKey());
    // openapi-fetch cannot resolve its init and result types for a generic path: the query is built at run
    // time (and validated by the client), and the result of a list path is a ListPage.
    const result = await (client.GET(path as ListPath, { params: { ...o.params, query }, signal: o.signal } as never) as Promise<PageResult<ListPath>>);
    const page = await unwrap(result);
    const fail = (why: string) => responseError(why, result.response, "GET", () => (result.response.url ? new URL(result.response.url).pathname : path));
    // A page that breaks the list's shape is refused before any of it is yielded.
    const items = own(page, list.itemsKey);
    if (!Array.isArray(items) || items.some((item) => typeof item !== "object" || !item || Array.isArray(item))) fail(`${list.itemsKey} is not an array of objects`);
    const next = list.nextPageUrl.reduce(own, page);
    if (next !== null && !(typeof next === "string" && URL.canParse(next))) fail(`${link} is neither null nor an absolute URL`);
    if (!each) {
      yield page;
      count += (items as unknown[]).length;
    } else {
      for (const item of items as unknown[]) {
        yield item;
        if (++count >= limit) return;
      }
    }
    if (next === null || !(items as unknown[]).length) return;
    const url = new URL(next as string);
    if (url.origin !== origin) fail(`${link} points to ${url.origin}, not the client's origin ${origin}; not followed`);
    // The next page's query is the URL's (it carries the page token and the filters); numbers are sent as numbers.
    const nextQuery = new Map<string, unknown>();
    for (const [key, text] of url.searchParams) {
      const value = meta.query?.[key]?.type === "integer" && /^\d+$/.test(text) ? Number(text) : text;
      if (nextQuery.has(key) && nextQuery.get(key) !== value) fail(`${link} gives ${key} twice, differently`);
      nextQuery.set(key, value);
    }
    query = Object.fromEntries(nextQuery);
    if (seen.has(requestKey())) fail(`${link} repeats a page already fetched`);
  }
}
