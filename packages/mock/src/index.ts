// Starts Prism from the TrustHub spec on a loopback port, waits until it answers, and stops it without
// leaving a process behind. The one launcher used by `trusthub-mock`, the repo's tests, `pnpm mock` and
// `pnpm start`.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FrontProcessConfig } from "./front-process.js";
import { disposeSpecCopies, loadServedSpec, type ServedSpec } from "./spec.js";
import { startStore, type StoreServer } from "./store.js";

export interface MockOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
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
  /** Base URL, e.g. `http://127.0.0.1:4010`: pass it to `createTrustHubClient({ baseUrl })`. */
  url: string;
  /** Stops Prism (and the store); resolves once every process has exited. */
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
/** Path of the bundled spec this package serves (also exported as `@trusthub/mock/openapi.yaml`). */
export const specPath = [join(here, "openapi.yaml"), join(here, "../dist/openapi.yaml")].find((p) => existsSync(p)) ?? join(here, "openapi.yaml");

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port || (await freePort(host));
  const spec = options.spec ?? specPath;
  if ([options.stateful, options.upstream, options.dynamic].filter(Boolean).length > 1) {
    throw new Error("startMock: stateful, upstream and dynamic exclude each other");
  }
  let served: ServedSpec | undefined;
  try {
    served = await loadServedSpec(spec);
  } catch (error) {
    // Without the store, Prism reads the spec itself and reports what is wrong with it.
    if (options.stateful) throw new Error(`startMock: cannot read the spec ${spec}: ${(error as Error).message}`);
  }
  let store: StoreServer | undefined;
  if (options.stateful) {
    try {
      store = await startStore({ host, publicOrigin: `http://${hostForUrl(host)}:${port}`, document: served!.document, data: options.data });
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
  const url = `http://${hostForUrl(host)}:${port}`;
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

// When the parent goes (normal exit, Ctrl-C, a test runner's SIGTERM), Prism goes with it.
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of running) signalGroup(child, "SIGKILL");
    disposeSpecCopies();
  };
  process.once("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      // Die of the signal as we would have without this hook, unless the program handles it itself.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
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
