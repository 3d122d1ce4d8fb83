// The client's tests run on a fake fetch, as openapi-fetch's own do (its createObservedClient): the client is
// handed a fetch that records every request it is given and answers from a script, without a socket. Each
// answer is a Response, a function of the request, an Error to reject with (a network failure), or "hang":
// no answer until the attempt's signal aborts, as fetch behaves. `at` is Date.now() when the request came, so
// under vi.useFakeTimers() the gaps between requests are exactly the delays the client asked for.
import { twilioErrorBody } from "@trusthub/test-support";
import { createTrustHubClient, type TrustHubClientOptions } from "../../src/index.js";
import { listPage, profile, SIDS } from "./resources.js";

export type Answer = Response | Error | "hang" | ((request: Request) => Response | Promise<Response>);
export interface Sent {
  readonly request: Request;
  readonly url: URL;
  /** The body as text ("" when there is none). */
  readonly body: string;
  readonly at: number;
}

export const AUTH_TOKEN = "fake-fetch-auth-token";

/** A fetch answering `script` in order, then `fallback` (default: a body any GET accepts; 204 for DELETE), and what it was sent. */
export function fakeFetch(script: Answer[] = [], fallback: Answer = plausible) {
  const sent: Sent[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    sent.push({ request, url: new URL(request.url), body: await request.text(), at: Date.now() });
    const answer = script.length ? script.shift()! : fallback;
    if (answer instanceof Error) throw answer;
    if (answer === "hang") return new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    // A scripted Response is never read itself: each request that takes it gets a fresh copy.
    return typeof answer === "function" ? answer(request) : answer.clone();
  };
  return { fetch, sent };
}

/** A client (credentials, no env) on a fakeFetch(script, fallback). */
export function fakeClient(script: Answer[] = [], options: TrustHubClientOptions = {}, fallback: Answer = plausible) {
  const { fetch, sent } = fakeFetch(script, fallback);
  const client = createTrustHubClient({ accountSid: SIDS.account, authToken: AUTH_TOKEN, baseUrl: "https://trusthub.twilio.com", env: {}, fetch, ...options });
  return { client, sent };
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", ...headers } });
export const twilioError = (status: number, code: number, headers: Record<string, string> = {}) => json(status, twilioErrorBody(status, code), headers);
/** What fetch rejects with when the connection fails. */
export const networkFailure = () => new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });

function plausible(request: Request): Response {
  if (request.method === "DELETE") return new Response(null, { status: 204 });
  return json(request.method === "POST" ? 201 : 200, { ...profile(), ...listPage(new URL(request.url).origin, new URL(request.url).pathname, [profile()]) });
}
