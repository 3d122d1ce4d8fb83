import * as openapiFetch from "openapi-fetch";
import type { Client, FetchResponse, MaybeOptionalInit, Middleware } from "openapi-fetch";
import type { paths, TwilioError } from "@trusthub/types";
import { TrustHubApiError, TrustHubValidationError } from "./errors.js";
import { operationMeta, own, validateRequest, type RequestParts } from "./validate.js";
import { guarded, MAX_TIMER_MS, responseError, withRetries, type Attempt, type RetryOptions } from "./transport.js";

declare const __CLIENT_VERSION__: string;

// openapi-fetch's CommonJS build sets `exports.default`; our CJS build imports it the way Node does (the
// whole `exports` as default), so unwrap one level there. The ESM build gets the function directly.
const createClient = ((openapiFetch.default as unknown as { default?: typeof openapiFetch.default }).default ??
  openapiFetch.default) as typeof openapiFetch.default;

export interface TrustHubClientOptions {
  /** Account SID (AC…). Falls back to TWILIO_ACCOUNT_SID. */
  accountSid?: string;
  /** Auth Token. Falls back to TWILIO_AUTH_TOKEN. */
  authToken?: string;
  /** API Key SID (SK…), used instead of the Auth Token. Falls back to TWILIO_API_KEY. */
  apiKeySid?: string;
  /** API Key secret. Falls back to TWILIO_API_SECRET. */
  apiKeySecret?: string;
  /** Default `https://trusthub.twilio.com`. `http:` is accepted for loopback hosts only. */
  baseUrl?: string;
  /** Twilio region, e.g. `ie1`: host `trusthub.{edge}.{region}.twilio.com`. */
  region?: string;
  /** Twilio edge, e.g. `dublin`; alone it implies region `us1`. */
  edge?: string;
  /** Per-attempt timeout in ms (default 30 000, at most 2^31−1). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 3; 0 disables). */
  maxRetries?: number;
  /** Fine-tuning of the retry backoff (each at most 2^31−1 ms). */
  retry?: Partial<Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "maxRetryAfterMs">>;
  /** The largest response body read, in bytes, counted after decoding (default 16 MiB). */
  maxResponseBytes?: number;
  /** Appended to the `trusthub-client/<version> node/<version>` User-Agent. */
  userAgent?: string | string[];
  /** A fetch implementation (default: the global fetch). */
  fetch?: (input: Request) => Promise<Response>;
  /** Extra openapi-fetch middleware, run in order. */
  middleware?: Middleware[];
  /** Check requests against the spec's constraints before sending (default true). */
  validate?: boolean;
  /** Where the TWILIO_* fallbacks are read (default `process.env`). */
  env?: Record<string, string | undefined>;
}

type FormMedia = "application/x-www-form-urlencoded";

type Lower = "get" | "post" | "delete";
type PathsWith<M extends Lower> = { [P in keyof paths]: paths[P] extends Record<M, object> ? P : never }[keyof paths];
type BodyOf<O> = O extends { requestBody?: { content: infer C } } ? C[keyof C] : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type Extra<T, Shape> = { [K in Exclude<keyof T, keyof Shape>]: never };
// openapi-fetch does not reject unknown body fields or query parameters once the required ones are
// there (openapi-typescript#1769); these make every extra key a type error.
type Strict<I, O> = I &
  (I extends { body: infer B } ? { body: Extra<B, BodyOf<O>> } : unknown) &
  (I extends { params: { query: infer Q } } ? { params: { query: Extra<Q, QueryOf<O>> } } : unknown);
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
// openapi-fetch's per-call transport options: each would bypass what the client guarantees (the origin
// the credentials go to, no redirects, form bodies, safe paths), so the types refuse them. At run time a
// per-call baseUrl throws, and a per-call fetch or redirect has no effect.
type PerCallRefused = "baseUrl" | "fetch" | "Request" | "redirect" | "querySerializer" | "bodySerializer" | "pathSerializer";
type Init<I, O> = Strict<I, O> & Record<string, unknown> & { [K in PerCallRefused]?: never };
type Args<I, O> = RequiredKeysOf<I> extends never ? [Init<I, O>?] : [Init<I, O>];
type Method<M extends Lower> = <P extends PathsWith<M>, I extends MaybeOptionalInit<paths[P], M>>(
  url: P,
  ...init: Args<I, paths[P][M]>
) => Promise<FetchResponse<paths[P][M] & Record<string, any>, I, `${string}/${string}`>>;

/** The openapi-fetch client for the TrustHub paths, with the same `{ data, error, response }` contract. */
export type TrustHubClient = { GET: Method<"get">; POST: Method<"post">; DELETE: Method<"delete"> } & Pick<Client<paths>, "use" | "eject">;

interface ClientState {
  origin: string;
}

// Each client's base URL; paginate() asks for its origin.
const state = new WeakMap<object, string>();
// What unwrap() needs to name a failed request: its method and (lazily) its path.
const requests = new WeakMap<Response, { method: string; where: () => string }>();

const FORM: FormMedia = "application/x-www-form-urlencoded";
const DEFAULT_BASE_URL = "https://trusthub.twilio.com";
const SID = { account: /^AC[0-9a-fA-F]{32}$/, apiKey: /^SK[0-9a-fA-F]{32}$/ };

export function createTrustHubClient(options: TrustHubClientOptions = {}): TrustHubClient {
  const env = options.env ?? globalThis.process?.env ?? {};
  const baseUrl = resolveBaseUrl(options);
  const authorization = basicAuth(options, env);
  const validate = options.validate ?? true;
  const limits = { maxRetries: 3, timeoutMs: 30_000, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000, maxResponseBytes: 2 ** 24 };
  const { maxRetries, timeoutMs, maxResponseBytes } = options;
  for (const [name, value] of Object.entries({ ...options.retry, maxRetries, timeoutMs, maxResponseBytes })) {
    if (value === undefined) continue;
    const positive = name === "timeoutMs" || name === "maxResponseBytes";
    // A timer longer than MAX_TIMER_MS fires at once: a "very long" timeout would end every attempt at once.
    const ms = name.endsWith("Ms");
    if (!(value >= 0 && value < Infinity) || (positive && !value) || (ms && value > MAX_TIMER_MS)) {
      throw new TrustHubValidationError(`${name} must be a ${positive ? "positive" : "non-negative"} number${ms ? ` up to ${MAX_TIMER_MS}` : ""}`);
    }
    limits[name as keyof typeof limits] = value;
  }
  // What fetch is given overrides the Request's own settings, whoever made it (openapi-fetch, a per-call
  // option, a middleware): the attempt's signal (on fetch, not on openapi-fetch's Request, so one Request
  // fewer follows it) and redirect: "manual", so no redirect is followed. A custom fetch gets them on the
  // Request it is given.
  const given = options.fetch;
  const global = globalThis.fetch;
  const fetchOnce = (r: Request, signal: AbortSignal) => {
    const init = { signal, redirect: "manual" } as const;
    return given ? given(new Request(r, init)) : global(r, init);
  };

  const base = createClient<paths>({
    baseUrl,
    headers: { Authorization: authorization, "User-Agent": userAgent(options.userAgent), Accept: "application/json" },
    bodySerializer: formBody,
    pathSerializer: safePath,
  });
  if (options.middleware?.length) base.use(...options.middleware);

  // Each method: validate, send (form-encoded when there is a body) with retries, check the body against the spec.
  const call = (method: "GET" | "POST" | "DELETE") => async (path: string, init?: RequestParts & Record<string, unknown>) => {
    // Requests go to the client's origin only: a per-call baseUrl (openapi-fetch would honour it) is refused.
    if (init?.baseUrl !== undefined) throw new TrustHubValidationError("baseUrl is not a per-call option", { method, path });
    // Only own properties are read and sent, as Object.entries reads them (openapi-fetch's query serializer
    // would also send inherited ones, unvalidated).
    const query = init?.params?.query;
    if (query) init = { ...init, params: { ...init!.params, query: { ...query } } };
    if (validate) validateRequest(method, path, init);
    const custom = init?.parseAs !== undefined;
    // The request's path, for error messages only: computed when an error needs it, which is after the
    // same serializer has built it for the request.
    const where = () => safePath(path, init?.params?.path ?? {});
    let attempt: Attempt;
    // One init for every attempt; its fetch sends through the current attempt (its signal, and the mark
    // that the request was built and sent). The caller's signal reaches attempts through withRetries.
    const request = {
      ...init,
      signal: undefined,
      parseAs: custom ? init!.parseAs : "text",
      ...(init?.body !== undefined && { headers: { ...(init.headers as object), "Content-Type": FORM } }),
      fetch: async (r: Request) => {
        attempt.sent = true;
        return guarded(await fetchOnce(r, attempt.signal), limits.maxResponseBytes, method, where);
      },
    };
    const send = base[method] as (p: string, i: unknown) => Promise<Result>;
    const result = await withRetries(method, where, limits, init?.signal as AbortSignal | undefined, (current) => {
      attempt = current;
      return send(path, request);
    });
    requests.set(result.response, { method, where });
    return custom ? result : checked(method, path, where, result);
  };

  const client: TrustHubClient = {
    GET: call("GET") as TrustHubClient["GET"],
    POST: call("POST") as TrustHubClient["POST"],
    DELETE: call("DELETE") as TrustHubClient["DELETE"],
    use: base.use,
    eject: base.eject,
  };
  state.set(client, baseUrl);
  return client;
}

/** Returns `data`, or throws `TrustHubApiError` when the API answered with an error. */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: TwilioError | undefined; response: Response }> | { data?: T; error?: TwilioError | undefined; response: Response },
): Promise<T> {
  const { data, error, response } = await result;
  if (error !== undefined || !response.ok) {
    const { method, where } = requests.get(response) ?? { method: "?", where: () => new URL(response.url || "http://unknown/").pathname };
    throw new TrustHubApiError(error as TwilioError, response.status, method, where());
  }
  return data as T;
}

/** The origin a client sends credentials to; paginate() follows next_page_url only there. */
export function clientState(client: TrustHubClient): ClientState {
  const found = state.get(client);
  if (!found) throw new TrustHubValidationError("paginate() needs a client made by createTrustHubClient()");
  return { origin: new URL(found).origin };
}

type Result = { data?: unknown; error?: unknown; response: Response };

// openapi-fetch hands over the success body as text (parseAs "text") and the error body as parsed JSON
// when it parses; either way, anything that is not what the spec describes becomes a TrustHubResponseError.
function checked(method: string, template: string, where: () => string, result: Result): Result {
  const { response } = result;
  const fail = (why: string) => responseError(why, response, method, where);
  if (!response.ok) {
    // Every attempt is fetched with redirect: "manual", so a 3xx arrives here instead of being followed:
    // following it would take the credentials or the form body elsewhere, or turn a POST into a GET.
    if (response.status < 400) fail("redirect not followed");
    const e = result.error as Partial<TwilioError> | undefined;
    if (typeof e?.code !== "number" || typeof e.message !== "string") {
      fail(result.error === undefined || result.error === "" ? "empty error body" : "the error body is not a Twilio error object");
    }
    return result;
  }
  const expected = operationMeta(method, template)?.success[response.status];
  // `result` is openapi-fetch's fresh object for this call: its data is replaced in place.
  if (expected === null || (expected === undefined && result.data === undefined)) {
    result.data = undefined;
    return result;
  }
  if (typeof result.data !== "string" || result.data === "") return fail("empty body, expected JSON");
  let data: unknown;
  try {
    data = JSON.parse(result.data);
  } catch {
    return fail("not valid JSON (truncated or not JSON)");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return fail("not a JSON object");
  const missing = (expected ?? []).filter((key) => !Object.hasOwn(data, key));
  if (missing.length) return fail(`body lacks ${missing.join(", ")}`);
  result.data = data;
  return result;
}

// Form bodies: undefined/null left out, arrays repeat the key, everything else stringified. A lone
// surrogate is refused (URLSearchParams would send U+FFFD in its place), with validation off too.
function formBody(body: unknown): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (!wellFormed(key + item)) throw new TrustHubValidationError(`body field "${key}" has a lone surrogate`);
      form.append(key, String(item));
    }
  }
  return form.toString();
}

// String.prototype.isWellFormed (false when a string holds a lone surrogate) is ES2024: Node 20 has it,
// TypeScript's ES2022 library does not.
const wellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

// Path parameters are percent-encoded, and a value that would still move the request elsewhere (empty, or
// a dot segment that URL parsing resolves) or cannot be encoded is refused even when validation is off.
function safePath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = own(params, name);
    const text = value === undefined || value === null ? "" : String(value);
    if (text === "" || /^(\.|%2e){1,2}$/i.test(text) || !wellFormed(text)) {
      throw new TrustHubValidationError(`path parameter "${name}" must be a non-empty, well-formed value other than "." or ".."`);
    }
    return encodeURIComponent(text);
  });
}

function resolveBaseUrl({ baseUrl, region, edge }: TrustHubClientOptions): string {
  const regional = region !== undefined || edge !== undefined;
  if (baseUrl !== undefined && regional) throw new TrustHubValidationError("baseUrl excludes region/edge");
  for (const [name, value] of Object.entries({ region, edge })) {
    if (value !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(value)) {
      throw new TrustHubValidationError(`${name} must match ^[a-z0-9][a-z0-9-]*$`);
    }
  }
  if (regional) {
    return `https://${["trusthub", edge, region ?? "us1"].filter(Boolean).join(".")}.twilio.com`;
  }
  if (baseUrl === undefined) return DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TrustHubValidationError("baseUrl is not an absolute URL");
  }
  // An empty "?" or "#" leaves search and hash empty, but would still end up in every request's URL.
  if (url.username || url.password || /[?#]/.test(url.href)) {
    throw new TrustHubValidationError("baseUrl must have no credentials, query or fragment");
  }
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new TrustHubValidationError(`baseUrl must be https: (http: for loopback only), got ${url.protocol}//${url.host}`);
  }
  return url.href.replace(/\/+$/, "");
}

// Credentials come from the options when any credential option is given, otherwise from the environment;
// the two are never mixed, so a half-given set fails instead of being completed by whatever env holds.
function basicAuth(o: TrustHubClientOptions, env: Record<string, string | undefined>): string {
  const given = [o.accountSid, o.authToken, o.apiKeySid, o.apiKeySecret].some((value) => value !== undefined);
  const { accountSid, authToken, apiKeySid, apiKeySecret } = given
    ? o
    : { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, apiKeySid: env.TWILIO_API_KEY, apiKeySecret: env.TWILIO_API_SECRET };
  const where = given ? "" : " (from TWILIO_* environment variables)";
  if (accountSid !== undefined && !SID.account.test(accountSid)) {
    throw new TrustHubValidationError(`accountSid${where} must match ^AC[0-9a-fA-F]{32}$`);
  }
  if (apiKeySid !== undefined || apiKeySecret !== undefined) {
    if (!apiKeySid || !SID.apiKey.test(apiKeySid)) throw new TrustHubValidationError(`apiKeySid${where} must match ^SK[0-9a-fA-F]{32}$`);
    if (!apiKeySecret) throw new TrustHubValidationError(`apiKeySecret${where} is required with apiKeySid`);
    return basic(apiKeySid, apiKeySecret, `apiKeySecret${where}`);
  }
  if (!accountSid || !authToken) {
    throw new TrustHubValidationError(
      given
        ? "Incomplete credentials: pass accountSid with authToken, or apiKeySid with apiKeySecret"
        : "No credentials: pass accountSid + authToken or apiKeySid + apiKeySecret, or set TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN or TWILIO_API_KEY + TWILIO_API_SECRET",
    );
  }
  return basic(accountSid, authToken, `authToken${where}`);
}

// The SIDs are checked hex; btoa refuses a secret with a character above U+00FF (with a DOMException).
function basic(user: string, secret: string, name: string): string {
  return `Basic ${btoa(`${user}:${headerText(name, secret)}`)}`;
}

// What a header value may hold: fetch refuses line breaks and NUL, btoa anything above U+00FF, and other
// control characters are never meant.
function headerText(name: string, text: string): string {
  if (/[^\t -~\x80-\xff]/.test(text)) throw new TrustHubValidationError(`${name} must be printable Latin-1 text`);
  return text;
}

function userAgent(extra: string | string[] | undefined): string {
  const node = globalThis.process?.versions?.node;
  const parts = [`trusthub-client/${__CLIENT_VERSION__}`, node ? `node/${node}` : undefined, ...[extra ?? []].flat()];
  return headerText("userAgent", parts.filter(Boolean).join(" "));
}
