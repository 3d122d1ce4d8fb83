// Shared by the mock's tests: credentials, raw requests (over HTTP or to an in-process mock's fetch), the
// Twilio 400 of a refused request, the fixture spec with more resources, a call of every operation of a
// spec, running node processes (the CLI, a program that starts a mock), and the processes and listening
// ports of a process, through /proc (Linux). Generic
// helpers (free ports, polling, SIDs) come from @trusthub/test-support.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PolicySid } from "@trusthub/client";
import { deref, listOperations, type OpenApiDocument } from "@trusthub/spec";
import { collect, twilioErrorBody, waitFor } from "@trusthub/test-support";
import { addFixtures } from "@trusthub/test-support/fixture";
import { expect } from "vitest";

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

/** A fetch: the global one, or an in-process mock's. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/**
 * One request with fetch (or `o.fetch`), no client in between: form body when `form` is given (a string is
 * sent as it is, for bodies URLSearchParams would not write), else `body` as it is; Basic auth unless
 * `auth: null`.
 */
export async function raw(
  baseUrl: string,
  method: string,
  path: string,
  o: { form?: Record<string, string> | string; body?: string; auth?: string | null; headers?: Record<string, string>; fetch?: FetchLike } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...o.headers };
  const auth = o.auth === undefined ? AUTH : o.auth;
  if (auth !== null) headers.authorization = auth;
  let body: string | undefined = o.body;
  if (o.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = typeof o.form === "string" ? o.form : new URLSearchParams(o.form).toString();
  }
  const response = await (o.fetch ?? fetch)(baseUrl + path, { method, headers, body, signal: AbortSignal.timeout(20_000) });
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

/**
 * The mock's answer to a request the spec refuses: HTTP 400 with a Twilio error body (code 20001) whose
 * message names `parameter` (and `why`, when given), and Prism's violations in `sl-violations`.
 */
export function expectRefusal(response: RawResponse, parameter: string, why?: string): void {
  expect(response.status, response.text).toBe(400);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.body).toEqual(twilioErrorBody(400, 20001, expect.stringMatching(new RegExp(`\\b${parameter}\\b${why ? `[\\s\\S]*${why}` : ""}`))));
  expect(response.headers.get("sl-violations")).toMatch(/"severity":"Error"/);
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** The live processes whose parent is `pid`, from /proc (Linux). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) === pid && state !== "Z" && state !== "X") out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Whether `pid` is a running process (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

/** The TCP ports `pid` listens on, from /proc (Linux): its socket inodes matched against the kernel's tables. */
export function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed while we looked
    }
  }
  const ports: number[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === "0A" && inodes.has(fields[9] ?? "")) ports.push(parseInt(fields[1]!.split(":")[1]!, 16)); // 0A: LISTEN
    }
  }
  return ports;
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
  /** Ends the process (and the mock processes it started) if a test left them running. */
  cleanUp(): Promise<void>;
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
    cleanUp: async () => {
      const mocks = child.pid ? childrenOf(child.pid) : [];
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited(child, 5_000);
      }
      for (const pid of mocks) {
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

/**
 * Writes the bundled spec plus the shared fixtures (@trusthub/test-support/fixture: EndUsers-like, and a
 * TrustProducts-like family with the prefixes and collection name of the spec's own) to `dir`; returns its path.
 */
export function writeFixtureSpec(dir: string): string {
  const file = join(dir, "openapi.yaml");
  writeFileSync(file, addFixtures(readFileSync(bundledSpec, "utf8")));
  return file;
}

export interface Outcome {
  operation: string;
  expected: number;
  got: number | string;
}

const FORM = "application/x-www-form-urlencoded";
const isTemplate = (segment: string) => /^\{[^}]+\}$/.test(segment);
const shapeOf = (segments: string[]) => segments.map((s) => (isTemplate(s) ? "{}" : s)).join("/");

/** The spec's first named example of an operation's form body, as form fields (objects and arrays as JSON). */
export function exampleForm(spec: OpenApiDocument, operation: any): Record<string, string> | undefined {
  const media = deref(spec, operation.requestBody)?.content?.[FORM];
  if (!media) return {};
  const first = Object.values(media.examples ?? {})[0];
  const value = first ? deref(spec, first).value : media.example;
  if (!value) return undefined;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)]));
}

function successStatus(operation: any): number {
  return Number(Object.keys(operation.responses).find((code) => /^2\d\d$/.test(code)));
}

/** One exchange of an exercise: the request and what came back. */
export interface Exchange {
  request: string;
  status: number;
  body: unknown;
}

/**
 * Calls every operation of `spec` on `baseUrl` (through `fetch`, the global one by default) in an order
 * where each has what it needs: creates (parents first), lists (the created record must be on a page),
 * fetches and updates, deletes (children first), each with the spec's first named example of its form
 * body. Returns one outcome per operation, in the spec's order, and the transcript of every exchange.
 */
export async function exerciseEveryOperation(baseUrl: string, spec: OpenApiDocument, fetch?: FetchLike): Promise<{ outcomes: Outcome[]; transcript: Exchange[] }> {
  const transcript: Exchange[] = [];
  const operations = listOperations(spec).map((o) => ({ ...o, id: `${o.operation.operationId} (${o.method.toUpperCase()} ${o.path})`, segments: o.path.split("/").filter(Boolean) }));
  const outcomes = new Map<string, number | string>();
  /** The record created in each collection (by the collection's shape): its SID and the concrete path it lives at. */
  const created = new Map<string, { sid: string; path: string }>();
  /** A concrete path for a spec path: each {…} is the SID created in the collection before it. */
  const concrete = (segments: string[]): string | undefined => {
    const out: string[] = [];
    for (const [i, segment] of segments.entries()) {
      if (!isTemplate(segment)) out.push(segment);
      else {
        const record = created.get(shapeOf(segments.slice(0, i)));
        if (!record) return undefined;
        out.push(record.sid);
      }
    }
    return `/${out.join("/")}`;
  };
  const call = async (method: string, path: string, form?: Record<string, string>) => {
    const response = await raw(baseUrl, method, path, { ...(form && { form }), ...(fetch && { fetch }) });
    transcript.push({ request: `${method} ${path}`, status: response.status, body: response.body });
    return response;
  };

  // Creates, parents first.
  const creates = operations.filter((o) => o.method === "post" && !isTemplate(o.segments.at(-1)!)).sort((a, b) => a.segments.length - b.segments.length);
  for (const op of creates) {
    const path = concrete(op.segments);
    const form = exampleForm(spec, op.operation);
    if (!path || !form) {
      outcomes.set(op.id, !path ? "no parent record" : "no request example");
      continue;
    }
    const response = await call("POST", path, form);
    outcomes.set(op.id, response.status);
    const sid = (response.body as { sid?: unknown } | undefined)?.sid;
    if (typeof sid === "string") created.set(shapeOf(op.segments), { sid, path: `${path}/${sid}` });
  }

  // Lists (the created record must be on one of the pages), fetches and updates.
  for (const op of operations) {
    if (outcomes.has(op.id) || op.method === "delete") continue;
    const collection = !isTemplate(op.segments.at(-1)!);
    const record = created.get(shapeOf(collection ? op.segments : op.segments.slice(0, -1)));
    const path = concrete(op.segments);
    if (!path || !record) {
      outcomes.set(op.id, "nothing created to call it on");
      continue;
    }
    if (op.method === "get" && collection) {
      const response = await call("GET", path);
      const listed = await collect(pages(baseUrl, response, fetch), 100);
      outcomes.set(op.id, listed.flat().includes(record.sid) ? response.status : `${response.status}, without the created record`);
    } else if (op.method === "get") {
      const response = await call("GET", path);
      outcomes.set(op.id, (response.body as { sid?: unknown })?.sid === record.sid ? response.status : `${response.status}, another record`);
    } else {
      const form = exampleForm(spec, op.operation);
      outcomes.set(op.id, form ? (await call(op.method.toUpperCase(), path, form)).status : "no request example");
    }
  }

  // Deletes, children first.
  const deletes = operations.filter((o) => o.method === "delete").sort((a, b) => b.segments.length - a.segments.length);
  for (const op of deletes) {
    const path = concrete(op.segments);
    outcomes.set(op.id, path ? (await call("DELETE", path)).status : "nothing created to call it on");
  }
  return { outcomes: operations.map((o) => ({ operation: o.id, expected: successStatus(o.operation), got: outcomes.get(o.id)! })), transcript };
}

/** The SIDs of every page of a list, following next_page_url from the first response. */
async function* pages(baseUrl: string, first: { body: unknown }, fetch?: FetchLike): AsyncGenerator<string[]> {
  let body = first.body as { meta?: { next_page_url?: string | null } } & Record<string, unknown>;
  for (;;) {
    const items = Object.values(body).find(Array.isArray) as Array<{ sid: string }> | undefined;
    yield (items ?? []).map((item) => item.sid);
    const next = body.meta?.next_page_url;
    if (!next) return;
    body = (await raw(baseUrl, "GET", next.slice(new URL(next).origin.length), fetch ? { fetch } : {})).body as typeof body;
  }
}
