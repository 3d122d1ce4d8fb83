// Shared by the mock's tests: credentials, raw requests, free ports, and finding (and waiting for the end
// of) the Prism process a mock started, by its port, through /proc (or `ps` where there is no /proc).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const ACCOUNT_SID = "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7";
export const POLICY_SID = "RN806dd6cd175f314e1f96a9727ee271f4";
export const AUTH = `Basic ${Buffer.from(`${ACCOUNT_SID}:mock-auth-token`).toString("base64")}`;

/** The built package (the CLI and the bundled spec live there; `npx pnpm --filter @trusthub/mock build`). */
export const distDir = fileURLToPath(new URL("../dist/", import.meta.url));
export const cliPath = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
export const distIndex = fileURLToPath(new URL("../dist/index.js", import.meta.url));
export const bundledSpec = fileURLToPath(new URL("../dist/openapi.yaml", import.meta.url));

export function assertBuilt(): void {
  for (const file of [cliPath, distIndex, bundledSpec]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (npx -y pnpm@10.34.9 --filter @trusthub/mock build)`);
  }
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** One request with fetch, no client in between: form body when `form` is given, Basic auth unless `auth: null`. */
export async function raw(
  baseUrl: string,
  method: string,
  path: string,
  o: { form?: Record<string, string>; auth?: string | null; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...o.headers };
  const auth = o.auth === undefined ? AUTH : o.auth;
  if (auth !== null) headers.authorization = auth;
  let body: string | undefined;
  if (o.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(o.form).toString();
  }
  const response = await fetch(baseUrl + path, { method, headers, body, signal: AbortSignal.timeout(20_000) });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** Polls `check` every `intervalMs` until it returns a truthy value or `timeoutMs` passes (then returns the last value). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await check();
  while (!value && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await check();
  }
  return value;
}

const hasProc = existsSync("/proc/self/cmdline");

function commandLines(): Array<{ pid: number; args: string[] }> {
  if (hasProc) {
    const out: Array<{ pid: number; args: string[] }> = [];
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
        out.push({ pid: Number(entry), args });
      } catch {
        // the process ended while we looked
      }
    }
    return out;
  }
  return execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), args: m[2]!.split(/\s+/) }));
}

/** PIDs of the live Prism processes listening (or about to) on `port`: Prism's CLI with `--port <port>`. */
export function prismPids(port: number): number[] {
  return commandLines()
    .filter(({ pid, args }) => {
      if (!args.some((a) => a.includes("prism-cli"))) return false;
      const i = args.indexOf("--port");
      return i >= 0 && args[i + 1] === String(port) && isAlive(pid);
    })
    .map(({ pid }) => pid);
}

/** Whether `pid` is a running process (a zombie, dead but not yet reaped by its new parent, counts as gone). */
export function isAlive(pid: number): boolean {
  if (hasProc) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
      return state !== "Z" && state !== "X";
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (at most `timeoutMs`) until none of `pids` is alive; returns the ones still alive. */
export async function waitGone(pids: number[], timeoutMs = 10_000): Promise<number[]> {
  await waitFor(() => pids.every((pid) => !isAlive(pid)), timeoutMs);
  return pids.filter(isAlive);
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

/** A random SID with the given two-letter prefix. */
export function randomSid(prefix: string): string {
  let hex = "";
  for (let i = 0; i < 32; i++) hex += Math.floor(Math.random() * 16).toString(16);
  return prefix + hex;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Every value of an async iterable (Array.fromAsync is not in Node 20). */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}
