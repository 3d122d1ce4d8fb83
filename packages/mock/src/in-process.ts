// @trusthub/mock/in-process: the mock's engine (./engine.ts) in the test's own process, behind a fetch
// function: no port, no child process. This door only turns the engine's faults into what fetch does (a
// rejected promise) and answers TrustHub URLs alone; everything else is the engine's.
import type { operations, responseExamples } from "@trusthub/types";
import { createEngine, MockFault, type LoggedRequest, type Override } from "./engine.js";
import { MockOptionError } from "./errors.js";
import { specPath } from "./spec-path.js";
import { servedUrlPattern } from "./routes.js";
import type { StoreData } from "./store.js";

/** The operationIds of the TrustHub spec. */
export type OperationId = keyof operations & string;

/** The names of an operation's named response examples in the TrustHub spec; any string for another spec's operation. */
export type ExampleName<Id extends string> = Id extends keyof responseExamples ? responseExamples[Id] : string;

export type { DelayOverride, ExampleOverride, FaultOverride, LoggedRequest, Override, StatusOverride } from "./engine.js";
export type { StoreData };
export { MockOptionError };

export interface CreateMockOptions {
  /** Serve every resource of the spec from an in-memory store (Prism validates in front of it). */
  stateful?: boolean;
  /** With `stateful`: records to start with (and to go back to on reset()), as a data file's path or as the records, typed from the spec; either is checked against the spec. */
  data?: string | StoreData;
  /** Generate responses from the schemas instead of the examples. */
  dynamic?: boolean;
  /** Seed for `dynamic`, for repeatable responses. */
  seed?: number;
  /** The OpenAPI document to serve (default: the bundled TrustHub spec). */
  spec?: string;
}

/**
 * The controls of every mock, createMock()'s and startMock()'s alike, so that one test text drives either.
 * Each returns a promise because startMock()'s cross into the mock's process; createMock()'s have already
 * acted when they return.
 */
export interface MockControls<Id extends string = OperationId> {
  /** Forces the answer of the next calls of one operation (every call until reset(), or `times` calls); overrides of one operation queue up. Rejects with a TypeError for an override the spec cannot give. */
  override<Op extends Id>(operationId: Op, response: Override<ExampleName<Op>>): Promise<void>;
  /** A copy of what the mock received, oldest first (since the start or the last reset(); the latest 1,000). */
  requests(): Promise<ReadonlyArray<LoggedRequest<Id>>>;
  /** Back to the start: the store to its `data`, overrides and the request log cleared, held requests ended. */
  reset(): Promise<void>;
  /** Ends the mock: held requests are ended, and later requests refused. */
  close(): Promise<void>;
}

export interface InProcessMock<Id extends string = OperationId> extends MockControls<Id> {
  /** A fetch for `createTrustHubClient({ fetch: mock.fetch })`: answers TrustHub URLs (any region), rejects others. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The URLs the mock answers (https://trusthub.twilio.com and its regional hosts). */
  readonly urlPattern: RegExp;
}

/** Creates an in-process mock; resolves once the spec is loaded (reuse one per test file). */
export async function createMock<Id extends string = OperationId>(options: CreateMockOptions = {}): Promise<InProcessMock<Id>> {
  if (options.stateful && options.dynamic) throw new MockOptionError("createMock: stateful and dynamic exclude each other");
  if (options.data !== undefined && !options.stateful) throw new MockOptionError("createMock: data needs stateful");
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new MockOptionError(`createMock: seed must be an integer, got ${options.seed}`);
  const engine = await createEngine({ ...options, spec: options.spec ?? specPath });
  const urlPattern = servedUrlPattern(engine.document);
  let closed = false;

  async function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    if (closed) throw new TypeError("@trusthub/mock: fetch after close()");
    if (!urlPattern.test(request.url)) throw new TypeError(`@trusthub/mock: ${new URL(request.url).origin} is not a TrustHub URL (the mock answers ${urlPattern})`);
    request.signal.throwIfAborted();
    try {
      return await engine.handle(request);
    } catch (error) {
      if (!(error instanceof MockFault)) throw error;
      if (error.kind === "released") throw new Error(`@trusthub/mock: ${closed ? "close()" : "reset()"} while a request was held by a timeout override`);
      const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", errno: -104, syscall: "read" });
      throw new TypeError("fetch failed", { cause: reset });
    }
  }

  return {
    fetch,
    override: async (operationId, response) => engine.override(operationId, response),
    requests: async () => engine.requests() as Array<LoggedRequest<Id>>,
    urlPattern,
    reset: async () => engine.reset(),
    async close() {
      closed = true;
      engine.close();
    },
  };
}
