// Starts Prism from the TrustHub spec on a loopback port, waits until it answers, and stops it without
// leaving a process behind. The one launcher used by `trusthub-mock`, the repo's tests, `pnpm mock` and
// `pnpm start`.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, isIP } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { onExit } from "signal-exit";
import { MockOptionError } from "./errors.js";
import type { FrontProcessConfig } from "./front-process.js";
import { disposeSpecCopies, loadServedSpec, type ServedSpec } from "./spec.js";
import { startStore, type StoreServer } from "./store.js";

export { MockOptionError };

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
  /** With `stateful`: a JSON file of records to start with, by collection (`{ "customerProfiles": [...], "entityAssignments": [...] }`). */
  data?: string;
  /**
   * Proxy every request to this upstream (e.g. https://trusthub.twilio.com) instead of serving examples;
   * Prism validates requests and responses against the spec on the way.
   */
  upstream?: string;
  /**
   * Turn violations into errors (default true): an invalid request or a response that breaks the spec gets
   * an error response instead of only an `sl-violations` header.
   */
  errors?: boolean;
  /** The OpenAPI document to serve (default: the bundled TrustHub spec). */
  spec?: string;
  /** How long to wait for Prism to answer, in ms (default 60 000). */
  startTimeoutMs?: number;
  /** Receives Prism's log lines (default: dropped). */
  log?: (line: string) => void;
}

export interface RunningMock {
  /**
   * Base URL, e.g. `http://127.0.0.1:4010`: pass it to `createTrustHubClient({ baseUrl })`. For a wildcard
   * `host` it names loopback (`0.0.0.0` → `127.0.0.1`, `::` → `[::1]`).
   */
  url: string;
  /** Stops Prism (and the store); resolves once every process has exited. */
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
/** Path of the bundled spec this package serves (also exported as `@trusthub/mock/openapi.yaml`). */
export const specPath = [join(here, "openapi.yaml"), join(here, "../dist/openapi.yaml")].find((p) => existsSync(p)) ?? join(here, "openapi.yaml");

const running = new Set<ChildProcess>();
let removeExitHook: (() => void) | undefined;

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  checkOptions(options);
  const host = options.host ?? "127.0.0.1";
  const port = options.port || (await freePort(host));
  const spec = options.spec ?? specPath;
  const url = `http://${hostForUrl(urlHost(host))}:${port}`;
  let served: ServedSpec | undefined;
  try {
    served = await loadServedSpec(spec);
  } catch (error) {
    // Without the store, Prism reads the spec itself and reports what is wrong with it.
    if (options.stateful) throw new MockOptionError(`startMock: cannot read the spec ${spec}: ${(error as Error).message}`);
  }
  let store: StoreServer | undefined;
  if (options.stateful) {
    try {
      // On loopback whatever `host` is: only Prism talks to the store.
      store = await startStore({ publicOrigin: url, document: served!.document, data: options.data });
    } catch (error) {
      served?.dispose();
      throw error;
    }
  }
  const prismSpec = served?.prismPath ?? spec;
  const upstream = store?.url ?? options.upstream;
  const args = upstream
    ? ["proxy", prismSpec, upstream, "--validate-request", "true"]
    : ["mock", prismSpec, ...(options.dynamic ? ["--dynamic"] : []), ...(options.seed !== undefined ? ["--seed", String(options.seed)] : [])];
  if (options.errors ?? true) args.push("--errors");

  installExitHook();
  const child = spawn(process.execPath, await frontProcess(host, port, served ? spec : undefined, args, { fromExamples: !upstream, reportOnly: Boolean(upstream) && options.errors === false }), {
    // stdin stays open while this process lives: the mock's processes end when it closes.
    stdio: ["pipe", "pipe", "pipe"],
    detached: true, // its own process group, so stop() also ends anything Prism started
    // TRUSTHUB_MOCK_PORT names the mock's public port in its processes' environment, for tools that look for them.
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", TRUSTHUB_MOCK_PORT: String(port) },
  });
  running.add(child);
  const stop = async () => {
    await kill(child);
    await store?.close();
    served?.dispose();
  };

  try {
    await waitUntilListening(child, options.startTimeoutMs ?? 60_000, options.log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

const frontProcessPath = [join(here, "front-process.js"), join(here, "../dist/front-process.js")].find((p) => existsSync(p)) ?? join(here, "front-process.js");

/**
 * The command of the mock's process (./front-process.ts): a front server on the public address that gives
 * Prism's answers the Twilio treatment (the spec's 401, a Twilio 400 for a refused request, examples naming
 * the requested SIDs), and the Prism CLI (`prismArgs`) behind it on a private loopback port.
 */
async function frontProcess(
  host: string,
  port: number,
  spec: string | undefined,
  prismArgs: string[],
  mode: { fromExamples: boolean; reportOnly: boolean },
): Promise<string[]> {
  const prismPort = await freePort("127.0.0.1");
  const config: FrontProcessConfig = { host, port, prismPort, spec, ...mode, prismArgs: [...prismArgs, "--host", "127.0.0.1", "--port", String(prismPort)] };
  return [frontProcessPath, JSON.stringify(config)];
}

function waitUntilListening(child: ChildProcess, timeoutMs: number, log?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => finish(new Error(`Prism did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
    let listening = false;
    // Until Prism listens, its output is kept (for the error message) and scanned; after that it is only
    // forwarded to `log`, so a long-running mock costs nothing per request here.
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split("\n")) if (line.trim()) log?.(line);
      if (listening) return;
      output += text;
      if (/Prism is listening on/.test(output)) {
        listening = true;
        finish();
      }
    };
    const onExit = (code: number | null) => finish(new Error(`Prism exited (code ${code}) before listening:\n${output.slice(-2000)}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.off("exit", onExit);
      if (error) return reject(error);
      output = "";
      if (!log) {
        child.stdout!.off("data", onData);
        child.stderr!.off("data", onData);
        child.stdout!.resume(); // keep draining, or Prism blocks on a full pipe
        child.stderr!.resume();
      }
      resolve();
    }
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", onExit);
  });
}

async function kill(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (running.size === 0) {
    removeExitHook?.();
    removeExitHook = undefined;
  }
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

// When the parent really goes (it exits, or a signal that it does not handle ends it), Prism goes with it. A
// signal the program handles itself is its business: if it keeps running, so does Prism. signal-exit draws
// that line, and agrees with every other library in the process that uses it (a hand-made hook would stop
// theirs from re-raising the signal, and the other way round).
function installExitHook() {
  removeExitHook ??= onExit(() => {
    for (const child of running) signalGroup(child, "SIGKILL");
    disposeSpecCopies();
  });
}

/** Throws a MockOptionError for an option that is wrong, or that another option makes meaningless. */
function checkOptions(options: MockOptions): void {
  const fail = (message: string): never => {
    throw new MockOptionError(`startMock: ${message}`);
  };
  if ([options.stateful, options.upstream, options.dynamic].filter(Boolean).length > 1) fail("stateful, upstream and dynamic exclude each other");
  if (options.data !== undefined && !options.stateful) fail("data needs stateful");
  if (options.data !== undefined && (typeof options.data !== "string" || options.data === "")) fail("data must be the path of a JSON file");
  if (options.seed !== undefined && !options.dynamic) fail("seed needs dynamic");
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) fail(`seed must be an integer, got ${options.seed}`);
  const { port } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) fail(`port must be an integer 0..65535, got ${port}`);
  if (options.host !== undefined && (typeof options.host !== "string" || options.host.trim() === "")) fail("host must be a non-empty string");
}

/** The host to put in the URL: a wildcard address is reached, and accepted by the client, as loopback. */
function urlHost(host: string): string {
  if (isIP(host) === 4 && host === "0.0.0.0") return "127.0.0.1";
  if (isIP(host) === 6 && new URL(`http://[${host}]/`).hostname === "[::]") return "::1";
  return host;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
