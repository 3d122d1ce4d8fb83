import type { TwilioError } from "@trusthub/types";

/**
 * Base class of every error this client raises. Errors carry the request's method and path, never its
 * headers, credentials or body.
 */
export class TrustHubError extends Error {
  override name = "TrustHubError";
  /** The HTTP method of the request, when there was one. */
  declare readonly method: string | undefined;
  /** The request path (no query string), when there was one. */
  declare readonly path: string | undefined;

  constructor(message: string, init: { method?: string | undefined; path?: string | undefined; cause?: unknown } = {}) {
    // Error reads `cause` only when init has one: errors without a cause have no `cause` property.
    super(message, init);
    this.method = init.method;
    this.path = init.path;
  }
}

/** The API answered with a Twilio error body (4xx/5xx). Thrown by `unwrap()`. */
export class TrustHubApiError extends TrustHubError {
  override name = "TrustHubApiError";
  /** HTTP status code. */
  declare readonly status: number;
  /** Twilio error code, e.g. 20404; see `moreInfo`. */
  declare readonly code: number;
  /** Documentation URL of the error code. */
  declare readonly moreInfo: string;
  /** Error-specific details, when the API gave any. */
  declare readonly details: Record<string, unknown> | undefined;
  /**
   * The request's problems as the server listed them, one entry each, when it listed them as data (the
   * mock, Prism, does in its `sl-violations` header); empty otherwise. Names are the spec's.
   */
  declare readonly issues: readonly ValidationIssue[];

  constructor(body: TwilioError, status: number, method: string, path: string, issues: readonly ValidationIssue[] = []) {
    super(`${method} ${path} failed with ${status} (Twilio error ${body.code}): ${body.message}`, { method, path });
    this.status = status;
    this.code = body.code;
    this.moreInfo = body.more_info;
    this.details = body.details;
    this.issues = issues;
  }
}

/**
 * A request was refused before any I/O: it breaks the spec's constraints, or the client options are wrong.
 * `message` lists every problem for people; `issues` lists them for programs, one entry each.
 */
export class TrustHubValidationError extends TrustHubError {
  override name = "TrustHubValidationError";
  /**
   * One entry per problem: where, which input, the rule it breaks and what the rule expects, never the value
   * given. Empty only for a failure that names no input.
   */
  declare readonly issues: readonly ValidationIssue[];

  constructor(message: string, init: { method?: string | undefined; path?: string | undefined; cause?: unknown; issues?: readonly ValidationIssue[] } = {}) {
    super(message, init);
    this.issues = init.issues ?? [];
  }
}

/**
 * One problem with a request or with the client's options, as data. It names the input and the rule, and
 * never holds the value given (values can be personal data or secrets).
 */
export interface ValidationIssue {
  /** Where the input is: a path or query parameter, the request body or one of its form fields, or an option. */
  readonly in: "path" | "query" | "body" | "option";
  /**
   * The parameter or form field as the spec names it, or the option (`retry.` options with that prefix);
   * `""` for the request body as a whole.
   */
  readonly name: string;
  /** The rule the input breaks. */
  readonly rule: ValidationRule;
  /**
   * What the rule expects, when it has a parameter: the pattern, the allowed values, the bound, the type,
   * the names the spec defines (for `additionalProperties`).
   */
  readonly expected?: string | number | readonly unknown[];
}

/**
 * The rules of `ValidationIssue`. The JSON Schema keywords of the spec: `required`, `type`, `enum`,
 * `pattern`, `minLength`, `maxLength`, `minimum`, `maximum`, `exclusiveMinimum`, `format`, and
 * `additionalProperties` for an input the spec does not define. The client's own: `operation` (the method
 * and path are not an operation of the spec), `conflict` (an option given with one it excludes), `segment`
 * (a path parameter that would move the request: empty, `.` or `..`), `protocol` (a base URL that is not
 * https). An API error's issues carry the rule as the server named it, which may be another keyword.
 */
export type ValidationRule =
  | "required"
  | "type"
  | "enum"
  | "pattern"
  | "minLength"
  | "maxLength"
  | "minimum"
  | "maximum"
  | "exclusiveMinimum"
  | "format"
  | "additionalProperties"
  | "operation"
  | "conflict"
  | "segment"
  | "protocol"
  | (string & {});

/** The API answered, but not with what the spec promises: an HTML error page, truncated JSON, a wrong shape. */
export class TrustHubResponseError extends TrustHubError {
  override name = "TrustHubResponseError";
  /** HTTP status code of the response. */
  declare readonly status: number;
  /** The Content-Type the response carried. */
  declare readonly contentType: string | null;

  constructor(message: string, status: number, contentType: string | null, method: string, path: string) {
    super(`${method} ${path}: ${message} (HTTP ${status}, ${contentType ?? "no content type"})`, { method, path });
    this.status = status;
    this.contentType = contentType;
  }
}

/** No usable response: the connection failed or every attempt timed out, after the allowed retries. */
export class TrustHubNetworkError extends TrustHubError {
  override name = "TrustHubNetworkError";
  /** True when the last attempt was aborted by `timeoutMs`. */
  declare readonly timedOut: boolean;
  /** How many attempts were made. */
  declare readonly attempts: number;

  constructor(method: string, path: string, attempts: number, timedOut: boolean, cause: unknown) {
    // The system error code (ECONNREFUSED, ...) of a fetch failure, else the failure's own message.
    const code = (cause as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    const reason = timedOut ? "timed out" : `failed (${typeof code === "string" ? code : cause instanceof Error ? cause.message : String(cause)})`;
    super(`${method} ${path} ${reason} after ${attempts} attempt${attempts === 1 ? "" : "s"}`, { method, path, cause });
    this.timedOut = timedOut;
    this.attempts = attempts;
  }
}
