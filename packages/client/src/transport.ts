// Retries and timeouts around one openapi-fetch call. Each attempt is a whole call (request built, sent and
// its body read) under its own abort signal, so a reset or a stall while the body streams fails the attempt
// like any network error; the caller's AbortSignal ends every attempt and every wait. A failure before the
// request reaches fetch is never retried: nothing was sent, and the same request would fail the same way.
import { TrustHubError, TrustHubNetworkError, TrustHubResponseError, TrustHubValidationError } from "./errors.js";

export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 disables). */
  maxRetries: number;
  /** Per-attempt timeout in ms, covering the response body too (default 30 000). */
  timeoutMs: number;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^n)) (default 500). */
  baseDelayMs: number;
  /** Backoff cap (default 20 000). */
  maxDelayMs: number;
  /** The longest Retry-After worth waiting for; longer ones return the 429 at once (default 60 000). */
  maxRetryAfterMs: number;
}

/** The longest delay a timer takes (2^31−1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** One attempt: the signal that ends it, and whether its request has reached fetch. */
export interface Attempt {
  readonly signal: AbortSignal;
  sent: boolean;
}

/**
 * Calls `attempt` until its response is not worth retrying or the retries run out. 429 is retried for
 * every method (the request was not processed); 5xx and network failures only for idempotent ones: of the
 * client's methods (GET, POST, DELETE), all but POST.
 */
export async function withRetries<R extends { response: Response }>(
  method: string,
  where: () => string,
  o: RetryOptions,
  caller: AbortSignal | undefined,
  attempt: (a: Attempt) => Promise<R>,
): Promise<R> {
  // Ends what is in progress, an attempt or a wait, when the caller aborts.
  let stop: (() => void) | undefined;
  const unfollow = caller && onAbort(caller, () => stop?.());
  try {
    for (let n = 0; ; n++) {
      const retriesLeft = n < o.maxRetries;
      // One controller and one cleared timer per attempt: cheaper than AbortSignal.timeout + any, and no
      // timer outlives the attempt.
      const controller = new AbortController();
      const current: Attempt = { signal: controller.signal, sent: false };
      stop = () => controller.abort(caller!.reason);
      // Once the caller's abort is ruled out, an aborted attempt is one this timer ended.
      const timer = setTimeout(() => controller.abort(new DOMException("attempt timed out", "TimeoutError")), o.timeoutMs);
      let delay: number | undefined;
      try {
        if (caller?.aborted) throw caller.reason;
        const result = await attempt(current);
        const status = result.response.status;
        if (retriesLeft && (status === 429 || (status >= 500 && method !== "POST"))) {
          delay = retryDelay(result.response.headers.get("Retry-After"), n, o);
        }
        if (delay === undefined) return result;
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        if (error instanceof TrustHubError) throw error; // refused before sending, or a response not to retry
        if (!current.sent) {
          // A query value with a lone surrogate, a header value fetch refuses, a middleware that throws.
          throw new TrustHubValidationError(`${method} ${where()}: request not built, nothing sent`, { method, path: where(), cause: error });
        }
        if (method === "POST" || !retriesLeft) throw new TrustHubNetworkError(method, where(), n + 1, current.signal.aborted, error);
        delay = backoff(n, o);
      } finally {
        clearTimeout(timer);
      }
      await new Promise((resolve, reject) => {
        const wait = setTimeout(resolve, delay);
        stop = () => {
          clearTimeout(wait);
          reject(caller!.reason);
        };
        if (caller?.aborted) stop();
      });
    }
  } finally {
    unfollow?.();
  }
}

/**
 * What fetch answered, with its body cut off past `maxBytes`, counted as it streams after decoding, so a
 * small compressed body cannot inflate without bound. Reading stops there (the stream is cancelled), so
 * memory stays bounded.
 *
 * The response itself is returned (its url kept), read through one counting reader: `text`, `json`,
 * `arrayBuffer`, `blob` and `formData` (what openapi-fetch calls for a parseAs, and for error bodies), `body`
 * and `clone` become its own, over that reader. That costs what fetch's own text() costs; a new Response over
 * a re-streamed body would not. Taking the reader at once locks the body, so a read these do not cover fails
 * instead of passing the cap.
 */
export function guarded(response: Response, maxBytes: number, method: string, where: () => string): Response {
  const { headers, body } = response;
  const length = headers.get("Content-Length");
  // Without a content coding the connection delivers no more than Content-Length: nothing to count.
  if (!body || (length && +length <= maxBytes && !headers.has("Content-Encoding"))) return response;
  const reader = body.getReader();
  let total = 0;
  // Where the methods read: the counted chunks, or after clone() this response's branch of them.
  let source: Pick<ReadableStreamDefaultReader<Uint8Array>, "read" | "cancel"> = {
    read: async () => {
      const chunk = await reader.read();
      if (chunk.value && (total += chunk.value.length) > maxBytes) {
        reader.cancel().catch(() => {});
        responseError(`body larger than maxResponseBytes (${maxBytes})`, response, method, where);
      }
      return chunk;
    },
    cancel: (reason) => reader.cancel(reason),
  };
  let stream: ReadableStream<Uint8Array> | undefined;
  const streamed = (from = source) =>
    (stream ??= new ReadableStream({
      pull: async (controller) => {
        const { done, value } = await from.read();
        done ? controller.close() : controller.enqueue(value);
      },
      cancel: (reason) => from.cancel(reason),
    }));
  const whole = async () => {
    const chunks: Uint8Array[] = [];
    for (let chunk; !(chunk = await source.read()).done; ) chunks.push(chunk.value);
    if (chunks.length === 1) return chunks[0]!;
    const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let at = 0;
    for (const chunk of chunks) all.set(chunk, (at += chunk.length) - chunk.length);
    return all;
  };
  const text = async () => utf8.decode(await whole());
  // Reads that depend on the Content-Type, made by fetch's own Response over the counted bytes.
  const typed = (read: "blob" | "formData") => ({ value: async () => new Response((await whole()) as BodyInit, { headers })[read]() });
  return Object.defineProperties(response, {
    body: { get: () => streamed() },
    text: { value: text },
    json: { value: async () => JSON.parse(await text()) },
    arrayBuffer: { value: async () => (await whole()).slice().buffer },
    blob: typed("blob"),
    formData: typed("formData"),
    // Both branches of a tee see every counted chunk, so the clone's reads stop at the cap too.
    clone: {
      value: () => {
        const [mine, theirs] = streamed().tee();
        source = mine.getReader();
        stream = undefined;
        return new Response(theirs, response);
      },
    },
  });
}

// One decoder for every body: decode() without { stream: true } keeps no state between calls.
const utf8 = new TextDecoder();

/** Throws a TrustHubResponseError about `response`. */
export function responseError(why: string, response: Response, method: string, where: () => string): never {
  throw new TrustHubResponseError(why, response.status, response.headers.get("Content-Type"), method, where());
}

function backoff(attempt: number, o: RetryOptions): number {
  return Math.random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** attempt);
}

/** The wait before the next attempt, or undefined when Retry-After asks for longer than we will wait. */
function retryDelay(retryAfter: string | null, attempt: number, o: RetryOptions): number | undefined {
  // Digits, or RFC 9110's preferred HTTP date (IMF-fixdate), which is exactly what toUTCString() writes: the
  // round trip refuses every other form, and values such as "-1", "1.5" or "+2" that Date.parse reads as
  // dates. Anything else, and a missing header (null), counts as no Retry-After at all.
  const date = Date.parse(retryAfter!);
  const ms = /^\d+$/.test(retryAfter!) ? +retryAfter! * 1000 : new Date(date).toUTCString() === retryAfter ? date - Date.now() : NaN;
  if (isNaN(ms)) return backoff(attempt, o);
  return ms > o.maxRetryAfterMs ? undefined : Math.max(0, ms);
}

// One "abort" listener per caller signal, however many calls share it: an EventTarget warns
// (MaxListenersExceededWarning) past 10 listeners, and a page of concurrent calls often shares one signal.
const followers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `f` when `signal` aborts; returns the function that stops that. */
function onAbort(signal: AbortSignal, f: () => void): () => void {
  let set = followers.get(signal)!;
  if (!set) {
    followers.set(signal, (set = new Set()));
    signal.addEventListener("abort", () => set.forEach((g) => g()));
  }
  set.add(f);
  return () => set.delete(f);
}
