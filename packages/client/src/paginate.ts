import type { paths } from "@trusthub/types";
import { clientState, unwrap, type TrustHubClient } from "./client.js";
import { TrustHubResponseError, TrustHubValidationError } from "./errors.js";
import { listPaths, operations } from "./generated/spec.js";

/** The paths whose GET returns pages linked by `meta.next_page_url` (generated from the spec). */
export type ListPath = (typeof listPaths)[number];

type ListOperation<P extends ListPath> = paths[P]["get"];
type ItemsKey<P extends ListPath> = (typeof operations)[P]["GET"]["list"]["itemsKey"];
/** One page of a list operation, as the API returns it. */
export type ListPage<P extends ListPath> = ListOperation<P>["responses"][200]["content"]["application/json"];
/** One item of a list operation. */
export type ListItem<P extends ListPath> = ListPage<P>[ItemsKey<P>] extends ReadonlyArray<infer T> ? T : never;

type Params<P extends ListPath> = ListOperation<P>["parameters"];
type ParamsInit<P extends ListPath> = [Params<P>["path"]] extends [never | undefined]
  ? { params?: { query?: Params<P>["query"] } }
  : { params: { path: NonNullable<Params<P>["path"]>; query?: Params<P>["query"] } };

export type PaginateInit<P extends ListPath> = ParamsInit<P> & {
  /** Stop after this many items (asks for PageSize = min(limit, 1000) unless a page size is given). */
  limit?: number;
  /** Items per page (the PageSize query parameter). */
  pageSize?: number;
  /** Aborts the iteration, including a request in flight. */
  signal?: AbortSignal;
};

const MAX_PAGE_SIZE = 1000;

/**
 * Iterates over the pages of a list operation, following `meta.next_page_url`. Holds one page at a time.
 * Stops with an error when the next page URL leaves the client's origin (it would receive our credentials)
 * or repeats a page already fetched.
 */
export async function* paginatePages<P extends ListPath>(
  client: TrustHubClient,
  path: P,
  ...[init]: ParamsInit<P> extends { params: object } ? [PaginateInit<P>] : [PaginateInit<P>?]
): AsyncGenerator<ListPage<P>, void, undefined> {
  const { origin } = clientState(client);
  const meta = operations[path]?.GET;
  if (!meta || !("list" in meta)) throw new TrustHubValidationError(`${path} is not a list operation`);
  const o = (init ?? {}) as PaginateInit<P> & { params?: { path?: object; query?: Record<string, unknown> } };
  const limit = o.limit ?? Infinity;
  if (!(limit >= 0)) throw new TrustHubValidationError("limit must be a non-negative number");
  const query: Record<string, unknown> = { ...o.params?.query };
  if (o.pageSize !== undefined) query.PageSize = o.pageSize;
  else if (query.PageSize === undefined && limit !== Infinity) query.PageSize = Math.max(1, Math.min(limit, MAX_PAGE_SIZE));

  const seen = new Set<string>();
  let count = 0;
  while (count < limit) {
    const page = (await unwrap(
      client.GET(path as "/v1/CustomerProfiles", { params: { ...o.params, query } as never, signal: o.signal }),
    )) as ListPage<P>;
    const items = page[meta.list.itemsKey as keyof ListPage<P>] as unknown[];
    yield page;
    count += items.length;
    const next = page.meta.next_page_url;
    if (!next || items.length === 0) return;
    const url = new URL(next);
    if (url.origin !== origin) {
      throw new TrustHubResponseError(`next_page_url points to ${url.origin}, not the client's origin ${origin}; not followed`, 200, null, "GET", url.pathname);
    }
    if (seen.has(url.href)) throw new TrustHubResponseError("next_page_url repeats a page already fetched", 200, null, "GET", url.pathname);
    seen.add(url.href);
    // The next page's query is the URL's (it carries PageToken and the filters); numbers are sent as numbers.
    for (const key of Object.keys(query)) delete query[key];
    for (const [key, value] of url.searchParams) {
      const type = (meta.query as Record<string, { type?: string }>)[key]?.type;
      query[key] = type === "integer" && /^\d+$/.test(value) ? Number(value) : value;
    }
  }
}

/**
 * Iterates over the items of every page of a list operation (see `paginatePages`), up to `limit`.
 * `break` stops cleanly: no further page is requested.
 */
export async function* paginate<P extends ListPath>(
  client: TrustHubClient,
  path: P,
  ...[init]: ParamsInit<P> extends { params: object } ? [PaginateInit<P>] : [PaginateInit<P>?]
): AsyncGenerator<ListItem<P>, void, undefined> {
  const limit = init?.limit ?? Infinity;
  let count = 0;
  const meta = operations[path]?.GET;
  for await (const page of paginatePages(client, path, ...([init] as [PaginateInit<P>]))) {
    for (const item of page[(meta as { list: { itemsKey: string } }).list.itemsKey as keyof ListPage<P>] as ListItem<P>[]) {
      yield item;
      if (++count >= limit) return;
    }
  }
}
