import * as openapiFetch from "openapi-fetch";
import type { Client, FetchResponse, MaybeOptionalInit, Middleware, ParseAs } from "openapi-fetch";
import type { paths, TwilioError } from "@trusthub/types";
import { TrustHubApiError, TrustHubValidationError, type ValidationIssue, type ValidationRule } from "./errors.js";
import { serverIssues } from "./server-issues.js";
import type { OperationMeta } from "./metadata.js";
import { isPlainObject, operationMeta, own, validateRequest, type RequestParts } from "./validate.js";
import { guarded, MAX_TIMER_MS, responseError, withRetries, type Attempt, type RetryOptions } from "./transport.js";

declare const __CLIENT_VERSION__: string;

// openapi-fetch's CommonJS build sets `exports.default`; our CJS build imports it the way Node does (the
// whole `exports` as default), so unwrap one level there. The ESM build gets the function directly.
const createClient = ((openapiFetch.default as unknown as { default?: typeof openapiFetch.default }).default ??
  openapiFetch.default) as typeof openapiFetch.default;

/** The options of `createTrustHubClient()`; every one is optional. */
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
  /** Appended to the `trusthub-client/<version> <runtime>` User-Agent (the runtime: `node/<version>` on Node, else `navigator.userAgent`). */
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

type Verb = "GET" | "POST" | "DELETE";
type PathsWith<M extends Verb> = { [P in keyof paths]: paths[P] extends Record<Lowercase<M>, object> ? P : never }[keyof paths];
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Spec<P extends keyof paths, M extends Verb> = Lowercase<M> extends keyof paths[P] ? NonNullable<MaybeOptionalInit<paths[P], Lowercase<M>>> : never;

// openapi-fetch's per-call transport options: each would bypass what the client guarantees (the origin
// the credentials go to, no redirects, form bodies, safe paths), so the types refuse them. At run time a
// per-call baseUrl throws, and a per-call fetch or redirect has no effect.
type PerCallRefused = "baseUrl" | "fetch" | "Request" | "redirect" | "querySerializer" | "bodySerializer" | "pathSerializer";
/**
 * The `init` argument of `client[M](path, init)`: `params` (`path` and `query`), `body`, and openapi-fetch's
 * request options (`signal`, `headers`, `parseAs`, ...), all typed from the spec and documented from it on
 * hover. The type is the path's and method's own (never inferred from the argument), so a name the spec does
 * not define is an excess property, and a missing one is named in the error. Other top-level keys pass
 * through to middleware, as in openapi-fetch.
 */
export type CallInit<P extends keyof paths, M extends Verb, A extends ParseAs = never> = Spec<P, M> & { parseAs?: A } & Record<string, unknown> & {
  [K in PerCallRefused]?: never;
};
type Args<P extends keyof paths, M extends Verb, A extends ParseAs> =
  RequiredKeysOf<Spec<P, M>> extends never ? [init?: CallInit<P, M, A>] : [init: CallInit<P, M, A>];
// Only `parseAs` is inferred from the argument, for openapi-fetch's typing of the data it selects.
type Method<M extends Verb> = <P extends PathsWith<M>, A extends ParseAs = never>(
  url: P,
  ...init: Args<P, M, A>
) => Promise<FetchResponse<paths[P][Lowercase<M>] & Record<string, any>, [A] extends [never] ? object : { parseAs: A }, `${string}/${string}`>>;

/** The openapi-fetch client for the TrustHub paths, with the same `{ data, error, response }` contract. */
export type TrustHubClient = {
  /** Sends a GET of `path` (a list, or one resource), validated against the spec first; resolves to `{ data, error, response }`. */
  GET: Method<"GET">;
  /** Sends a POST of `path` (create, update, assign) with a form-encoded `body`, validated first; resolves to `{ data, error, response }`. */
  POST: Method<"POST">;
  /** Sends a DELETE of `path`, validated first; resolves to `{ data, error, response }` (`data` undefined on 204). */
  DELETE: Method<"DELETE">;
} & Pick<Client<paths>, "use" | "eject">;

// Each client's origin; paginate() follows next-page links only there.
const origins = new WeakMap<object, string>();
// What unwrap() needs to name a failed call: its method, its path (computed when needed) and its operation.
const calls = new WeakMap<Response, [method: string, where: () => string, op?: OperationMeta]>();

const FORM: FormMedia = "application/x-www-form-urlencoded";
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const API_KEY_SID = /^SK[0-9a-fA-F]{32}$/;
const HOST_LABEL = /^[a-z0-9][a-z0-9-]*$/;
// The credential options, each with the environment variable it falls back to.
const CREDENTIALS = { accountSid: "TWILIO_ACCOUNT_SID", authToken: "TWILIO_AUTH_TOKEN", apiKeySid: "TWILIO_API_KEY", apiKeySecret: "TWILIO_API_SECRET" } as const;
type Credential = keyof typeof CREDENTIALS;
// The numeric options: each one's default, whether it must be above zero (else at least zero), whether it
// is a timer's delay (so at most MAX_TIMER_MS), and whether it is given in `retry` (else at the top level).
const NUMBERS = {
  maxRetries: { fallback: 3, positive: false, timer: false, inRetry: false },
  timeoutMs: { fallback: 30_000, positive: true, timer: true, inRetry: false },
  maxResponseBytes: { fallback: 2 ** 24, positive: true, timer: false, inRetry: false },
  baseDelayMs: { fallback: 500, positive: false, timer: true, inRetry: true },
  maxDelayMs: { fallback: 20_000, positive: false, timer: true, inRetry: true },
  maxRetryAfterMs: { fallback: 60_000, positive: false, timer: true, inRetry: true },
} as const;

/**
 * Makes a client for the TrustHub API: openapi-fetch typed with the spec's paths, with Basic auth, form
 * bodies, validation before sending, response checks, retries and timeouts. Checks `options` at once and
 * throws a `TrustHubValidationError` (with one `issues` entry per wrong option) when one is wrong; sends
 * nothing. Credentials come from the options, or else from the `TWILIO_*` variables of `options.env`.
 */
export function createTrustHubClient(options: TrustHubClientOptions = {}): TrustHubClient {
  const baseUrl = resolveBaseUrl(options);
  const authorization = basicAuth(options);
  const validate = options.validate ?? true;
  const limits = {} as Record<keyof typeof NUMBERS, number>;
  for (const name of Object.keys(NUMBERS) as (keyof typeof NUMBERS)[]) {
    const { fallback, positive, timer, inRetry } = NUMBERS[name];
    const value = ((inRetry ? options.retry : options) as Partial<typeof limits> | undefined)?.[name];
    limits[name] = value ?? fallback;
    if (value === undefined) continue;
    // A timer longer than MAX_TIMER_MS fires at once: a "very long" timeout would end every attempt at once.
    const over = timer && value > MAX_TIMER_MS;
    if (over || !(positive ? value > 0 : value >= 0) || !(value < Infinity)) {
      const rule = over ? "maximum" : positive ? "exclusiveMinimum" : "minimum";
      throw invalidOption(inRetry ? `retry.${name}` : name, `must be a ${positive ? "positive" : "non-negative"} number${timer ? ` up to ${MAX_TIMER_MS}` : ""}`, rule, over ? MAX_TIMER_MS : 0);
    }
  }
  // What fetch is given overrides the Request's own settings, whoever made it (openapi-fetch, a per-call
  // option, a middleware): the attempt's signal (on fetch, not on openapi-fetch's Request, so one Request
  // fewer follows it) and redirect: "manual", so no redirect is followed. A custom fetch gets them on the
  // Request it is given. The global fetch is read at each attempt, so one installed later (MSW's
  // server.listen(), a test's stub) is the one used.
  const given = options.fetch;
  const fetchOnce = (r: Request, signal: AbortSignal) => {
    const init = { signal, redirect: "manual" } as const;
    return given ? given(new Request(r, init)) : globalThis.fetch(r, init);
  };

  const base = createClient<paths>({
    baseUrl,
    headers: { Authorization: authorization, "User-Agent": userAgent(options.userAgent), Accept: "application/json" },
    bodySerializer: formBody,
    pathSerializer: safePath,
  });
  if (options.middleware?.length) base.use(...options.middleware);

  // Each method: validate, send (form-encoded when there is a body) with retries, check the body against the spec.
  const call = (method: Verb) => async (path: string, init?: RequestParts & Record<string, unknown>) => {
    // Requests go to the client's origin only: a per-call baseUrl (openapi-fetch would honour it) is refused.
    if (init?.baseUrl !== undefined) throw new TrustHubValidationError("baseUrl is not a per-call option", { method, path });
    // Only own properties are read and sent, as Object.entries reads them (openapi-fetch's query serializer
    // would also send inherited ones, unvalidated).
    const query = init?.params?.query;
    if (query) init = changed(init, { params: changed(init!.params, { query: { ...query } }) });
    // openapi-fetch would read an array of header pairs as an object (a header "0"): given as the Headers it means.
    if (Array.isArray(init?.headers)) init = changed(init, { headers: new Headers(init.headers as [string, string][]) });
    const op = operationMeta(method, path);
    if (validate) validateRequest(method, path, op, init);
    const custom = init?.parseAs !== undefined;
    // The request's path, for error messages only: computed when an error needs it, which is after the
    // same serializer has built it for the request.
    const where = () => safePath(path, init?.params?.path);
    let attempt: Attempt;
    // One init for every attempt; its fetch sends through the current attempt (its signal, and the mark
    // that the request was built and sent). The caller's signal reaches attempts through withRetries.
    const request = changed(init, {
      signal: undefined,
      parseAs: custom ? init!.parseAs : "text",
      // Headers of any form (object, array, Headers instance) kept, the form's Content-Type over theirs.
      headers: init?.body === undefined ? init?.headers : openapiFetch.mergeHeaders(init.headers as HeadersInit | undefined, { "Content-Type": FORM }),
      fetch: async (r: Request) => {
        attempt.sent = true;
        return guarded(await fetchOnce(r, attempt.signal), limits.maxResponseBytes, method, where);
      },
    });
    const send = base[method] as (p: string, i: unknown) => Promise<Result>;
    const result = await withRetries(method, where, limits, init?.signal as AbortSignal | undefined, (current) => {
      attempt = current;
      return send(path, request);
    });
    // Only unwrap() of a failed call reads this.
    if (!result.response.ok) calls.set(result.response, [method, where, op]);
    return custom ? result : checked(op, method, where, result);
  };

  const client: TrustHubClient = {
    GET: call("GET") as TrustHubClient["GET"],
    POST: call("POST") as TrustHubClient["POST"],
    DELETE: call("DELETE") as TrustHubClient["DELETE"],
    use: base.use,
    eject: base.eject,
  };
  origins.set(client, new URL(baseUrl).origin);
  return client;
}

/**
 * Returns `data`, or throws `TrustHubApiError` when the API answered with an error. Takes the promise of a
 * call or its resolved `{ data, error, response }`.
 */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: TwilioError | undefined; response: Response }> | { data?: T; error?: TwilioError | undefined; response: Response },
): Promise<T> {
  const { data, error, response } = await result;
  if (error !== undefined || !response.ok) {
    const [method, where, op] = calls.get(response) ?? ["?", () => new URL(response.url || "http://unknown/").pathname];
    throw new TrustHubApiError(error as TwilioError, response.status, method, where(), serverIssues(response.headers, op));
  }
  return data as T;
}

/** The origin a client sends credentials to. */
export function clientOrigin(client: TrustHubClient): string {
  const origin = origins.get(client);
  if (!origin) throw invalidOption("client", "of paginate() must be made by createTrustHubClient()", "type", "TrustHubClient");
  return origin;
}

type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * A copy of `o`'s own properties with `changes` over them: `{ ...o, ...changes }`, written as the copy V8
 * makes fast. A literal with keys after a spread takes a slow path in Node 20, a few µs a call.
 */
const changed = <T extends object, C extends object>(o: T | undefined, changes: C) => Object.assign({}, o, changes) as Omit<T, keyof C> & C;

// openapi-fetch hands over the success body as text (parseAs "text") and the error body as parsed JSON
// when it parses; either way, anything that is not what the spec describes becomes a TrustHubResponseError.
function checked(op: OperationMeta | undefined, method: string, where: () => string, result: Result): Result {
  const { response, data } = result;
  const error = result.error as Partial<TwilioError> | undefined;
  const fail = (why: string) => responseError(why, response, method, where);
  if (!response.ok) {
    // Every attempt is fetched with redirect: "manual", so a 3xx arrives here instead of being followed:
    // following it would take the credentials or the form body elsewhere, or turn a POST into a GET.
    if (response.status < 400) fail("redirect not followed");
    if (typeof error?.code !== "number" || typeof error.message !== "string") {
      fail(error === undefined || (error as unknown) === "" ? "empty error body" : "the error body is not a Twilio error object");
    }
    return result;
  }
  const expected = op?.success[response.status];
  // `result` is openapi-fetch's fresh object for this call: its data is replaced in place.
  result.data = undefined;
  if (expected === null || (expected === undefined && data === undefined)) return result;
  // With parseAs "text", data is a string, or undefined when there is no body at all.
  if (!data) return fail("empty body, expected JSON");
  let parsed: unknown;
  try {
    parsed = JSON.parse(data as string);
  } catch {
    return fail("not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return fail("not a JSON object");
  const missing = (expected ?? []).filter((key) => !Object.hasOwn(parsed, key));
  if (missing.length) return fail(`body lacks ${missing.join(", ")}`);
  result.data = parsed;
  return result;
}

// Form bodies: undefined/null left out, arrays repeat the key, plain objects (the spec's object-valued
// fields, which it encodes as application/json) as JSON, everything else stringified. A lone
// surrogate is refused (URLSearchParams would send U+FFFD in its place), with validation off too.
function formBody(body: unknown): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      const text = isPlainObject(item) ? JSON.stringify(item) : String(item);
      if (!wellFormed(key + text)) throw new TrustHubValidationError(`body field "${key}" has a lone surrogate`);
      form.append(key, text);
    }
  }
  return form.toString();
}

// String.prototype.isWellFormed (false when a string holds a lone surrogate) is ES2024: Node 20 has it,
// TypeScript's ES2022 library does not.
const wellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

// Path parameters are percent-encoded, and a value that would still move the request elsewhere (empty, or
// a dot segment that URL parsing resolves) or cannot be encoded is refused even when validation is off.
function safePath(template: string, params: object | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = own(params, name);
    const text = String(value ?? "");
    if (text === "" || /^(\.|%2e){1,2}$/i.test(text) || !wellFormed(text)) {
      throw new TrustHubValidationError(`path parameter "${name}" is empty, "." or "..", or has a lone surrogate`, { issues: [{ in: "path", name, rule: "segment" }] });
    }
    return encodeURIComponent(text);
  });
}

function resolveBaseUrl({ baseUrl, region, edge }: TrustHubClientOptions): string {
  if (region !== undefined || edge !== undefined) {
    if (baseUrl !== undefined) throw invalidOption("baseUrl", "excludes region/edge", "conflict");
    for (const [name, value] of Object.entries({ region, edge })) if (value !== undefined) matches(name, HOST_LABEL, value);
    return `https://${["trusthub", edge, region ?? "us1"].filter(Boolean).join(".")}.twilio.com`;
  }
  let url: URL;
  try {
    url = new URL(baseUrl ?? "https://trusthub.twilio.com");
  } catch {
    throw invalidOption("baseUrl", "is not an absolute URL", "format", "uri");
  }
  // An empty "?" or "#" leaves search and hash empty, but would still end up in every request's URL.
  if (url.username || url.password || /[?#]/.test(url.href)) throw invalidOption("baseUrl", "must have no credentials, query or fragment", "format");
  // http: for a loopback host only: localhost, 127.x.x.x, [::1].
  if (url.protocol !== "https:" && !(url.protocol === "http:" && /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname))) {
    throw invalidOption("baseUrl", `must be https: (http: for loopback only), got ${url.protocol}//${url.host}`, "protocol");
  }
  return url.href.replace(/\/+$/, "");
}

// Credentials come from the options when any credential option is given, otherwise from the environment;
// the two are never mixed, so a half-given set fails instead of being completed by whatever env holds.
function basicAuth(options: TrustHubClientOptions): string {
  const env = options.env ?? globalThis.process?.env ?? {};
  const names = Object.keys(CREDENTIALS) as Credential[];
  const given = names.some((name) => options[name] !== undefined);
  const [accountSid, authToken, apiKeySid, apiKeySecret] = names.map((name) => (given ? options[name] : env[CREDENTIALS[name]]));
  // The SIDs are checked hex; btoa refuses a secret with a character above U+00FF (with a DOMException).
  const basic = (user: string, secret: Credential, value: string) => `Basic ${btoa(`${user}:${headerText(secret, value, !given)}`)}`;
  if (accountSid !== undefined) matches("accountSid", ACCOUNT_SID, accountSid, !given);
  if (apiKeySid !== undefined || apiKeySecret !== undefined) {
    matches("apiKeySid", API_KEY_SID, apiKeySid, !given);
    if (!apiKeySecret) throw invalidOption("apiKeySecret", "is required with apiKeySid", "required", undefined, !given);
    return basic(apiKeySid!, "apiKeySecret", apiKeySecret);
  }
  if (!accountSid || !authToken) {
    const issues = names.slice(0, 2).flatMap((name, i): ValidationIssue[] => ([accountSid, authToken][i] ? [] : [{ in: "option", name, rule: "required" }]));
    const pairs = ([a, b, c, d]: readonly string[]) => `${a} + ${b} or ${c} + ${d}`;
    throw new TrustHubValidationError(
      given ? `Incomplete credentials: pass ${pairs(names)}` : `No credentials: pass ${pairs(names)}, or set ${pairs(Object.values(CREDENTIALS))}`,
      { issues },
    );
  }
  return basic(accountSid, "authToken", authToken);
}

// What a header value may hold: fetch refuses line breaks and NUL, btoa anything above U+00FF, and other
// control characters are never meant.
function headerText(name: string, text: string, fromEnv?: boolean): string {
  if (/[^\t -~\x80-\xff]/.test(text)) throw invalidOption(name, "must be printable Latin-1 text", "pattern", undefined, fromEnv);
  return text;
}

// The runtime as navigator.userAgent names it (Bun, Deno and workerd also fake process.versions.node), but
// Node by its full version (its navigator.userAgent, from 21 on, gives only the major).
function userAgent(extra: string | string[] | undefined): string {
  const node = globalThis.process?.versions?.node;
  const named = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  const runtime = !named || named.startsWith("Node.js/") ? node && `node/${node}` : named;
  return headerText("userAgent", [`trusthub-client/${__CLIENT_VERSION__}`, runtime, ...[extra ?? []].flat()].filter(Boolean).join(" "));
}

/** Throws a TrustHubValidationError for option `name` unless `value` matches `pattern`. */
function matches(name: string, pattern: RegExp, value: string | undefined, fromEnv?: boolean): void {
  if (!pattern.test(value!)) throw invalidOption(name, `must match ${pattern.source}`, "pattern", pattern.source, fromEnv);
}

/**
 * A TrustHubValidationError for option `name` (of the client, or of paginate()), with its one issue. The
 * message is the name and `text`; a credential read from the environment is named with its variable.
 */
export function invalidOption(name: string, text: string, rule: ValidationRule, expected?: ValidationIssue["expected"], fromEnv?: boolean): TrustHubValidationError {
  const label = fromEnv ? `${name} (${CREDENTIALS[name as Credential]})` : name;
  return new TrustHubValidationError(`${label} ${text}`, { issues: [{ in: "option", name, rule, expected }] });
}
