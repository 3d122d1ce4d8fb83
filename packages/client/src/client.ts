import * as openapiFetch from "openapi-fetch";
import type { Client, FetchResponse, MaybeOptionalInit, Middleware, ParseAs } from "openapi-fetch";
import type { paths, TwilioError } from "@trusthub/types";
import { TrustHubApiError, TrustHubResponseError, TrustHubValidationError, type ValidationIssue } from "./errors.js";
import { serverIssues } from "./server-issues.js";
import { isPlainObject, operationMeta, validateRequest, type RequestParts } from "./validate.js";
import { withRetries, type RetryOptions } from "./transport.js";

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
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 3; 0 disables). */
  maxRetries?: number;
  /** Fine-tuning of the retry backoff. */
  retry?: Partial<Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "maxRetryAfterMs">>;
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

type Verb = "GET" | "POST" | "DELETE";
type PathsWith<M extends Verb> = { [P in keyof paths]: paths[P] extends Record<Lowercase<M>, object> ? P : never }[keyof paths];
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Spec<P extends keyof paths, M extends Verb> = Lowercase<M> extends keyof paths[P] ? NonNullable<MaybeOptionalInit<paths[P], Lowercase<M>>> : never;

/**
 * The `init` argument of `client[M](path, init)`: `params` (`path` and `query`), `body`, and openapi-fetch's
 * request options (`signal`, `headers`, `parseAs`, ...), all typed from the spec and documented from it on
 * hover. The type is the path's and method's own (never inferred from the argument), so a name the spec does
 * not define is an excess property, and a missing one is named in the error. Other top-level keys pass
 * through to middleware, as in openapi-fetch.
 */
export type CallInit<P extends keyof paths, M extends Verb, A extends ParseAs = never> = Spec<P, M> & { parseAs?: A } & Record<string, unknown>;
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

interface ClientState {
  origin: string;
}

const state = new WeakMap<object, ClientState>();
// What unwrap() needs to name a failed request: its method and (lazily) its path.
const requests = new WeakMap<Response, { method: string; where: () => string; template?: string }>();

const FORM: FormMedia = "application/x-www-form-urlencoded";
const DEFAULT_BASE_URL = "https://trusthub.twilio.com";
const SID = { account: /^AC[0-9a-fA-F]{32}$/, apiKey: /^SK[0-9a-fA-F]{32}$/ };

/**
 * Makes a client for the TrustHub API: openapi-fetch typed with the spec's paths, with Basic auth, form
 * bodies, validation before sending, response checks, retries and timeouts. Checks `options` at once and
 * throws a `TrustHubValidationError` (with one `issues` entry per wrong option) when one is wrong; sends
 * nothing. Credentials come from the options, or else from the `TWILIO_*` variables of `options.env`.
 */
export function createTrustHubClient(options: TrustHubClientOptions = {}): TrustHubClient {
  const env = options.env ?? globalThis.process?.env ?? {};
  const baseUrl = resolveBaseUrl(options);
  const authorization = basicAuth(options, env);
  const validate = options.validate ?? true;
  const retry: RetryOptions = { maxRetries: 3, timeoutMs: 30_000, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };
  for (const [name, value] of Object.entries({ ...options.retry, maxRetries: options.maxRetries, timeoutMs: options.timeoutMs })) {
    if (value === undefined) continue;
    if (!(value >= 0 && value < Infinity) || (name === "timeoutMs" && !value)) {
      throw invalidOption(`${name} must be a ${name === "timeoutMs" ? "positive" : "non-negative"} number`, name, name === "timeoutMs" ? "exclusiveMinimum" : "minimum", 0);
    }
    retry[name as keyof RetryOptions] = value;
  }

  const base = createClient<paths>({
    baseUrl,
    ...(options.fetch && { fetch: options.fetch }),
    headers: { Authorization: authorization, "User-Agent": userAgent(options.userAgent), Accept: "application/json" },
    bodySerializer: formBody,
    pathSerializer: safePath,
  });
  if (options.middleware?.length) base.use(...options.middleware);

  // Each method: validate, send (form-encoded when there is a body) with retries, check the body against the spec.
  const call = (method: "GET" | "POST" | "DELETE") => async (path: string, init?: RequestParts & Record<string, unknown>) => {
    if (validate) validateRequest(method, path, init);
    const custom = init?.parseAs !== undefined;
    const request = {
      ...init,
      ...(init?.body !== undefined && { headers: { ...(init.headers as object), "Content-Type": FORM } }),
      ...(!custom && { parseAs: "text" }),
    };
    const send = base[method] as (p: string, i: unknown) => Promise<Result>;
    // The request's path, for error messages only: computed when an error needs it.
    const where = () => {
      const params = (init?.params?.path ?? {}) as Record<string, unknown>;
      return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
    };
    const signal = init?.signal as AbortSignal | undefined;
    const result = await withRetries(method, where, retry, signal, (attemptSignal) => send(path, { ...request, signal: attemptSignal }));
    requests.set(result.response, { method, where, template: path });
    return custom ? result : checked(method, path, where, result);
  };

  const client: TrustHubClient = {
    GET: call("GET") as TrustHubClient["GET"],
    POST: call("POST") as TrustHubClient["POST"],
    DELETE: call("DELETE") as TrustHubClient["DELETE"],
    use: base.use,
    eject: base.eject,
  };
  state.set(client, { origin: new URL(baseUrl).origin });
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
    const { method, where, template } = requests.get(response) ?? { method: "?", where: () => new URL(response.url || "http://unknown/").pathname };
    throw new TrustHubApiError(error as TwilioError, response.status, method, where(), serverIssues(response.headers, template === undefined ? undefined : operationMeta(method, template)));
  }
  return data as T;
}

/** The origin a client sends credentials to; paginate() follows next-page links only there. */
export function clientState(client: TrustHubClient): ClientState {
  const found = state.get(client);
  if (!found) throw invalidOption("paginate() needs a client made by createTrustHubClient()", "client", "type", "TrustHubClient");
  return found;
}

type Result = { data?: unknown; error?: unknown; response: Response };

// openapi-fetch hands over the success body as text (parseAs "text") and the error body as parsed JSON
// when it parses; either way, anything that is not what the spec describes becomes a TrustHubResponseError.
function checked(method: string, template: string, where: () => string, result: Result): Result {
  const { response } = result;
  const fail = (why: string) => {
    throw new TrustHubResponseError(why, response.status, response.headers.get("Content-Type"), method, where());
  };
  if (!response.ok) {
    const e = result.error as Partial<TwilioError> | undefined;
    if (typeof e !== "object" || e === null || typeof e.code !== "number" || typeof e.message !== "string") {
      fail(result.error === undefined || result.error === "" ? "empty error body" : "the error body is not a Twilio error object");
    }
    return result;
  }
  const expected = operationMeta(method, template)?.success[response.status];
  if (expected === null || (expected === undefined && result.data === undefined)) return { ...result, data: undefined };
  if (typeof result.data !== "string" || result.data === "") return fail("empty body, expected JSON");
  let data: unknown;
  try {
    data = JSON.parse(result.data);
  } catch {
    return fail("not valid JSON (truncated or not JSON)");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return fail("not a JSON object");
  const missing = (expected ?? []).filter((key) => !(key in data));
  if (missing.length) return fail(`body lacks ${missing.join(", ")}`);
  return { ...result, data };
}

// Form bodies: undefined/null left out, arrays repeat the key, plain objects (the spec's object-valued
// fields, which it encodes as application/json) as JSON, everything else stringified.
function formBody(body: unknown): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) form.append(key, isPlainObject(item) ? JSON.stringify(item) : String(item));
    }
  }
  return form.toString();
}

// Path parameters are percent-encoded, and a value that would still move the request elsewhere
// (empty, or a dot segment that URL parsing resolves) is refused even when validation is off.
function safePath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    const text = value === undefined || value === null ? "" : String(value);
    if (text === "" || /^(\.|%2e){1,2}$/i.test(text)) {
      const issues: ValidationIssue[] = [{ in: "path", name, rule: "segment" }];
      throw new TrustHubValidationError(`path parameter "${name}" must be a non-empty value other than "." or ".."`, { issues });
    }
    return encodeURIComponent(text);
  });
}

function resolveBaseUrl({ baseUrl, region, edge }: TrustHubClientOptions): string {
  if (baseUrl !== undefined && (region !== undefined || edge !== undefined)) {
    throw invalidOption("baseUrl excludes region/edge", "baseUrl", "conflict");
  }
  for (const [name, value] of Object.entries({ region, edge })) {
    if (value !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(value)) {
      throw invalidOption(`${name} must match ^[a-z0-9][a-z0-9-]*$`, name, "pattern", "^[a-z0-9][a-z0-9-]*$");
    }
  }
  if (region !== undefined || edge !== undefined) {
    return `https://${["trusthub", edge, region ?? "us1"].filter(Boolean).join(".")}.twilio.com`;
  }
  if (baseUrl === undefined) return DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw invalidOption("baseUrl is not an absolute URL", "baseUrl", "format", "uri");
  }
  if (url.username || url.password || url.search || url.hash) {
    throw invalidOption("baseUrl must have no credentials, query or fragment", "baseUrl", "format");
  }
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw invalidOption(`baseUrl must be https: (http: for loopback only), got ${url.protocol}//${url.host}`, "baseUrl", "protocol");
  }
  return url.href.replace(/\/+$/, "");
}

// Credentials come from the options when any credential option is given, otherwise from the environment;
// the two are never mixed, so a half-given set fails instead of being completed by whatever env holds.
function basicAuth(o: TrustHubClientOptions, env: Record<string, string | undefined>): string {
  const given = o.accountSid !== undefined || o.authToken !== undefined || o.apiKeySid !== undefined || o.apiKeySecret !== undefined;
  const accountSid = given ? o.accountSid : env.TWILIO_ACCOUNT_SID;
  const authToken = given ? o.authToken : env.TWILIO_AUTH_TOKEN;
  const apiKeySid = given ? o.apiKeySid : env.TWILIO_API_KEY;
  const apiKeySecret = given ? o.apiKeySecret : env.TWILIO_API_SECRET;
  const where = given ? "" : " (from TWILIO_* environment variables)";
  if (accountSid !== undefined && !SID.account.test(accountSid)) {
    throw invalidOption(`accountSid${where} must match ^AC[0-9a-fA-F]{32}$`, "accountSid", "pattern", SID.account.source);
  }
  if (apiKeySid !== undefined || apiKeySecret !== undefined) {
    if (!apiKeySid || !SID.apiKey.test(apiKeySid)) throw invalidOption(`apiKeySid${where} must match ^SK[0-9a-fA-F]{32}$`, "apiKeySid", "pattern", SID.apiKey.source);
    if (!apiKeySecret) throw invalidOption(`apiKeySecret${where} is required with apiKeySid`, "apiKeySecret", "required");
    return `Basic ${btoa(`${apiKeySid}:${apiKeySecret}`)}`;
  }
  if (!accountSid || !authToken) {
    const issues = Object.entries({ accountSid, authToken }).flatMap(([name, value]): ValidationIssue[] => (value ? [] : [{ in: "option", name, rule: "required" }]));
    throw new TrustHubValidationError(
      given
        ? "Incomplete credentials: pass accountSid with authToken, or apiKeySid with apiKeySecret"
        : "No credentials: pass accountSid + authToken or apiKeySid + apiKeySecret, or set TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN or TWILIO_API_KEY + TWILIO_API_SECRET",
      { issues },
    );
  }
  return `Basic ${btoa(`${accountSid}:${authToken}`)}`;
}

function userAgent(extra: string | string[] | undefined): string {
  const node = globalThis.process?.versions?.node;
  const parts = [`trusthub-client/${__CLIENT_VERSION__}`, node ? `node/${node}` : undefined, ...[extra ?? []].flat()];
  const ua = parts.filter(Boolean).join(" ");
  if (/[\r\n]/.test(ua)) throw invalidOption("userAgent must not contain line breaks", "userAgent", "pattern");
  return ua;
}

/** A TrustHubValidationError for one option, with its one issue. */
function invalidOption(message: string, name: string, rule: ValidationIssue["rule"], expected?: ValidationIssue["expected"]): TrustHubValidationError {
  return new TrustHubValidationError(message, { issues: [{ in: "option", name, rule, expected }] });
}
