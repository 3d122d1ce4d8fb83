// The launcher (`startMock`) and the CLI: serving the spec's examples, ports, start-up failures, dynamic
// responses, the other options, and above all that no Prism process outlives its mock: after stop(),
// after the CLI gets SIGTERM/SIGINT, and after a process that started a mock is killed or exits.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingHttpHeaders } from "node:http";
import { createServer as createNetServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createTrustHubClient, unwrap } from "@trusthub/client";
import { specPath, startMock, type RunningMock } from "../src/index.js";
import { freePort, waitFor } from "@trusthub/test-support";
import { ACCOUNT_SID, answers, assertBuilt, bundledSpec, cliPath, distIndex, exited, expectRefusal, portOf, POLICY_SID, prismPids, raw, spawnNode, waitGone } from "./helpers.js";

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
  const logLines: string[] = [];

  beforeAll(async () => {
    const started = performance.now();
    mock = await startMock({ port: 0, log: (line) => logLines.push(line) });
    console.info(`example mock started in ${Math.round(performance.now() - started)} ms at ${mock.url}`);
  });

  afterAll(async () => {
    await mock?.stop();
  });

  it("listens on a free loopback port and serves the bundled spec", () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portOf(mock.url)).toBeGreaterThan(0);
    expect(specPath).toBe(bundledSpec);
    expect(prismPids(portOf(mock.url))).toHaveLength(1);
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
    expectRefusal(await raw(mock.url, "GET", "/v1/CustomerProfiles/BU123"), "Sid", "pattern");
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

  it("passes Prism's log lines to `log`", () => {
    expect(logLines.some((line) => /Prism is listening on/.test(line))).toBe(true);
  });
});

describe("startMock() lifecycle", () => {
  it("starts on an explicit free port; stop() ends Prism, frees the port, and can be called again", async () => {
    const port = await freePort();
    const mock = await startMock({ port });
    try {
      expect(mock.url).toBe(`http://127.0.0.1:${port}`);
      expect((await raw(mock.url, "GET", `/v1/CustomerProfiles/${EXAMPLE_PROFILE_SID}`)).status).toBe(200);
      const pids = prismPids(port);
      expect(pids).toHaveLength(1);

      await mock.stop();
      // stop() resolves once Prism has exited: nothing to wait for.
      expect(pids.filter((pid) => prismPids(port).includes(pid))).toEqual([]);
      expect(await waitGone(pids, 0)).toEqual([]);
      expect(await answers(mock.url)).toBe(false);

      await mock.stop(); // idempotent
    } finally {
      await mock.stop();
    }
  });

  it("stops a stateful mock (Prism and the in-process store) and leaves no process", async () => {
    const mock = await startMock({ stateful: true });
    const port = portOf(mock.url);
    try {
      const pids = prismPids(port);
      expect(pids).toHaveLength(1);
      expect((await raw(mock.url, "GET", "/v1/CustomerProfiles")).status).toBe(200);
      await Promise.all([mock.stop(), mock.stop()]);
      expect(await waitGone(pids, 0)).toEqual([]);
      expect(await answers(mock.url)).toBe(false);
    } finally {
      await mock.stop();
    }
  });

  it("fails with a clear error, not a hang, when the port is in use; no Prism is left", async () => {
    const blocker: Server = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await startMock({ port, startTimeoutMs: 30_000 }).then(
        async (mock) => {
          await mock.stop();
          return new Error("started on a port in use");
        },
        (e: unknown) => e as Error,
      );
      expect(error.message).toMatch(/EADDRINUSE|address already in use/);
      expect(error.message).not.toMatch(/did not start within/);
      expect(prismPids(port)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("gives up after startTimeoutMs and ends the Prism it started", async () => {
    const port = await freePort();
    const error = await startMock({ port, startTimeoutMs: 100 }).then(
      async (mock) => {
        await mock.stop();
        return new Error("Prism started within 100 ms: the bound was not exercised");
      },
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/did not start within 100 ms/);
    expect(prismPids(port)).toEqual([]);
    expect(await answers(`http://127.0.0.1:${port}`)).toBe(false);
  });

  it("fails with Prism's error when the spec cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trusthub-mock-spec-"));
    try {
      const port = await freePort();
      await expect(startMock({ port, spec: join(dir, "missing.yaml"), startTimeoutMs: 30_000 })).rejects.toThrow(/Prism exited[\s\S]*ENOENT/);
      expect(prismPids(port)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to combine stateful, dynamic and upstream", async () => {
    await expect(startMock({ stateful: true, dynamic: true })).rejects.toThrow(/exclude each other/);
    await expect(startMock({ stateful: true, upstream: "http://127.0.0.1:9" })).rejects.toThrow(/exclude each other/);
    await expect(startMock({ dynamic: true, upstream: "http://127.0.0.1:9" })).rejects.toThrow(/exclude each other/);
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

  it("upstream: proxies to the given server and validates its responses against the spec", async () => {
    const seen: Array<{ url: string | undefined; headers: IncomingHttpHeaders }> = [];
    const upstream = createHttpServer((req, res) => {
      seen.push({ url: req.url, headers: req.headers });
      const sid = req.url?.split("/")[3] ?? "";
      const body = sid.endsWith("ffff") ? { sid, status: "approved" } : { sid, status: "draft" };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
    let mock: RunningMock | undefined;
    try {
      mock = await startMock({ upstream: upstreamUrl });
      const good = await raw(mock.url, "GET", `/v1/CustomerProfiles/${EXAMPLE_PROFILE_SID}`);
      expect(good.status).toBe(200);
      expect(good.body).toEqual({ sid: EXAMPLE_PROFILE_SID, status: "draft" });
      expect(seen[0]).toMatchObject({ url: `/v1/CustomerProfiles/${EXAMPLE_PROFILE_SID}`, headers: { authorization: expect.stringMatching(/^Basic /) } });

      const broken = await raw(mock.url, "GET", "/v1/CustomerProfiles/BU0c1d2e3f4a5b6c7d8e9f0a1b2c3dffff");
      expect(broken.status).toBe(500);
      expect(broken.headers.get("sl-violations")).toContain("status");

      const count = seen.length;
      expectRefusal(await raw(mock.url, "GET", "/v1/CustomerProfiles/BU123"), "Sid");
      expect(seen.length).toBe(count); // an invalid request never reaches the upstream
    } finally {
      await mock?.stop();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });

  it("upstream with errors: false only reports violations, in the sl-violations header", async () => {
    const seen: string[] = [];
    const upstream = createHttpServer((req, res) => {
      seen.push(req.url ?? "");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "approved" }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    let mock: RunningMock | undefined;
    try {
      mock = await startMock({ upstream: `http://127.0.0.1:${(upstream.address() as { port: number }).port}`, errors: false });
      const response = await raw(mock.url, "GET", "/v1/CustomerProfiles/BU123");
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: "approved" });
      expect(seen).toEqual(["/v1/CustomerProfiles/BU123"]);
      const violations = response.headers.get("sl-violations") ?? "";
      expect(violations).toMatch(/sid/i); // the request's
      expect(violations).toContain("status"); // the response's
    } finally {
      await mock?.stop();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});

describe("trusthub-mock CLI", () => {
  it("prints the base URL and a client example, answers requests, and on SIGTERM exits leaving no Prism", async () => {
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

      const pids = prismPids(port);
      expect(pids).toHaveLength(1);
      cli.child.kill("SIGTERM");
      expect(await exited(cli.child, 15_000)).toEqual({ code: 0, signal: null });
      expect(await waitGone(pids)).toEqual([]);
      expect(await answers(url)).toBe(false);
    } finally {
      await cli.cleanUp(port);
    }
  });

  it("--stateful --data serves the data file; on SIGINT exits leaving no Prism", async () => {
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

      const pids = prismPids(port);
      expect(pids).toHaveLength(1);
      cli.child.kill("SIGINT");
      expect(await exited(cli.child, 15_000)).toEqual({ code: 0, signal: null });
      expect(await waitGone(pids)).toEqual([]);
      expect(await answers(url)).toBe(false);
    } finally {
      await cli.cleanUp(port);
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
    for (const flag of ["--port", "--host", "--dynamic", "--seed", "--stateful", "--data", "--spec", "--verbose"]) expect(result.stdout).toContain(flag);
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
      expect(prismPids(port)).toEqual([]);
    } finally {
      await cli.cleanUp(port);
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
    // A host process: starts a mock on the given port, says READY, then idles. Modes: "exit" exits at once
    // without stop(); "handler" has its own SIGTERM handler that stops the mock and exits 0.
    writeFileSync(
      script,
      [
        `import { startMock } from ${JSON.stringify(pathToFileURL(distIndex).href)};`,
        `const [port, mode] = process.argv.slice(2);`,
        `const mock = await startMock({ port: Number(port), stateful: mode === "stateful" });`,
        `let handled = 0;`,
        `if (mode === "handler") process.on("SIGTERM", () => {`,
        `  console.log("HANDLED " + ++handled);`,
        `  void mock.stop().then(() => setTimeout(() => process.exit(0), 500));`,
        `});`,
        `console.log("READY " + mock.url);`,
        `if (mode === "exit") process.exit(0);`,
        `setInterval(() => {}, 60_000);`,
      ].join("\n"),
    );
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["SIGTERM", "examples"],
    ["SIGINT", "examples"],
    ["SIGTERM", "stateful"],
  ] as const)("killed with %s (%s mode): Prism does not survive", async (signal, mode) => {
    const port = await freePort();
    const host = spawnNode([script, String(port), mode]);
    try {
      const ready = await host.waitForStdout(/READY/, 60_000);
      expect(ready, JSON.stringify(host.output())).toBe(true);
      const pids = prismPids(port);
      expect(pids).toHaveLength(1);

      host.child.kill(signal);
      // The mock's exit hook ends Prism and then lets the signal end the host as it would have.
      expect(await exited(host.child, 15_000)).toEqual({ code: null, signal });
      expect(await waitGone(pids)).toEqual([]);
      expect(await answers(`http://127.0.0.1:${port}`)).toBe(false);
    } finally {
      await host.cleanUp(port);
    }
  });

  it("killed while Prism is still starting: Prism does not survive", async () => {
    const port = await freePort();
    const host = spawnNode([script, String(port), "examples"]);
    try {
      const pids = await waitFor(() => {
        const found = prismPids(port);
        return found.length > 0 ? found : undefined;
      }, 30_000, 20);
      expect(pids, JSON.stringify(host.output())).toBeDefined();
      console.info(`host killed ${/READY/.test(host.output().stdout) ? "after" : "before"} Prism was listening`);
      host.child.kill("SIGTERM");
      expect(await exited(host.child, 15_000)).not.toBe("timeout");
      expect(await waitGone(pids!)).toEqual([]);
    } finally {
      await host.cleanUp(port);
    }
  });

  it("with its own SIGTERM handler: the handler runs once per signal, and Prism does not survive", async () => {
    const port = await freePort();
    const host = spawnNode([script, String(port), "handler"]);
    try {
      const ready = await host.waitForStdout(/READY/, 60_000);
      expect(ready, JSON.stringify(host.output())).toBe(true);
      const pids = prismPids(port);
      expect(pids).toHaveLength(1);

      host.child.kill("SIGTERM");
      expect(await exited(host.child, 15_000)).toEqual({ code: 0, signal: null });
      expect(await waitGone(pids)).toEqual([]);
      // One SIGTERM, one call of the host's handler: the mock's exit hook must not deliver the signal again.
      expect(host.output().stdout.match(/HANDLED \d+/g)).toEqual(["HANDLED 1"]);
    } finally {
      await host.cleanUp(port);
    }
  });

  it("killed with SIGKILL (no exit hook runs): the mock's process notices, and Prism does not survive", async () => {
    const port = await freePort();
    const host = spawnNode([script, String(port), "examples"]);
    try {
      const ready = await host.waitForStdout(/READY/, 60_000);
      expect(ready, JSON.stringify(host.output())).toBe(true);
      const pids = prismPids(port);
      expect(pids).toHaveLength(1);
      host.child.kill("SIGKILL");
      expect(await exited(host.child, 15_000)).toEqual({ code: null, signal: "SIGKILL" });
      expect(await waitGone(pids)).toEqual([]);
      expect(await waitFor(async () => !(await answers(`http://127.0.0.1:${port}`)), 10_000)).toBe(true);
    } finally {
      await host.cleanUp(port);
    }
  });

  it("exits without calling stop(): Prism does not survive", async () => {
    const port = await freePort();
    const host = spawnNode([script, String(port), "exit"]);
    try {
      expect(await exited(host.child, 60_000)).toEqual({ code: 0, signal: null });
      expect(host.output().stdout).toContain("READY");
      // The host is gone, so Prism's PID can no longer be captured from it: look for any process on its port.
      expect(await waitFor(() => prismPids(port).length === 0, 10_000)).toBe(true);
      expect(await answers(`http://127.0.0.1:${port}`)).toBe(false);
    } finally {
      await host.cleanUp(port);
    }
  });
});
