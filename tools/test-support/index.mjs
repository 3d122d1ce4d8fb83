// Helpers shared by every test suite and repo tool, so each exists once: loopback ports, socket tracking
// for servers that must close at once, scratch copies of the repo, rejections, SIDs and bounded iteration.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** A port that was free a moment ago on `host` (default 127.0.0.1). */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the open sockets of `server`, so a test can destroy them instead of waiting on keep-alive or a hang. */
export function trackSockets(server) {
  const sockets = new Set();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("close", () => sockets.delete(socket));
  });
  return {
    get size() {
      return sockets.size;
    },
    destroyAll() {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/**
 * A copy of the repository in a temporary folder: every file but .git, .turbo and test results; the root
 * node_modules linked (package-level node_modules are relative symlinks, so the copy resolves its workspace
 * packages to itself). With `git`, the copy is a fresh repository with one commit on `main`.
 */
export function scratchRepo({ prefix = "trusthub-scratch-", git = false, from = repoRoot } = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(from, dir, {
    recursive: true,
    verbatimSymlinks: true,
    // Not what runs leave behind, nor the scratch folders other suites create and delete meanwhile (turbo
    // runs them beside this one): a folder that goes away mid-copy fails the copy.
    filter: (src) => !/\/(\.git|\.turbo|test-results|\.readme-(check|run)-[^/]*|\.samples-run-[^/]*)(\/|$)/.test(src) && relative(from, src) !== "node_modules",
  });
  symlinkSync(join(from, "node_modules"), join(dir, "node_modules"));
  if (git) {
    const identity = ["-c", "user.email=ci@example.com", "-c", "user.name=ci"];
    const run = (args) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    run(["init", "-q", "-b", "main"]);
    run([...identity, "add", "-A"]);
    run([...identity, "commit", "-qm", "scratch"]);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The rejection of `promise` (or of calling `fn`); throws when it resolves. */
export async function rejectionOf(promiseOrFn) {
  try {
    await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but it resolved");
}

/** The rejection of `promise` (or of calling `fn`), or undefined when it resolves: for calls that may go either way. */
export async function settle(promiseOrFn) {
  try {
    await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The rejection of `promise`, which must be an instance of `type` (checked with a message naming both). */
export async function rejectionOfType(promiseOrFn, type) {
  const error = await rejectionOf(promiseOrFn);
  if (!(error instanceof type)) {
    throw new Error(`expected a ${type.name}, got ${error?.constructor?.name ?? typeof error}: ${error?.message ?? String(error)}`);
  }
  return error;
}

const HEX = "0123456789abcdef0123456789abcdef";

/** A fixed, valid-looking Twilio SID with a two-letter prefix (the same value every time). */
export function exampleSid(prefix) {
  return `${prefix}${HEX}`;
}

/** A random Twilio SID with a two-letter prefix. */
export function randomSid(prefix) {
  let hex = "";
  for (let i = 0; i < 32; i++) hex += Math.floor(Math.random() * 16).toString(16);
  return `${prefix}${hex}`;
}

/** A Twilio error body, as the API sends it. */
export function twilioErrorBody(status, code, message = `Error ${code}`) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

/** Every value of an async iterable, at most `max` of them (throws past that: a runaway loop fails, never hangs). */
export async function collect(iterable, max = 1000) {
  const out = [];
  for await (const value of iterable) {
    if (out.length >= max) throw new Error(`collect: more than ${max} values`);
    out.push(value);
  }
  return out;
}

/** Polls `check` every `intervalMs` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
export async function waitFor(check, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let value = await check();
  while (!value && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await check();
  }
  return value;
}
