// The mock against careless and hostile callers: forms the stateful store must refuse rather than store
// something other than what Prism validated; the HTTP door against web pages and oversized bodies (CORS off
// unless one origin is allowed, the Host header against DNS rebinding, a body refused without being read);
// URLs for wildcard hosts; and option and CLI errors that say what is wrong in one line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect, createServer, type Server } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrustHubClient, paginate, unwrap } from "@trusthub/client";
import { collect, freePort, randomSid, rejectionOfType } from "@trusthub/test-support";
import { MockOptionError, startMock, type RunningMock } from "../src/index.js";
import { BODY_LIMIT } from "../src/engine.js";
import * as prism from "../src/prism.js";
import { deriveResources } from "../src/resources.js";
import { loadSpec as loadServedSpec } from "../src/spec.js";
import { ACCOUNT_SID, answers, assertBuilt, AUTH, bundledSpec, cliPath, exited, POLICY_SID, raw, spawnNode } from "./helpers.js";

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

describe("the HTTP door against web pages and oversized bodies", () => {
  let mock: RunningMock;
  let allowing: RunningMock;
  const PAGE = "http://app.localhost:5173";
  beforeAll(async () => {
    [mock, allowing] = await Promise.all([startMock({ stateful: true }), startMock({ stateful: true, cors: PAGE })]);
  });
  afterAll(async () => {
    await Promise.all([mock?.stop(), allowing?.stop()]);
  });

  it("CORS is off: no Access-Control-* header, a web page's request and preflight are refused, nothing is created", async () => {
    const preflight = await fetch(`${mock.url}/v1/CustomerProfiles`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "authorization" } });
    expect(preflight.status).toBe(403);
    expect([...preflight.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
    const fromPage = await raw(mock.url, "POST", "/v1/CustomerProfiles", { form: profileForm("From a page"), headers: { origin: "https://evil.example" } });
    expect(fromPage.status).toBe(403);
    expect([...fromPage.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
    expect((await raw(mock.url, "GET", "/v1/CustomerProfiles")).body).toMatchObject({ results: [] });
  });

  it("--cors <origin> allows that one origin (preflight and response), and no other", async () => {
    const preflight = await fetch(`${allowing.url}/v1/CustomerProfiles`, { method: "OPTIONS", headers: { origin: PAGE, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const listed = await raw(allowing.url, "GET", "/v1/CustomerProfiles", { headers: { origin: PAGE } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect((await raw(allowing.url, "GET", "/v1/CustomerProfiles", { headers: { origin: "https://evil.example" } })).status).toBe(403);
  });

  it("a Host header that names another host (DNS rebinding) is refused; loopback names and addresses are served", async () => {
    const withHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${mock.url}/v1/CustomerProfiles`, { headers: { host, authorization: AUTH }, timeout: 60_000 }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on("error", reject);
        req.end();
      });
    const port = new URL(mock.url).port;
    expect(await withHost(`rebound.evil.example:${port}`)).toBe(403);
    expect(await withHost("trusthub.twilio.com")).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect(await withHost(host), host).toBe(200);
  });

  it("a body declared over the limit gets 413 before it is read; the connection ends", async () => {
    const { port } = new URL(mock.url);
    const socket = connect(Number(port), "127.0.0.1");
    const received = await new Promise<string>((resolve, reject) => {
      let text = "";
      socket.setTimeout(60_000, () => reject(new Error("no answer (hang guard)")));
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", () => resolve(text));
      socket.write(`POST /v1/CustomerProfiles HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${AUTH}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${256 * 1024 * 1024}\r\n\r\nFriendlyName=`);
    });
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/"code":20413/);
  });

  it("an endless chunked body gets 413 and the connection ends long before 64 MiB are sent", async () => {
    const total = 64 * 1024 * 1024;
    const outcome = await streamBody(`${mock.url}/v1/CustomerProfiles`, total);
    expect(outcome.sent).toBeLessThan(total);
    expect(outcome.status === undefined || outcome.status === 413, JSON.stringify(outcome)).toBe(true);
    expect((await raw(mock.url, "GET", "/v1/CustomerProfiles")).body).toMatchObject({ results: [] });
  });
});

describe("host 0.0.0.0", () => {
  it("startMock: the URL names 127.0.0.1 and the client pages through it", async () => {
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
    } finally {
      await mock.stop();
    }
  });

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
      await cli.cleanUp();
    }
  });
});

describe("option errors", () => {
  let dir: string;
  let firstDataKey: string;
  beforeAll(async () => {
    firstDataKey = deriveResources((await loadServedSpec(bundledSpec, prism)).document)[0]!.dataKey;
    dir = mkdtempSync(join(tmpdir(), "trusthub-mock-options-"));
    writeFileSync(join(dir, "garbage.json"), "garbage\nmore garbage\n{");
    writeFileSync(join(dir, "array.json"), "[1, 2]");
    // A collection of the spec with a record of no property its records have.
    writeFileSync(join(dir, "stale.json"), JSON.stringify({ [firstDataKey]: [{ sid: "x", no_such_property: "y" }] }));
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
    expect(await answers(`http://127.0.0.1:${port}`)).toBe(false);
  });

  it("startMock with a missing, broken or stale data file throws a MockOptionError naming the file, and starts nothing", async () => {
    for (const [file, message] of [
      ["missing.json", /data file .*missing\.json: ENOENT/],
      ["garbage.json", /data file .*garbage\.json: not valid JSON/],
      ["stale.json", new RegExp(`data file .*stale\\.json: ${firstDataKey}\\[0\\] \\(sid x\\): unknown property "no_such_property"`)],
    ] as const) {
      const port = await freePort();
      const error = await rejectionOfType(startMock({ port, stateful: true, data: join(dir, file) }), MockOptionError);
      expect(error.message).toMatch(message);
      expect(await answers(`http://127.0.0.1:${port}`)).toBe(false);
    }
  });

  it("startMock given stale records rather than a file refuses them alike, and starts nothing", async () => {
    const port = await freePort();
    const records = JSON.parse(readFileSync(join(dir, "stale.json"), "utf8"));
    const error = await rejectionOfType(startMock({ port, stateful: true, data: records }), MockOptionError);
    expect(error.message).toMatch(new RegExp(`^startMock: data: ${firstDataKey}\\[0\\] \\(sid x\\): unknown property "no_such_property"`));
    expect(await answers(`http://127.0.0.1:${port}`)).toBe(false);
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

  it("the CLI, when it cannot listen: the reason in one line without a stack trace, exit 1", async () => {
    const port = await freePort();
    const blocker = await new Promise<Server>((resolve) => {
      const server = createServer();
      server.listen(port, "127.0.0.1", () => resolve(server));
    });
    try {
      const result = spawnSync(process.execPath, [cliPath, "--port", String(port)], { encoding: "utf8", timeout: 60_000 });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/^trusthub-mock: .*EADDRINUSE/);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(/dist\/(cli|index|chunk-[\w-]+)\.js/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
