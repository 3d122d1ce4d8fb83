// Starts the local registry (Verdaccio 5 with ./config.yaml) on 127.0.0.1, in a fresh temporary folder,
// and registers a local publisher whose token goes into an npmrc in that folder, never to the output.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfigFile, runServer } from "verdaccio";

export const SCOPE = "@trusthub";
export const configPath = fileURLToPath(new URL("./config.yaml", import.meta.url));
const PUBLISHER = "trusthub-local";

/** @param {{ port?: number, host?: string }} [options] */
export async function startRegistry({ port = 0, host = "127.0.0.1" } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "trusthub-registry-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let server;
  try {
    const config = parseConfigFile(configPath);
    config.self_path = join(dir, "config.yaml");
    config.storage = join(dir, "storage");
    config.auth.htpasswd.file = join(dir, "htpasswd");
    server = await runServer(config);
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve(undefined));
    });
    const url = `http://${host}:${server.address().port}/`;
    const token = await addUser(url, PUBLISHER, randomBytes(24).toString("base64url"));
    const npmrc = join(dir, "npmrc");
    const scopeLine = `${SCOPE}:registry=${url}`;
    // npm and pnpm key auth by the registry URL without its protocol.
    writeFileSync(npmrc, `${scopeLine}\n${url.replace(/^http:/, "")}:_authToken=${token}\n`, { mode: 0o600 });
    let stopped;
    const stop = () =>
      (stopped ??= new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }).finally(remove));
    return { url, scopeLine, npmrc, publisher: PUBLISHER, storage: config.storage, stop };
  } catch (error) {
    server?.close();
    server?.closeAllConnections();
    remove();
    throw error;
  }
}

/** What `npm adduser` does: PUT the user document; Verdaccio's htpasswd plugin creates the user and answers a token. */
async function addUser(url, name, password) {
  const response = await fetch(new URL(`-/user/org.couchdb.user:${encodeURIComponent(name)}`, url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: "user", roles: [], date: new Date().toISOString() }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status !== 201 || typeof body.token !== "string") {
    throw new Error(`Could not register the local publisher with the registry at ${url}: HTTP ${response.status} ${body.error ?? ""}`.trim());
  }
  return body.token;
}

/**
 * Runs `pnpm registry` (cli.mjs) in a child process and reads what it prints: for callers whose event loop
 * blocks while npm talks to the registry (a test driving npm with execFileSync would starve an in-process
 * server). stop() sends SIGTERM and waits for the exit, so the storage is gone when it resolves.
 * @param {{ port?: number, timeoutMs?: number }} [options]
 */
export function spawnRegistry({ port = 0, timeoutMs = 60_000 } = {}) {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./cli.mjs", import.meta.url)), "--port", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, output })));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return new Promise((resolve, reject) => {
    let ready = false;
    const fail = (why) => {
      if (ready) return;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`pnpm registry ${why}:\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    exited.then(({ code, signal }) => fail(`exited (${signal ?? code}) before it was ready`));
    child.stdout.on("data", () => {
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const scopeLine = new RegExp(`^\\s*(${SCOPE}:registry=\\S+)$`, "m").exec(output)?.[1];
      const npmrc = /NPM_CONFIG_USERCONFIG=(\S+)/.exec(output)?.[1];
      const storage = /^Storage: (\S+)/m.exec(output)?.[1];
      if (ready || !url || !scopeLine || !npmrc || !storage) return;
      ready = true;
      clearTimeout(timer);
      resolve({ url, scopeLine, npmrc, storage, publisher: PUBLISHER, output: () => output, stop });
    });
  });
}
