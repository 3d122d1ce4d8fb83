// Requests the spec refuses, answered the way Twilio answers them, in every mode of the mock: the engine
// (./engine.ts) calls these two functions, one before Prism sees a request and one on Prism's answer.
// - Missing or malformed credentials get the operation's own 401 example from the spec (Twilio error 20003).
// - A path parameter Prism refuses (a malformed SID) names no resource: Twilio's 404 (code 20404).
// - A request Prism finds in breach of the spec (PageSize=0, a missing required form field,
//   a JSON body where the spec takes a form) gets HTTP 400 with a Twilio error body whose message names the
//   parameter, instead of Prism's 422; Prism's violations stay in the `sl-violations` header.
//
// Beyond the seeds: they give the error body's shape and the codes 20003, 20404, 20429 and 20500, not what
// Twilio answers to an invalid parameter. Its APIs answer a missing one with HTTP 400, code 20001 and
// "Missing required parameter <Name> in the post body" (as reported from its responses in public issue
// threads, e.g. twilio/twilio-chat-demo-android#147); the mock uses that code and message, and the same code
// with "Invalid parameter <Name>: <why>" for a value the spec refuses.
import { firstExample, nameRequestedSids } from "./examples.js";
import type { Node, OpenApiDocument } from "./resources.js";
import type { Route } from "./routes.js";

export type TwilioErrorBody = {
  code: number;
  message: string;
  more_info: string;
  status: number;
};

/** Twilio's code for a missing or invalid parameter (see above). */
export const INVALID_PARAMETER = 20001;

export function twilioError(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

/** One of Prism's violations as its server reports them in `sl-violations`: the location starts with "request" or "response". */
export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** A response the mock gives: headers by lower-case name, the body as a JSON value, text, or undefined for none. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What the two functions read of a request besides its route. */
export interface RequestFacts {
  authorization: string | undefined;
  contentType: string | undefined;
  /** The body as sent ("" without one). */
  body: string;
  /** The request's path, as sent. */
  path: string;
}

/** Twilio's Basic username: an Account SID or an API Key SID (what @trusthub/client checks too). */
const TWILIO_USERNAME = /^(?:AC|SK)[0-9a-fA-F]{32}$/;
const NOT_JSON = Symbol("not JSON");
const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\b/i;
/** Where a parameter travels, in the words of Twilio's messages. */
const PLACE: Record<string, string> = { body: "post body", query: "query string", header: "headers", path: "path" };

export const isJsonMedia = (type: string | undefined) => JSON_MEDIA.test(type ?? "");

/** A JSON answer, with a Content-Type. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers: { ...headers, "content-type": "application/json" }, body };
}

/**
 * The answer the mock gives without asking Prism, if any: the spec's 401 to missing or malformed credentials
 * (Prism only checks that a Basic header is there), and a 400 to a JSON body that does not parse (Prism's
 * server never answers that one).
 */
export function answerBeforePrism(document: OpenApiDocument, route: Route | undefined, request: RequestFacts): Answer | undefined {
  if (!route) return undefined;
  if (requiresBasicAuth(document, route.operation) && !acceptedCredentials(request.authorization)) {
    const body = firstExample(route.operation, "401");
    if (body !== undefined) return jsonAnswer(401, body);
  }
  if (request.body !== "" && isJsonMedia(request.contentType) && parseJson(request.body, NOT_JSON) === NOT_JSON) {
    const takesJson = Object.keys(route.operation.requestBody?.content ?? {}).some(isJsonMedia);
    return jsonAnswer(400, twilioError(400, INVALID_PARAMETER, takesJson ? "The post body is not valid JSON" : unsupported(route, request.contentType)));
  }
  return undefined;
}

/**
 * Prism's answer as Twilio would give it: a request Prism refused becomes a Twilio 400 naming the parameter
 * (the spec's 401 when it is the credentials); an answer from the spec's examples (`fromExamples`) names the
 * SIDs of the request's path; any other answer stays as it is.
 */
export function answerAfterPrism(route: Route | undefined, request: RequestFacts, answer: Answer, violations: Violation[], fromExamples: boolean): Answer {
  const refused = violations.filter(refuses);
  if (refused.length === 0) {
    return fromExamples && route && answer.body !== undefined ? { ...answer, body: nameRequestedSids(answer.body, route) } : answer;
  }
  const header = { "sl-violations": JSON.stringify(violations) };
  const unauthorized = route && refused.some((v) => v.code === 401) ? firstExample(route.operation, "401") : undefined;
  if (unauthorized !== undefined) return jsonAnswer(401, unauthorized, header);
  // A path whose SID cannot be one names no resource: Twilio's 404, not a 400.
  if (refused.some((v) => v.location[1] === "path")) return jsonAnswer(404, twilioError(404, 20404, `The requested resource ${request.path} was not found`), header);
  return jsonAnswer(400, refusal(route, refused, request.contentType), header);
}

const refuses = (v: Violation) => v.severity === "Error" && v.location[0] === "request";

/** Whether Prism refused the request (an error about the request among its violations). */
export const refusedBy = (violations: Violation[]) => violations.some(refuses);

/** The Twilio 400 for the first parameter Prism refused (every reason it gives for that parameter). */
function refusal(route: Route | undefined, refused: Violation[], contentType: string | undefined): TwilioErrorBody {
  const error = (message: string) => twilioError(400, INVALID_PARAMETER, message);
  const first = refused[0]!;
  const [, where, ...rest] = first.location;
  if (first.code === 415) return error(unsupported(route, contentType));
  if (first.code === "required") {
    // Prism names a missing property in its message ("must have required property 'Email'"); a missing body
    // is missing its first required field.
    const name = /'([^']+)'/.exec(first.message)?.[1] ?? (where === undefined ? requiredFormFields(route)[0] : undefined);
    return error(name ? `Missing required parameter ${name} in the ${PLACE[where ?? "body"] ?? where}` : "Missing required post body");
  }
  const same = refused.filter((v) => v.location.join("/") === first.location.join("/"));
  const why = [...new Set(same.map((v) => reason(v.message)))].join("; ");
  const name = parameterName(route, where, rest);
  if (name) return error(`Invalid parameter ${name}: ${why}`);
  return error(where ? `Invalid ${PLACE[where] ?? where}: ${why}` : `Invalid request: ${why}`);
}

/** The parameter at a violation's location, spelled as the spec spells it (Prism lower-cases query, path and header names). */
function parameterName(route: Route | undefined, where: string | undefined, rest: string[]): string | undefined {
  if (rest.length === 0) return undefined;
  if (where === "body") return rest.join(".");
  const wanted = rest[0]!.toLowerCase();
  return String(route?.parameters.find((p) => p.in === where && String(p.name).toLowerCase() === wanted)?.name ?? rest[0]);
}

/** Prism's message without its "Request query parameter pagesize" preamble: "must be >= 1". */
function reason(message: string): string {
  return message.replace(/^Request\s+(?:body property|(?:query|path|header|cookie) parameter)\s+\S+\s+/i, "").replace(/^Request body\s+/i, "");
}

function unsupported(route: Route | undefined, contentType: string | undefined): string {
  const accepted = Object.keys(route?.operation.requestBody?.content ?? {});
  return `Unsupported Content-Type ${contentType || "(none)"}${accepted.length ? `: send the parameters as ${accepted.join(" or ")}` : ""}`;
}

function requiredFormFields(route: Route | undefined): string[] {
  const content = (route?.operation.requestBody?.content ?? {}) as Record<string, Node>;
  const schema = Object.values(content)[0]?.schema as Node | undefined;
  return [...((schema?.required as string[] | undefined) ?? []), ...((schema?.allOf as Node[] | undefined) ?? []).flatMap((part) => (part?.required as string[]) ?? [])];
}

/** Whether every way the operation may authenticate is HTTP Basic (the spec's `security`, the operation's over the document's). */
function requiresBasicAuth(document: OpenApiDocument, operation: Node): boolean {
  const requirements = (operation.security ?? document.security ?? []) as Array<Record<string, unknown>>;
  const schemes = ((document.components as Node | undefined)?.securitySchemes ?? {}) as Record<string, Node>;
  return (
    requirements.length > 0 &&
    requirements.every((requirement) => {
      const names = Object.keys(requirement);
      return names.length > 0 && names.every((name) => schemes[name]?.type === "http" && String(schemes[name]?.scheme).toLowerCase() === "basic");
    })
  );
}

/** `Basic base64(username:secret)` with a Twilio username and a secret. */
function acceptedCredentials(authorization: string | undefined): boolean {
  const token = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(authorization ?? "")?.[1];
  if (!token) return false;
  const decoded = Buffer.from(token, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon > 0 && TWILIO_USERNAME.test(decoded.slice(0, colon)) && decoded.length > colon + 1;
}

/** The JSON value `text` holds, or `otherwise` when it is not JSON. */
export function parseJson(text: string, otherwise?: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return otherwise;
  }
}
