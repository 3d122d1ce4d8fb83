// Retries and timeouts around one openapi-fetch call. Each attempt is a whole call (request built, sent and
// its body read) under its own abort signal, so a reset or a stall while the body streams fails the attempt
// like any network error; the caller's AbortSignal ends every attempt and every wait.
import { TrustHubError, TrustHubNetworkError } from "./errors.js";

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

const IDEMPOTENT = new Set(["GET", "HEAD", "DELETE", "OPTIONS"]);

/**
 * Calls `attempt` until its response is not worth retrying or the retries run out. 429 is retried for
 * every method (the request was not processed); 5xx and network failures only for idempotent ones.
 */
export async function withRetries<R extends { response: Response }>(
  method: string,
  where: () => string,
  o: RetryOptions,
  caller: AbortSignal | undefined,
  attempt: (signal: AbortSignal) => Promise<R>,
): Promise<R> {
  for (let n = 0; ; n++) {
    const retriesLeft = n < o.maxRetries;
    // One controller and one cleared timer per attempt: cheaper than AbortSignal.timeout + any, and no
    // timer outlives the attempt.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`attempt timed out after ${o.timeoutMs} ms`, "TimeoutError"));
    }, o.timeoutMs);
    const forward = () => controller.abort(caller!.reason);
    caller?.addEventListener("abort", forward);
    let delay: number | undefined;
    try {
      if (caller?.aborted) throw caller.reason;
      const result = await attempt(controller.signal);
      const status = result.response.status;
      if (retriesLeft && (status === 429 || (status >= 500 && IDEMPOTENT.has(method)))) {
        delay = retryDelay(result.response.headers.get("Retry-After"), n, o);
      }
      if (delay === undefined) return result;
    } catch (error) {
      if (caller?.aborted) throw caller.reason;
      if (error instanceof TrustHubError) throw error; // refused before sending: nothing to retry
      if (!IDEMPOTENT.has(method) || !retriesLeft) throw new TrustHubNetworkError(method, where(), n + 1, timedOut, error);
      delay = backoff(n, o);
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener("abort", forward);
    }
    await sleep(delay, caller);
  }
}

function backoff(attempt: number, o: RetryOptions): number {
  return Math.random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** attempt);
}

/** The wait before the next attempt, or undefined when Retry-After asks for longer than we will wait. */
function retryDelay(retryAfter: string | null, attempt: number, o: RetryOptions): number | undefined {
  if (retryAfter === null) return backoff(attempt, o);
  const ms = /^\s*\d+\s*$/.test(retryAfter) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - Date.now();
  if (Number.isNaN(ms)) return backoff(attempt, o);
  const wait = Math.max(0, ms);
  return wait > o.maxRetryAfterMs ? undefined : wait;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", abort, { once: true });
  });
}
