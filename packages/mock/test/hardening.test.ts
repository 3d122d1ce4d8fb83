// The mock against careless and hostile callers: forms the stateful store must refuse rather than store
// something other than what Prism validated, the store's own port (loopback only, reachable only with the
// per-run secret Prism forwards, a bounded body), URLs for wildcard hosts, signals a program handles itself,
// and option and CLI errors that say what is wrong in one line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Server } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrustHubClient, paginate, unwrap } from "@trusthub/client";
import { collect, freePort, randomSid, rejectionOfType } from "@trusthub/test-support";
import { MockOptionError, startMock, type RunningMock } from "../src/index.js";
import { loadServedSpec } from "../src/spec.js";
import { BODY_LIMIT, startStore } from "../src/store.js";
import { ACCOUNT_SID, assertBuilt, bundledSpec, cliPath, distIndex, exited, POLICY_SID, prismPids, raw, spawnNode, waitGone } from "./helpers.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const run = randomUUID().slice(0, 8);
const uniqueName = (label: string) => `${label} ${run} ${randomUUID().slice(0, 8)}`;

beforeAll(() => {
  assertBuilt();
});

/** A create form for a profile named `name`, as text, with `extra` appended verbatim. */
const profileForm = (name: string, extra = "") =>
  `${new URLSearchParams({ FriendlyName: name, Email: "hardening@acme.example", PolicySid: POLICY_SID })}${extra}`;

/** The profiles named `name`, through Prism. */
async function profilesNamed(url: string, name: string): Promise<unknown[]> {
  const listed = await raw(url, "GET", `/v1/CustomerProfiles?${new URLSearchParams({ FriendlyName: name })}`);
  expect(listed.status).toBe(200);
  return (listed.body as { results: unknown[] }).results;
}

/** The TCP ports this process listens on and the address each is bound to, from /proc (Linux). */
function ownListeningSockets(): Array<{ address: string; port: number }> {
  const inodes = new Set<string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed while we looked
    }
  }
  const out: Array<{ address: string; port: number }> = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] !== "0A" || !inodes.has(fields[9] ?? "")) continue; // 0A: LISTEN
      const [hex, port] = fields[1]!.split(":") as [string, string];
      // IPv4 is one little-endian word; an IPv6 address is left as hex (none of ours should be IPv6).
      const address = hex.length === 8 ? [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join(".") : `ipv6:${hex}`;
      out.push({ address, port: parseInt(port, 16) });
    }
  }
  return out;
}

/**
 * Streams a body of `total` bytes (64 KiB at a time, as fast as the server takes it) and reports how it
 * ended: the status if a response came, the error otherwise, and how much was written by then.
 */
function streamBody(url: string, total: number): Promise<{ status?: number; error?: string; sent: number }> {
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", headers: FORM });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let done = false;
    const finish = (outcome: { status?: number; error?: string }) => {
      if (done) return;
      done = true;
      resolve({ ...outcome, sent });
      req.destroy();
    };
    req.on("response", (res) => {
      res.resume();
      finish({ status: res.statusCode });
    });
    req.on("error", (error: NodeJS.ErrnoException) => finish({ error: error.code ?? error.message }));
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe("the stateful store refuses what it would store otherwise than Prism validated it", () => {
  let mock: RunningMock;

  beforeAll(async () => {
    mock = await startMock({ stateful: true });
  });

  afterAll(async () => {
    await mock?.stop();
  });

  it("a field given twice: Prism validates the last value, so the store takes none; nothing is stored and the list keeps working", async () => {
    const name = uniqueName("Twice");
    const response = await raw(mock.url, "POST", "/v1/CustomerProfiles", { form: profileForm(name, `&PolicySid=NOT-A-POLICY&PolicySid=${POLICY_SID}`) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: 20001,
      message: expect.stringContaining("PolicySid"),
      more_info: "https://www.twilio.com/docs/errors/20001",
      status: 400,
    });
    // Even when both values would pass: the form is ambiguous.
    expect((await raw(mock.url, "POST", "/v1/CustomerProfiles", { form: profileForm(name, `&FriendlyName=${encodeURIComponent(name)}`) })).status).toBe(400);
    expect(await profilesNamed(mock.url, name)).toEqual([]);
    // The list of every profile still answers (a record Prism cannot serve would make it a 500 for everyone).
    expect((await raw(mock.url, "GET", "/v1/CustomerProfiles?PageSize=1000")).status).toBe(200);
  });

  it("a field given twice under another spelling (%53 for S) is the same field", async () => {
    const name = uniqueName("Spelled");
    const response = await raw(mock.url, "POST", "/v1/CustomerProfiles", { form: profileForm(name, `&Policy%53id=${POLICY_SID}`) });
    expect(response.status).toBe(400);
    expect(await profilesNamed(mock.url, name)).toEqual([]);
  });

  it("an unknown field (the spec's forms are closed; Prism drops it unseen): 400 naming it, nothing stored", async () => {
    const name = uniqueName("Unknown");
    const response = await raw(mock.url, "POST", "/v1/CustomerProfiles", { form: profileForm(name, "&Foo=bar") });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 20001, message: expect.stringContaining('"Foo"'), status: 400 });
    expect(await profilesNamed(mock.url, name)).toEqual([]);
  });

  it("an update with an unknown or repeated field changes nothing", async () => {
    const name = uniqueName("Update");
    const created = await raw(mock.url, "POST", "/v1/CustomerProfiles", { form: profileForm(name) });
    expect(created.status).toBe(201);
    const { sid } = created.body as { sid: string };
    for (const form of ["Status=pending-review&Foo=bar", "Status=pending-review&Status=draft", "FriendlyName=a&FriendlyName=b"]) {
      const response = await raw(mock.url, "POST", `/v1/CustomerProfiles/${sid}`, { form });
      expect(response.status, form).toBe(400);
    }
    expect((await raw(mock.url, "GET", `/v1/CustomerProfiles/${sid}`)).body).toEqual(created.body);
  });

  it("a nested create (an entity assignment) with an unknown field: 400, nothing stored", async () => {
    const created = await raw(mock.url, "POST", "/v1/CustomerProfiles", { form: profileForm(uniqueName("Parent")) });
    const { sid } = created.body as { sid: string };
    const path = `/v1/CustomerProfiles/${sid}/EntityAssignments`;
    const response = await raw(mock.url, "POST", path, { form: `ObjectSid=${randomSid("IT")}&ObjectType=authorized_representative_1` });
    expect(response.status).toBe(400);
    expect((await raw(mock.url, "GET", path)).body).toMatchObject({ results: [] });
  });

  it("text that is not percent-encoded UTF-8 (Prism validates it undecoded, the store would decode it): 400, nothing stored", async () => {
    const name = uniqueName("Encoding");
    const response = await raw(mock.url, "POST", "/v1/CustomerProfiles", {
      form: `FriendlyName=${encodeURIComponent(name)}%E0%A4&Email=e%40acme.example&PolicySid=${POLICY_SID}`,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 20001, message: expect.stringContaining("percent-encoded") });
    expect(await profilesNamed(mock.url, `${name}\uFFFD`)).toEqual([]);
  });

  it(`a body over ${BODY_LIMIT} bytes: 413 with a Twilio error body, nothing stored`, async () => {
    const email = `${randomUUID()}@big.example`;
    const form = new URLSearchParams({ FriendlyName: "x".repeat(BODY_LIMIT), Email: email, PolicySid: POLICY_SID }).toString();
    const response = await raw(mock.url, "POST", "/v1/CustomerProfiles", { form });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 20413, status: 413 });
    const listed = await raw(mock.url, "GET", "/v1/CustomerProfiles?PageSize=1000");
    expect(listed.text).not.toContain(email);
  });
});

describe("the store's own port", () => {
  let document: Awaited<ReturnType<typeof loadServedSpec>>["document"];

  beforeAll(async () => {
    ({ document } = await loadServedSpec(bundledSpec));
  });

  it("answers only requests under its secret prefix (403 otherwise, the body unread)", async () => {
    const store = await startStore({ publicOrigin: "http://127.0.0.1:1", document });
    try {
      const { origin, pathname } = new URL(store.url);
      expect(new URL(store.url).hostname).toBe("127.0.0.1");
      const secret = pathname.slice(1);
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect((await raw(store.url, "GET", "/v1/CustomerProfiles")).status).toBe(200);
      for (const path of ["/v1/CustomerProfiles", `/${"x".repeat(secret.length)}/v1/CustomerProfiles`, `/${secret.slice(0, -1)}/v1/CustomerProfiles`]) {
        const direct = await raw(origin, "POST", path, { form: profileForm("Direct") });
        expect(direct.status, path).toBe(403);
        expect(direct.body).toMatchObject({ code: 20403, status: 403 });
      }
      expect((await raw(store.url, "GET", "/v1/CustomerProfiles")).body).toMatchObject({ results: [] });
    } finally {
      await store.close();
    }
  });

  it("does not keep an endless body: the connection ends long before 64 MiB are in", async () => {
    const store = await startStore({ publicOrigin: "http://127.0.0.1:1", document });
    try {
      const total = 64 * 1024 * 1024;
      const outcome = await streamBody(`${store.url}/v1/CustomerProfiles`, total);
      expect(outcome.sent).toBeLessThan(total);
      expect(outcome.status === undefined || outcome.status === 413, JSON.stringify(outcome)).toBe(true);
      expect((await raw(store.url, "GET", "/v1/CustomerProfiles")).body).toMatchObject({ results: [] });
    } finally {
      await store.close();
    }
  });

  it("listens on loopback only: another address is refused", async () => {
    const error = await rejectionOfType(startStore({ host: "0.0.0.0", publicOrigin: "http://127.0.0.1:1", document }), MockOptionError);
    expect(error.message).toMatch(/loopback only/);
  });
});

describe("host 0.0.0.0", () => {
  it.skipIf(!existsSync("/proc/net/tcp"))(
    "startMock: the URL names 127.0.0.1 and the client pages through it; the store listens on 127.0.0.1 and turns away direct requests",
    async () => {
      const before = new Set(ownListeningSockets().map((s) => s.port));
      const mock = await startMock({ stateful: true, host: "0.0.0.0" });
      try {
        const port = Number(new URL(mock.url).port);
        expect(mock.url).toBe(`http://127.0.0.1:${port}`);

        const client = createTrustHubClient({ baseUrl: mock.url, accountSid: ACCOUNT_SID, authToken: "x", maxRetries: 0 });
        const name = uniqueName("Wildcard");
        for (let i = 0; i < 2; i++) {
          await unwrap(client.POST("/v1/CustomerProfiles", { body: { FriendlyName: name, Email: "w@acme.example", PolicySid: POLICY_SID } }));
        }
        // Two pages: the second is reached through next_page_url, which the client follows on its own origin only.
        const paged = await collect(paginate(client, "/v1/CustomerProfiles", { params: { query: { FriendlyName: name, PageSize: 1 } } }), 10);
        expect(paged).toHaveLength(2);

        const storeSockets = ownListeningSockets().filter((s) => !before.has(s.port));
        expect(storeSockets.length).toBeGreaterThan(0);
        expect(storeSockets.map((s) => s.address)).toEqual(storeSockets.map(() => "127.0.0.1"));
        for (const { port: storePort } of storeSockets) {
          const direct = await raw(`http://127.0.0.1:${storePort}`, "POST", "/v1/CustomerProfiles", { form: profileForm(name) });
          expect(direct.status).toBe(403);
        }
        expect(await collect(paginate(client, "/v1/CustomerProfiles", { params: { query: { FriendlyName: name } } }), 10)).toHaveLength(2);
      } finally {
        await mock.stop();
      }
    },
  );

  it("the CLI prints a URL the client accepts, and says what it is bound to", async () => {
    const port = await freePort();
    const cli = spawnNode([cliPath, "--host", "0.0.0.0", "--port", String(port)]);
    try {
      const ready = await cli.waitForStdout(/Press Ctrl-C to stop/, 60_000);
      expect(ready, JSON.stringify(cli.output())).toBe(true);
      const url = `http://127.0.0.1:${port}`;
      expect(cli.output().stdout).toContain(`listening on ${url} (bound to 0.0.0.0)`);
      expect(cli.output().stdout).toContain(`baseUrl: "${url}"`);
      const client = createTrustHubClient({ baseUrl: url, accountSid: ACCOUNT_SID, authToken: "x", maxRetries: 0 });
      expect((await client.GET("/v1/CustomerProfiles")).response.status).toBe(200);
      cli.child.kill("SIGTERM");
      expect(await exited(cli.child, 15_000)).toEqual({ code: 0, signal: null });
    } finally {
      await cli.cleanUp(port);
    }
  });
});

describe("signals a program handles itself", () => {
  let dir: string;
  let script: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "trusthub-mock-signals-"));
    script = join(dir, "host.mjs");
    const signalExit = createRequire(distIndex).resolve("signal-exit");
    // A program that starts a mock and idles. "keeps-running": its SIGTERM handler only logs. "signal-exit":
    // another library's exit hook (signal-exit, as many CLI libraries use) is loaded first.
    writeFileSync(
      script,
      [
        `import { createRequire } from "node:module";`,
        `import { startMock } from ${JSON.stringify(pathToFileURL(distIndex).href)};`,
        `const [port, mode] = process.argv.slice(2);`,
        `if (mode === "signal-exit") createRequire(import.meta.url)(${JSON.stringify(signalExit)}).onExit(() => console.log("OTHER HOOK"));`,
        `const mock = await startMock({ port: Number(port) });`,
        `if (mode === "keeps-running") process.on("SIGTERM", () => console.log("HANDLED"));`,
        `console.log("READY " + mock.url);`,
        `setInterval(() => {}, 60_000);`,
      ].join("\n"),
    );
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a program that handles SIGTERM and keeps running keeps its Prism; when a signal ends it, Prism goes", async () => {
    const port = await freePort();
    const host = spawnNode([script, String(port), "keeps-running"]);
    try {
      expect(await host.waitForStdout(/READY/, 60_000), JSON.stringify(host.output())).toBe(true);
      const pids = prismPids(port);
      expect(pids).toHaveLength(1);

      host.child.kill("SIGTERM");
      expect(await host.waitForStdout(/HANDLED/, 10_000)).toBe(true);
      expect(await waitGone(pids, 1_000)).toEqual(pids); // still there a second later
      expect((await raw(`http://127.0.0.1:${port}`, "GET", "/v1/CustomerProfiles")).status).toBe(200);
      expect(host.child.exitCode).toBeNull();

      host.child.kill("SIGINT"); // not handled: it ends the program, and the mock's hook ends Prism
      expect(await exited(host.child, 15_000)).toEqual({ code: null, signal: "SIGINT" });
      expect(await waitGone(pids)).toEqual([]);
    } finally {
      await host.cleanUp(port);
    }
  });

  it("a program with another library's exit hook (signal-exit) still dies of SIGTERM, and Prism with it", async () => {
    const port = await freePort();
    const host = spawnNode([script, String(port), "signal-exit"]);
    try {
      expect(await host.waitForStdout(/READY/, 60_000), JSON.stringify(host.output())).toBe(true);
      const pids = prismPids(port);
      expect(pids).toHaveLength(1);
      host.child.kill("SIGTERM");
      expect(await exited(host.child, 15_000)).toEqual({ code: null, signal: "SIGTERM" });
      expect(host.output().stdout).toContain("OTHER HOOK");
      expect(await waitGone(pids)).toEqual([]);
    } finally {
      await host.cleanUp(port);
    }
  });
});

describe("option errors", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "trusthub-mock-options-"));
    writeFileSync(join(dir, "garbage.json"), "garbage\nmore garbage\n{");
    writeFileSync(join(dir, "array.json"), "[1, 2]");
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [{ data: "data.json" }, /data needs stateful/],
    [{ seed: 1 }, /seed needs dynamic/],
    [{ stateful: true, data: "" }, /data must be the path of a JSON file/],
    [{ port: -1 }, /port must be an integer 0\.\.65535/],
    [{ port: 1.5 }, /port must be an integer 0\.\.65535/],
    [{ port: Number.NaN }, /port must be an integer 0\.\.65535/],
    [{ host: "" }, /host must be a non-empty string/],
    [{ dynamic: true, seed: 0.5 }, /seed must be an integer/],
  ])("startMock(%j) throws a MockOptionError and starts nothing", async (options, message) => {
    const port = await freePort();
    const error = await rejectionOfType(startMock({ port, ...options }), MockOptionError);
    expect(error.message).toMatch(message);
    expect(prismPids(port)).toEqual([]);
  });

  it("startMock with a missing or broken data file throws a MockOptionError naming the file, and starts no Prism", async () => {
    for (const [file, message] of [
      ["missing.json", /data file .*missing\.json: ENOENT/],
      ["garbage.json", /data file .*garbage\.json: not valid JSON/],
    ] as const) {
      const port = await freePort();
      const error = await rejectionOfType(startMock({ port, stateful: true, data: join(dir, file) }), MockOptionError);
      expect(error.message).toMatch(message);
      expect(prismPids(port)).toEqual([]);
    }
  });

  it.each([
    ["a missing data file", () => ["--stateful", "--data", join(dir, "missing.json")], /^trusthub-mock: data file .*missing\.json: ENOENT/],
    ["a data file that is not JSON", () => ["--stateful", "--data", join(dir, "garbage.json")], /^trusthub-mock: data file .*garbage\.json: not valid JSON/],
    ["a data file that is no object", () => ["--stateful", "--data", join(dir, "array.json")], /^trusthub-mock: data file .*array\.json: expected a JSON object/],
  ])("the CLI, given %s: one line on stderr, exit 2", (_label, args, message) => {
    const result = spawnSync(process.execPath, [cliPath, "--port", "0", ...args()], { encoding: "utf8", timeout: 60_000 });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n"), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it.each([
    [["--port", ""], /--port must be 0\.\.65535, got ""/],
    [["--port", " "], /--port must be 0\.\.65535/],
    [["--port", "0x10"], /--port must be 0\.\.65535/],
    [["--port", "1e3"], /--port must be 0\.\.65535/],
    [["--seed", "5"], /--seed needs --dynamic/],
    [["--dynamic", "--seed", ""], /--seed must be an integer/],
    [["--host", ""], /--host must name an interface/],
    [["--stateful", "--data", ""], /--data must name a JSON file/],
    [["--spec", ""], /--spec must name an OpenAPI file/],
  ])("the CLI refuses %j: the reason and the usage on stderr, exit 2", (args, message) => {
    const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: "utf8", timeout: 20_000 });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split("\n")[0]).toMatch(/^trusthub-mock: /);
  });

  it("the CLI, when Prism cannot start: the reason without a stack trace, exit 1", async () => {
    const port = await freePort();
    const blocker = await new Promise<Server>((resolve) => {
      const server = createServer();
      server.listen(port, "127.0.0.1", () => resolve(server));
    });
    try {
      const result = spawnSync(process.execPath, [cliPath, "--port", String(port)], { encoding: "utf8", timeout: 60_000 });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/^trusthub-mock: Prism exited/);
      expect(result.stderr).toMatch(/EADDRINUSE|address already in use/);
      // Prism's own output is quoted; the CLI adds no stack of its own.
      expect(result.stderr).not.toMatch(/dist\/(cli|index|chunk-[\w-]+)\.js/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
