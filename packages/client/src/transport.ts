// The fetch that openapi-fetch calls: one request, several attempts. Each attempt has its own timeout; the
// caller's AbortSignal ends them all. The body is read inside the attempt, so a reset or a stall while the
// body streams is retried like any network error, and what openapi-fetch gets is complete.
import { TrustHubNetworkError } from "./errors.js";

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

type Fetch = (input: Request) => Promise<Response>;

const IDEMPOTENT = new Set(["GET", "HEAD", "DELETE", "OPTIONS"]);
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function retryingFetch(fetchImpl: Fetch, o: RetryOptions): Fetch {
  return async function trustHubFetch(request) {
    const method = request.method;
    const path = new URL(request.url).pathname;
    const body = request.body ? await request.arrayBuffer() : undefined;
    const caller = request.signal;
    for (let attempt = 0; ; attempt++) {
      const retriesLeft = attempt < o.maxRetries;
      const timeout = AbortSignal.timeout(o.timeoutMs);
      let delay: number | undefined;
      try {
        const response = await fetchImpl(
          new Request(request, { body, signal: AbortSignal.any([caller, timeout]) } as RequestInit),
        );
        // 429: the request was not processed, so every method may repeat it. 5xx: only idempotent ones.
        const retryable = response.status === 429 || (response.status >= 500 && IDEMPOTENT.has(method));
        if (retryable && retriesLeft) delay = retryDelay(response.headers.get("Retry-After"), attempt, o);
        if (delay === undefined) return await buffered(response);
        await response.body?.cancel().catch(() => {});
      } catch (error) {
        if (caller.aborted) throw caller.reason;
        if (!IDEMPOTENT.has(method) || !retriesLeft) {
          throw new TrustHubNetworkError(method, path, attempt + 1, timeout.aborted, error);
        }
        delay = backoff(attempt, o);
      }
      await sleep(delay, caller);
    }
  };
}

/** Reads the whole body within the attempt, and hands openapi-fetch an equivalent, complete response. */
async function buffered(response: Response): Promise<Response> {
  const bytes = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
  const copy = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

function backoff(attempt: number, o: RetryOptions): number {
  return Math.random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** attempt);
}

/** The wait before the next attempt, or undefined when Retry-After asks for longer than we will wait. */
function retryDelay(retryAfter: string | null, attempt: number, o: RetryOptions): number | undefined {
  if (retryAfter === null) return backoff(attempt, o);
  const seconds = /^\s*\d+\s*$/.test(retryAfter) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - Date.now();
  if (Number.isNaN(seconds)) return backoff(attempt, o);
  const wait = Math.max(0, seconds);
  return wait > o.maxRetryAfterMs ? undefined : wait;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const done = () => {
      signal.removeEventListener("abort", abort);
      resolve();
    };
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", abort, { once: true });
  });
}
