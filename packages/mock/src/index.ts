// startMock(): the mock's engine in one child process (./server-process.ts) on one loopback port, and a
// handle with the controls of createMock() that reach it over the control route (./server.ts). The process
// is the mock's only one: it answers while its caller is blocked, and it ends with stop() or when its
// caller goes away (its stdin closes).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoggedRequest } from "./engine.js";
import { MockOptionError } from "./errors.js";
import type { ExampleName, MockControls, OperationId } from "./in-process.js";
import { CONTROL_PREFIX, SECRET_HEADER } from "./control.js";
import type { ServerProcessConfig } from "./server-process.js";
import { specPath } from "./spec-path.js";
import type { StoreData } from "./store.js";

export { MockOptionError, specPath };
export type { DelayOverride, ExampleOverride, FaultOverride, LoggedRequest, Override, StatusOverride } from "./engine.js";
export type { ExampleName, MockControls, OperationId } from "./in-process.js";
export type { StoreData };

export interface MockOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1); `0.0.0.0` or `::` for every interface (the URL still names loopback). */
  host?: string;
  /** Generate responses from the schemas instead of the examples. */
  dynamic?: boolean;
  /** Seed for `dynamic`, for repeatable responses. */
  seed?: number;
  /** Serve every resource of the spec from an in-memory store (Prism validates in front of it). */
  stateful?: boolean;
  /**
   * With `stateful`: records to start with, by collection (`{ "customerProfiles": [...], "entityAssignments": [...] }`), as a
   * JSON file's path or as the records, typed from the spec; either is checked against the spec when the mock starts.
   */
  data?: string | StoreData;
  /** The OpenAPI document to serve (default: the bundled TrustHub spec). */
  spec?: string;
  /** The one web origin allowed to call the mock from a browser (default: none; requests with another `Origin` get 403). */
  cors?: string;
  /** How long to wait for the mock to listen, in ms (default 60 000). */
  startTimeoutMs?: number;
}

/** A mock started by startMock(): createMock()'s controls, reaching the mock's process over HTTP. */
export interface RunningMock<Id extends string = OperationId> extends MockControls<Id> {
  /**
   * Base URL, e.g. `http://127.0.0.1:4010`: pass it to `createTrustHubClient({ baseUrl })`. For a wildcard
   * `host` it names loopback (`0.0.0.0` → `127.0.0.1`, `::` → `[::1]`).
   */
  url: string;
  /** Ends the mock's process; resolves once it has exited and its port is free. Safe to call again (so is close()). */
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const serverProcessPath = [join(here, "server-process.js"), join(here, "../dist/server-process.js")].find((p) => existsSync(p)) ?? join(here, "server-process.js");

export async function startMock<Id extends string = OperationId>(options: MockOptions = {}): Promise<RunningMock<Id>> {
  checkOptions(options);
  const secret = randomBytes(32).toString("base64url");
  const config: ServerProcessConfig = {
    spec: options.spec ?? specPath,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    secret,
    stateful: options.stateful,
    data: options.data,
    dynamic: options.dynamic,
    seed: options.seed,
    cors: options.cors,
  };
  const child = spawn(process.execPath, [serverProcessPath], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  child.stdin!.write(`${JSON.stringify(config)}\n`);
  // The handle's controls, and most callers' clients, reach the mock with fetch: Node loads it (undici) on
  // first use, which takes as long as a tenth of the mock's start, so load it while the mock's process starts.
  void globalThis.Request;
  let url: string;
  try {
    url = await ready(child, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  child.stdout!.resume();
  child.stderr!.resume();
  // A program that never calls stop() may still exit; the mock's process then sees its stdin close and ends.
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as Array<{ unref?: () => void } | null>) handle?.unref?.();

  async function call(method: string, name: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${url}${CONTROL_PREFIX}${name}`, {
      method,
      headers: { [SECRET_HEADER]: secret, ...(body !== undefined && { "content-type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as { error?: string } | null;
    if (response.status === 400) throw new TypeError(answer?.error);
    if (!response.ok) throw new Error(`@trusthub/mock: the mock's control ${name} answered ${response.status}: ${answer?.error}`);
    return answer;
  }

  return {
    url,
    override: async (operationId, response) => void (await call("POST", "override", { operationId, response })),
    requests: async () => (await call("GET", "requests")) as Array<LoggedRequest<Id>>,
    reset: async () => void (await call("POST", "reset")),
    stop,
    close: stop,
  };
}

/** The mock's URL, once its process says it listens; rejects with what it said otherwise. */
function ready(child: ReturnType<typeof spawn>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => finish(new Error(`startMock: the mock did not listen within ${timeoutMs} ms${stderr ? `:\n${stderr.slice(-2000)}` : ""}`)), timeoutMs);
    const onStdout = (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf("\n");
      if (end < 0) return;
      const said = JSON.parse(stdout.slice(0, end)) as { url?: string; error?: string; option?: boolean };
      if (said.url) return finish(undefined, said.url);
      finish(said.option ? new MockOptionError(`startMock: ${said.error}`) : new Error(`startMock: ${said.error}`));
    };
    const onStderr = (chunk: Buffer) => void (stderr += chunk.toString());
    const onExit = (code: number | null) => finish(new Error(`startMock: the mock's process exited (code ${code}) before listening${stderr ? `:\n${stderr.slice(-2000)}` : ""}`));
    function finish(error?: Error, url?: string) {
      clearTimeout(timer);
      child.stdout!.off("data", onStdout);
      child.stderr!.off("data", onStderr);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(url!);
    }
    child.stdout!.on("data", onStdout);
    child.stderr!.on("data", onStderr);
    child.once("exit", onExit);
  });
}

/** Throws a MockOptionError for an option that is wrong, or that another option makes meaningless. */
function checkOptions(options: MockOptions): void {
  const fail = (message: string): never => {
    throw new MockOptionError(`startMock: ${message}`);
  };
  if (options.stateful && options.dynamic) fail("stateful and dynamic exclude each other");
  if (options.data !== undefined && !options.stateful) fail("data needs stateful");
  const { data } = options;
  if (data !== undefined && !(typeof data === "string" ? data !== "" : typeof data === "object" && data !== null && !Array.isArray(data))) fail("data must be the path of a JSON file or the records");
  if (options.seed !== undefined && !options.dynamic) fail("seed needs dynamic");
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) fail(`seed must be an integer, got ${options.seed}`);
  const { port } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) fail(`port must be an integer 0..65535, got ${port}`);
  if (options.host !== undefined && (typeof options.host !== "string" || options.host.trim() === "")) fail("host must be a non-empty string");
  if (options.cors !== undefined && !/^https?:\/\/[^/\s]+$/.test(options.cors)) fail(`cors must be an origin (scheme://host[:port]), got ${JSON.stringify(options.cors)}`);
}
