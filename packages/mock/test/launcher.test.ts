// The HTTP door: startMock() and the CLI. Serving the spec's examples, one process and one port per mock,
// an answer to a caller that is blocked, the handle's controls, start-up failures, dynamic responses, and
// that the mock's process does not outlive its mock: after stop(), after the CLI gets SIGTERM/SIGINT, and
// after a process that started a mock is killed or exits.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createNetServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createTrustHubClient, unwrap } from "@trusthub/client";
import { MockOptionError, specPath, startMock, type RunningMock } from "../src/index.js";
import { freePort, rejectionOfType, waitFor } from "@trusthub/test-support";
import { ACCOUNT_SID, answers, assertBuilt, AUTH, bundledSpec, childrenOf, cliPath, distIndex, exited, expectRefusal, listeningPorts, POLICY_SID, raw, spawnNode, waitGone } from "./helpers.js";

const EXAMPLE_PROFILE_SID = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
const USAGE = "Usage: trusthub-mock";

beforeAll(() => {
  assertBuilt();
});

/** The first example of an operation's response in the bundled spec: what Prism answers with by default. */
function specExample(path: string, method: string, status: string): unknown {
  const spec = parse(readFileSync(bundledSpec, "utf8")) as Record<string, unknown>;
  const resolve = (node: unknown): unknown => {
    const ref = (node as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== "string") return node;
    // A local JSON pointer, e.g. #/components/examples/CustomerProfileApproved.
    return resolve(ref.slice(2).split("/").reduce<unknown>((at, key) => (at as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec));
  };
  const paths = spec.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
  const response = resolve(paths[path]?.[method]?.responses[status]) as { content?: Record<string, { examples?: Record<string, unknown> }> } | undefined;
  const examples = response?.content?.["application/json"]?.examples;
  const first = examples && (resolve(Object.values(examples)[0]) as { value: unknown } | undefined);
  if (!first) throw new Error(`no example for ${method} ${path} ${status}`);
  return first.value;
}

describe("startMock() serving the spec's examples", () => {
  let mock: RunningMock;

  beforeAll(async () => {
    const started = performance.now();
    mock = await startMock({ port: 0 });
    console.info(`example mock started in ${Math.round(performance.now() - started)} ms at ${mock.url}`);
  });

  afterAll(async () => {
    await mock?.stop();
  });

  it("listens on a free loopback port and serves the bundled spec", () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(specPath).toBe(bundledSpec);
  });

  it("answers GET /v1/CustomerProfiles with the spec's example, for raw requests and for the client", async () => {
    const expected = specExample("/v1/CustomerProfiles", "get", "200");
    const response = await raw(mock.url, "GET", "/v1/CustomerProfiles");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.body).toEqual(expected);

    const client = createTrustHubClient({ baseUrl: mock.url, accountSid: ACCOUNT_SID, authToken: "x", maxRetries: 0 });
    const page = await unwrap(client.GET("/v1/CustomerProfiles"));
    expect(page).toEqual(expected);
    const profile = await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: EXAMPLE_PROFILE_SID } } }));
    expect(profile).toEqual(specExample("/v1/CustomerProfiles/{Sid}", "get", "200"));
    const { data, response: created } = await client.POST("/v1/CustomerProfiles", {
      body: { FriendlyName: "Acme Logistics Ltd", Email: "compliance@acme-logistics.example", PolicySid: POLICY_SID },
    });
    expect(created.status).toBe(201);
    expect(data).toEqual(specExample("/v1/CustomerProfiles", "post", "201"));
  });

  it("answers 401 with the spec's Twilio error to missing or malformed credentials, and a Twilio 400 to an invalid request", async () => {
    const authenticate = specExample("/v1/CustomerProfiles", "get", "401");
    expect(authenticate).toMatchObject({ code: 20003, status: 401 });
    const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString("base64")}`;
    for (const auth of [null, "Bearer abc", basic("someone:secret"), basic(`${ACCOUNT_SID}:`), "Basic !!!"]) {
      const unauthorized = await raw(mock.url, "GET", "/v1/CustomerProfiles", { auth });
      expect(unauthorized.status, String(auth)).toBe(401);
      expect(unauthorized.body).toEqual(authenticate);
    }
    // An API Key SID is a Twilio username too.
    expect((await raw(mock.url, "GET", "/v1/CustomerProfiles", { auth: basic(`SK${"0".repeat(32)}:secret`) })).status).toBe(200);

    // Prism refuses these (its 422 and the `default` example underneath); the mock answers as Twilio does.
    expectRefusal(await raw(mock.url, "GET", "/v1/CustomerProfiles?PageSize=0"), "PageSize", ">= 1");
    const missing = await raw(mock.url, "POST", "/v1/CustomerProfiles", { form: { FriendlyName: "Acme", Email: "a@acme.example" } });
    expectRefusal(missing, "PolicySid");
    expect((missing.body as { message: string }).message).toBe("Missing required parameter PolicySid in the post body");
    const json = await raw(mock.url, "POST", "/v1/CustomerProfiles", { headers: { "content-type": "application/json" }, body: '{"FriendlyName":' });
    expect(json.status).toBe(400); // never reaches Prism, which would not answer a broken JSON body
    expect(json.body).toMatchObject({ code: 20001, message: expect.stringContaining("application/x-www-form-urlencoded") });
  });

  it("names the requested SIDs in the examples it serves", async () => {
    const sid = "BU00000000000000000000000000000abc";
    const fetched = await raw(mock.url, "GET", `/v1/CustomerProfiles/${sid}`);
    const example = specExample("/v1/CustomerProfiles/{Sid}", "get", "200") as { sid: string };
    expect(fetched.body).toEqual(JSON.parse(JSON.stringify(example).replaceAll(example.sid, sid)));
    const missing = await raw(mock.url, "GET", `/v1/CustomerProfiles/${sid}`, { headers: { prefer: "code=404" } });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 20404, message: `The requested resource /v1/CustomerProfiles/${sid} was not found` });
  });

});

describe("startMock() lifecycle", () => {
  /** The mock processes this test process has started. */
  const mockProcesses = () => childrenOf(process.pid);

  it("adds one process and one listening port; stop() leaves none, frees the port, and can be called again", async () => {
    const before = mockProcesses();
    const port = await freePort();
    const mock = await startMock({ port, stateful: true });
    try {
      expect(mock.url).toBe(`http://127.0.0.1:${port}`);
      const added = mockProcesses().filter((pid) => !before.includes(pid));
      expect(added).toHaveLength(1);
      expect(childrenOf(added[0]!)).toEqual([]);
      expect(listeningPorts(added[0]!)).toEqual([port]);
      expect((await raw(mock.url, "GET", "/v1/CustomerProfiles")).status).toBe(200);

      await Promise.all([mock.stop(), mock.stop()]);
      // stop() resolves once the process has exited: nothing to wait for.
      expect(await waitGone(added, 0)).toEqual([]);
      expect(await answers(mock.url)).toBe(false);
      await mock.close(); // idempotent
    } finally {
      await mock.stop();
    }
  });

  it.each([false, true])("answers a synchronous curl from its blocked caller (stateful: %s)", async (stateful) => {
    const mock = await startMock({ stateful });
    try {
      // execFileSync blocks this process: only a mock in a process of its own can answer.
      const out = execFileSync("curl", ["-sS", "--max-time", "60", "-u", `${ACCOUNT_SID}:token`, "-d", "FriendlyName=Curl Co", "-d", "Email=curl@acme.example", "-d", `PolicySid=${POLICY_SID}`, `${mock.url}/v1/CustomerProfiles`], { encoding: "utf8", timeout: 90_000 });
      expect(JSON.parse(out)).toMatchObject({ sid: expect.stringMatching(/^BU/) });
      if (stateful) expect(JSON.parse(out)).toMatchObject({ friendly_name: "Curl Co" });
    } finally {
      await mock.stop();
    }
  });

  it("fails with a clear error, not a hang, when the port is in use; no process is left", async () => {
    const blocker: Server = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    const before = mockProcesses();
    try {
      await expect(startMock({ port })).rejects.toThrow(/EADDRINUSE/);
      expect(await waitGone(mockProcesses().filter((pid) => !before.includes(pid)))).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("gives up after startTimeoutMs and ends the process it started", async () => {
    const before = mockProcesses();
    await expect(startMock({ startTimeoutMs: 1 })).rejects.toThrow(/did not listen within 1 ms/);
    expect(await waitGone(mockProcesses().filter((pid) => !before.includes(pid)))).toEqual([]);
  });

  it("fails naming the spec when it cannot be read", async () => {
    await expect(startMock({ spec: "/nonexistent/openapi.yaml" })).rejects.toThrow(/nonexistent\/openapi\.yaml/);
  });

  it("refuses to combine stateful and dynamic, a cors that is no origin, and data that is neither a path nor records", async () => {
    expect((await rejectionOfType(startMock({ stateful: true, dynamic: true }), MockOptionError)).message).toMatch(/exclude each other/);
    expect((await rejectionOfType(startMock({ cors: "*" }), MockOptionError)).message).toMatch(/cors must be an origin/);
    for (const data of ["", [], null]) {
      expect((await rejectionOfType(startMock({ stateful: true, data: data as never }), MockOptionError)).message).toMatch(/data must be the path of a JSON file or the records/);
    }
  });
});

describe("startMock()'s handle: the controls of createMock(), over the control route", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ stateful: true });
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it("override, requests and reset reach the mock's process", async () => {
    const client = createTrustHubClient({ baseUrl: mock.url, accountSid: ACCOUNT_SID, authToken: "x", maxRetries: 0 });
    await mock.override("FetchCustomerProfile", { status: 404, times: 1 });
    const first = await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: EXAMPLE_PROFILE_SID } } });
    expect(first.response.status).toBe(404);
    const created = await unwrap(client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Handle Co", Email: "h@acme.example", PolicySid: POLICY_SID } }));
    const log = await mock.requests();
    expect(log.map((r) => [r.method, r.operationId, r.status])).toEqual([
      ["GET", "FetchCustomerProfile", 404],
      ["POST", "CreateCustomerProfile", 201],
    ]);
    expect(log[1]!.form).toMatchObject({ FriendlyName: "Handle Co" });
    await mock.reset();
    expect(await mock.requests()).toEqual([]);
    expect((await raw(mock.url, "GET", `/v1/CustomerProfiles/${created.sid}`)).status).toBe(404);
  });

  it("an override the spec cannot give rejects with a TypeError naming why", async () => {
    const error = await rejectionOfType(mock.override("FetchCustomerProfile", { status: 200, body: { sid: 42 } }), TypeError);
    expect(error.message).toMatch(/FetchCustomerProfile.*breaks the spec/);
  });

  it("the control route answers only the handle: without the run's secret it is a path the spec does not have", async () => {
    for (const headers of [{}, { "x-trusthub-mock-secret": "guess" }] as Array<Record<string, string>>) {
      const reset = await raw(mock.url, "POST", "/__trusthub-mock/reset", { headers });
      expect(reset.status).toBe(404);
      expect(reset.body).toMatchObject({ code: 20404 });
      expect((await raw(mock.url, "GET", "/__trusthub-mock/requests", { headers })).status).toBe(404);
    }
    // Those two requests were the API's (logged, as any request), not controls.
    expect((await mock.requests()).map((r) => r.path)).toEqual(expect.arrayContaining(["/__trusthub-mock/reset", "/__trusthub-mock/requests"]));
  });
});

describe("startMock() options", () => {
  it("dynamic with a seed gives the same bodies for the same seed (and others for another seed)", async () => {
    const mocks = await Promise.allSettled([startMock({ dynamic: true, seed: 42 }), startMock({ dynamic: true, seed: 42 }), startMock({ dynamic: true, seed: 43 })]);
    try {
      const [a, b, c] = mocks.map((m) => {
        if (m.status === "rejected") throw m.reason;
        return m.value;
      }) as [RunningMock, RunningMock, RunningMock];
      const bodies = async (mock: RunningMock) => {
        const out: unknown[] = [];
        for (const path of [`/v1/CustomerProfiles/${EXAMPLE_PROFILE_SID}`, "/v1/CustomerProfiles", `/v1/CustomerProfiles/${EXAMPLE_PROFILE_SID}`]) {
          const response = await raw(mock.url, "GET", path);
          expect(response.status).toBe(200);
          out.push(response.body);
        }
        return out;
      };
      const [first, second, other] = [await bodies(a), await bodies(b), await bodies(c)];
      expect(second).toEqual(first);
      expect(other).not.toEqual(first);
      // Generated from the schema, not the examples.
      expect(first[0]).not.toEqual(specExample("/v1/CustomerProfiles/{Sid}", "get", "200"));
      expect(first[0]).toHaveProperty("status");
    } finally {
      for (const m of mocks) if (m.status === "fulfilled") await m.value.stop();
    }
  });

});

describe("trusthub-mock CLI", () => {
  it("prints the base URL and a client example, answers requests, and on SIGTERM exits, its port free", async () => {
    const port = await freePort();
    const cli = spawnNode([cliPath, "--port", String(port)]);
    try {
      const ready = await cli.waitForStdout(/Press Ctrl-C to stop/, 60_000);
      expect(ready, JSON.stringify(cli.output())).toBe(true);
      const url = `http://127.0.0.1:${port}`;
      const { stdout } = cli.output();
      expect(stdout).toContain(`TrustHub mock (examples) listening on ${url}`);
      expect(stdout).toContain(`import { createTrustHubClient } from "@trusthub/client";`);
      expect(stdout).toContain(`createTrustHubClient({ baseUrl: "${url}"`);

      const client = createTrustHubClient({ baseUrl: url, accountSid: ACCOUNT_SID, authToken: "x", maxRetries: 0 });
      expect(await unwrap(client.GET("/v1/CustomerProfiles"))).toEqual(specExample("/v1/CustomerProfiles", "get", "200"));

      expect(childrenOf(cli.child.pid!)).toEqual([]); // the CLI is the mock: one process
      expect(listeningPorts(cli.child.pid!)).toEqual([port]);
      cli.child.kill("SIGTERM");
      expect(await exited(cli.child, 15_000)).toEqual({ code: 0, signal: null });
      expect(await answers(url)).toBe(false);
    } finally {
      await cli.cleanUp();
    }
  });

  it("--stateful --data serves the data file; on SIGINT exits, its port free", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trusthub-mock-cli-"));
    const port = await freePort();
    const dataFile = join(dir, "data.json");
    const sid = "BU5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";
    writeFileSync(
      dataFile,
      JSON.stringify({
        customerProfiles: [{ sid, account_sid: ACCOUNT_SID, policy_sid: POLICY_SID, friendly_name: "CLI Data Co", status: "in-review", email: "cli@acme.example" }],
        entityAssignments: [],
      }),
    );
    const cli = spawnNode([cliPath, "--port", String(port), "--stateful", "--data", dataFile]);
    try {
      const ready = await cli.waitForStdout(/Press Ctrl-C to stop/, 60_000);
      expect(ready, JSON.stringify(cli.output())).toBe(true);
      const url = `http://127.0.0.1:${port}`;
      expect(cli.output().stdout).toContain(`TrustHub mock (stateful) listening on ${url}`);
      const listed = await raw(url, "GET", "/v1/CustomerProfiles?Status=in-review");
      expect(listed.status).toBe(200);
      expect((listed.body as { results: Array<{ sid: string }> }).results.map((p) => p.sid)).toEqual([sid]);

      expect(childrenOf(cli.child.pid!)).toEqual([]); // the CLI is the mock: one process
      expect(listeningPorts(cli.child.pid!)).toEqual([port]);
      cli.child.kill("SIGINT");
      expect(await exited(cli.child, 15_000)).toEqual({ code: 0, signal: null });
      expect(await answers(url)).toBe(false);
    } finally {
      await cli.cleanUp();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [["--port", "abc"], /--port must be 0\.\.65535/],
    [["--port", "70000"], /--port must be 0\.\.65535/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["extra"], /Unexpected argument 'extra'/],
    [["--stateful", "--dynamic"], /cannot be combined/],
    [["--data", "data.json"], /--data needs --stateful/],
    [["--dynamic", "--seed", "1.5"], /--seed must be an integer/],
  ])("exits 2 with the usage on bad arguments: %j", (args, message) => {
    const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: "utf8", timeout: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain(USAGE);
  });

  it("--help prints the usage and exits 0", () => {
    const result = spawnSync(process.execPath, [cliPath, "--help"], { encoding: "utf8", timeout: 20_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(USAGE);
    for (const flag of ["--port", "--host", "--dynamic", "--seed", "--stateful", "--data", "--spec", "--cors"]) expect(result.stdout).toContain(flag);
  });

  it("exits non-zero, naming the cause, when the port is in use", async () => {
    const blocker: Server = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    const cli = spawnNode([cliPath, "--port", String(port)]);
    try {
      const end = await exited(cli.child, 60_000);
      expect(end).not.toBe("timeout");
      expect(end).not.toEqual({ code: 0, signal: null });
      expect(cli.output().stderr).toMatch(/EADDRINUSE|address already in use/);
    } finally {
      await cli.cleanUp();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe("a process that started a mock goes away", () => {
  let dir: string;
  let script: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "trusthub-mock-host-"));
    script = join(dir, "host.mjs");
    // A host process: starts a mock, says READY, then idles ("exit": exits at once without stop(); "return":
    // leaves its script without stop(), nothing else keeping it alive).
    writeFileSync(
      script,
      [
        `import { startMock } from ${JSON.stringify(pathToFileURL(distIndex).href)};`,
        `const [mode] = process.argv.slice(2);`,
        `const mock = await startMock({ stateful: true });`,
        `console.log("READY " + mock.url);`,
        `if (mode === "exit") process.exit(0);`,
        `if (mode === "idle") setInterval(() => {}, 60_000);`,
      ].join("\n"),
    );
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["killed with SIGKILL", "idle", "SIGKILL"],
    ["killed with SIGTERM", "idle", "SIGTERM"],
    ["exits without stop()", "exit", undefined],
    ["returns without stop()", "return", undefined],
  ] as const)("%s: the mock's process does not survive", async (_label, mode, signal) => {
    const host = spawnNode([script, mode]);
    try {
      const ready = await host.waitForStdout(/READY/, 60_000);
      expect(ready, JSON.stringify(host.output())).toBe(true);
      const url = /READY (\S+)/.exec(host.output().stdout)![1]!;
      const owner = childrenOf(host.child.pid!); // empty when the host is already gone ("exit", "return")
      if (signal) host.child.kill(signal);
      expect(await exited(host.child, 30_000)).not.toBe("timeout");
      expect(await waitGone(owner, 30_000)).toEqual([]);
      // The port is free: its process is gone (bounded wait, polled).
      expect(await waitFor(async () => !(await answers(url)), 30_000)).toBe(true);
    } finally {
      await host.cleanUp();
    }
  });
});
