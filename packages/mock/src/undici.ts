// @trusthub/mock/undici: an undici Dispatcher (as undici's MockAgent is one) that hands every request to an
// in-process mock's fetch. Set as the global dispatcher, it answers undici's request/fetch and Node's global
// fetch (which reads the same global); a URL that is not TrustHub's is refused by that fetch, so nothing
// reaches the network. This door only translates between undici's handler calls and a Request/Response.
import { Dispatcher } from "undici";
import type { InProcessMock } from "./in-process.js";

/** The handler calls of undici 6 and 7 (the API behind `request`, `fetch` and Node's global fetch). */
interface Handler {
  onConnect?(abort: (reason?: Error) => void, context?: unknown): void;
  onHeaders?(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean;
  onData?(chunk: Buffer): boolean;
  onComplete?(trailers: Buffer[] | null): void;
  onError?(error: Error): void;
}

type DispatchHeaders = Dispatcher.DispatchOptions["headers"];

/** Request headers as undici hands them over: a flat [name, value, …] list, pairs, or an object. */
function headersOf(headers: DispatchHeaders): Headers {
  const result = new Headers();
  if (!headers) return result;
  const add = (name: unknown, value: unknown) => {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) result.append(String(name), String(one));
  };
  if (Array.isArray(headers)) {
    if (Array.isArray(headers[0])) for (const [name, value] of headers as unknown as Array<[unknown, unknown]>) add(name, value);
    else for (let i = 0; i < headers.length; i += 2) add(headers[i], headers[i + 1]);
  } else if (Symbol.iterator in Object(headers)) {
    for (const [name, value] of headers as Iterable<[string, string]>) add(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return result;
}

class TrustHubDispatcher<Id extends string> extends Dispatcher {
  #closed = false;
  readonly #mock: InProcessMock<Id>;

  constructor(mock: InProcessMock<Id>) {
    super();
    this.#mock = mock;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    void this.#answer(options, handler as Handler);
    return true;
  }

  async #answer(options: Dispatcher.DispatchOptions, handler: Handler): Promise<void> {
    const controller = new AbortController();
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      controller.abort(error);
      handler.onError?.(error);
    };
    handler.onConnect?.((reason) => fail(reason ?? new DOMException("The operation was aborted.", "AbortError")));
    try {
      if (this.#closed) throw new Error("@trusthub/mock/undici: dispatch after close() or destroy()");
      if (options.upgrade || options.method === "CONNECT") throw new Error(`@trusthub/mock/undici: ${options.upgrade ? "upgrade" : "CONNECT"} is not an HTTP request the mock answers`);
      const url = new URL(options.path, options.origin);
      const hasBody = options.body != null && options.method !== "GET" && options.method !== "HEAD";
      const response = await this.#mock.fetch(url, {
        method: options.method,
        headers: headersOf(options.headers),
        ...(hasBody && { body: options.body as BodyInit, duplex: "half" }),
        signal: controller.signal,
      } as RequestInit);
      if (settled) return;
      const raw = [...response.headers].flatMap(([name, value]) => [Buffer.from(name), Buffer.from(value)]);
      let resumed: (() => void) | undefined;
      const resume = () => resumed?.();
      handler.onHeaders?.(response.status, raw, resume, response.statusText);
      const reader = response.body?.getReader();
      for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
        if (settled) return void reader!.cancel();
        // false: the handler wants no more until it calls resume().
        if (handler.onData?.(Buffer.from(read.value)) === false) await new Promise<void>((go) => (resumed = go));
      }
      if (settled) return;
      settled = true;
      handler.onComplete?.([]);
    } catch (error) {
      // The mock's fetch gives a connection reset as TypeError("fetch failed", { cause }): undici wants the cause.
      const cause = error instanceof TypeError && error.cause instanceof Error ? error.cause : error;
      fail(cause instanceof Error ? cause : new Error(String(cause)));
    }
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.#closed = true;
    if (callback) return void queueMicrotask(callback);
    return Promise.resolve();
  }

  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(errorOrCallback?: Error | null | (() => void), callback?: () => void): Promise<void> | void {
    this.#closed = true;
    const done = typeof errorOrCallback === "function" ? errorOrCallback : callback;
    if (done) return void queueMicrotask(done);
    return Promise.resolve();
  }
}

/**
 * An undici Dispatcher that answers TrustHub URLs (any region) from `mock` and refuses every other URL:
 * `setGlobalDispatcher(trusthubDispatcher(mock))` for undici's `request`/`fetch` and Node's global fetch, or
 * `{ dispatcher }` for one call. Closing it leaves the mock open.
 */
export function trusthubDispatcher<Id extends string>(mock: InProcessMock<Id>): Dispatcher {
  return new TrustHubDispatcher(mock);
}
