// Shared by the mock's tests: credentials, raw requests, the fixture spec with a third resource, running node
// processes (the CLI, a program that starts a mock), and finding (and waiting for the end of) the Prism process
// a mock started, by its port, through /proc (or `ps` where there is no /proc). Generic helpers (free ports,
// polling, SIDs) come from @trusthub/test-support.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PolicySid } from "@trusthub/client";
import { waitFor } from "@trusthub/test-support";
import { addFixture } from "@trusthub/test-support/fixture";

export const ACCOUNT_SID = "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7";
export const POLICY_SID: PolicySid = "RN806dd6cd175f314e1f96a9727ee271f4";
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

/**
 * One request with fetch, no client in between: form body when `form` is given (a string is sent as it is,
 * for bodies URLSearchParams would not write), Basic auth unless `auth: null`.
 */
export async function raw(
  baseUrl: string,
  method: string,
  path: string,
  o: { form?: Record<string, string> | string; auth?: string | null; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...o.headers };
  const auth = o.auth === undefined ? AUTH : o.auth;
  if (auth !== null) headers.authorization = auth;
  let body: string | undefined;
  if (o.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = typeof o.form === "string" ? o.form : new URLSearchParams(o.form).toString();
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

export function portOf(url: string): number {
  return Number(new URL(url).port);
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

/** Resolves with how `child` ended, or "timeout" after `timeoutMs`. */
export function exited(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | "timeout"> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** Waits (bounded) until stdout matches `pattern`; false when the process ended or time ran out first. */
  waitForStdout(pattern: RegExp, timeoutMs: number): Promise<boolean>;
  /** Ends the process and any Prism still on `port` (both started by this test) if a test left them running. */
  cleanUp(port: number): Promise<void>;
}

/** Runs `node ...args`, keeping its output. */
export function spawnNode(args: string[]): Spawned {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    child,
    output: () => ({ stdout, stderr }),
    waitForStdout: async (pattern, timeoutMs) =>
      Boolean(await waitFor(() => pattern.test(stdout) || child.exitCode !== null || child.signalCode !== null, timeoutMs)) && pattern.test(stdout),
    cleanUp: async (port) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited(child, 5_000);
      }
      for (const pid of prismPids(port)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
  };
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

/** Writes the bundled spec plus the shared EndUsers-like fixture (@trusthub/test-support/fixture) to `dir`; returns the file's path. */
export function writeFixtureSpec(dir: string): string {
  const file = join(dir, "openapi.yaml");
  writeFileSync(file, addFixture(readFileSync(bundledSpec, "utf8")));
  return file;
}
