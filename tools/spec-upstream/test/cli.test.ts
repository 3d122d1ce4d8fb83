// The command end to end on fixture pairs: exit codes, the table, --json, which list it reads, and how
// relative paths are taken; and on hostile input (files, responses and descriptions that never end, grow
// or loop), from files and from servers on 127.0.0.1.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpec, specPath } from "@trusthub/spec";
import { fixturePath, run, tempFile } from "./helpers.js";

const RESPONSE_LIST = `differences:
  - operation: GET /v1/Widgets
    where: [response 404, response default]
    kind: response
    reason: We declare the error responses.
  - operation: GET /v1/Widgets
    where: response 202
    kind: response
    reason: We do not describe the accepted-for-later answer.
`;
const pair = (name: string) => [fixturePath(name, "theirs"), "--ours", fixturePath(name, "ours")];

describe("spec:upstream", () => {
  it("exits 0 and prints every difference with the entry that lists it", async () => {
    const { code, stdout } = await run([...pair("response"), "--differences", tempFile("list.yaml", RESPONSE_LIST)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Ours: {3}.*response\/ours\.yaml \(OpenAPI 3\.1\.0, version 1\.0\.0\)$/m);
    expect(stdout).toMatch(/^Theirs: .*response\/theirs\.yaml \(OpenAPI 3\.0\.1, version 1\.0\.0\)$/m);
    expect(stdout).toContain("1 operations compared.");
    expect(stdout).toMatch(/^GET \/v1\/Widgets\n {2}response 404 +response +present +absent +#1\n {2}response default +response +present +absent +#1\n {2}response 202 +response +absent +present +#2$/m);
    expect(stdout).toContain("  #1 (2) We declare the error responses.\n  #2 (1) We do not describe the accepted-for-later answer.");
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("OK: 3 difference(s), all listed as deliberate.");
  });

  it("exits 1 on a difference the list does not have, marking it NEW and naming it at the end", async () => {
    const list = tempFile("list.yaml", RESPONSE_LIST.split("  - operation: GET /v1/Widgets\n    where: response 202")[0]!);
    const { code, stdout } = await run([...pair("response"), "--differences", list]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ {2}response 202 +response +absent +present +NEW$/m);
    expect(stdout).toContain("Not listed (adopt each in the spec, or list it with its reason):\n  GET /v1/Widgets: response 202: response (ours absent, theirs present)");
    expect(stdout).toContain("FAIL: 1 difference(s) not listed as deliberate (NEW), 0 stale entries.");
  });

  it("exits 1 on an entry that no longer matches a difference", async () => {
    const list = tempFile("list.yaml", `${RESPONSE_LIST}  - { operation: "*", where: "*", kind: enum, reason: Statuses we add. }\n`);
    const { code, stdout } = await run([...pair("response"), "--differences", list]);
    expect(code).toBe(1);
    expect(stdout).toContain("Listed but no longer found (remove the entry, or fix its match):\n  #3 enum at *: * (Statuses we add.)");
    expect(stdout).toContain("FAIL: 0 difference(s) not listed as deliberate (NEW), 1 stale entry.");
  });

  it("--json gives the same verdict as data", async () => {
    const list = tempFile("list.yaml", `${RESPONSE_LIST.split("  - operation: GET /v1/Widgets\n    where: response 202")[0]}  - { operation: "*", where: "*", kind: enum, reason: Statuses we add. }\n`);
    const { code, stdout } = await run([...pair("response"), "--differences", list, "--json"]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.ok).toBe(false);
    expect(out.ours).toMatchObject({ openapi: "3.1.0", version: "1.0.0" });
    expect(out.theirs).toMatchObject({ openapi: "3.0.1", file: expect.stringMatching(/response\/theirs\.yaml$/) });
    expect(out.operations).toEqual(["GET /v1/Widgets"]);
    expect(out.differences).toEqual([
      { operation: "GET /v1/Widgets", where: "response 404", kind: "response", ours: "present", listed: 1, reason: "We declare the error responses." },
      { operation: "GET /v1/Widgets", where: "response default", kind: "response", ours: "present", listed: 1, reason: "We declare the error responses." },
      { operation: "GET /v1/Widgets", where: "response 202", kind: "response", theirs: "present", listed: null },
    ]);
    expect(out.stale).toEqual([{ entry: 2, reason: "Statuses we add." }]);
  });

  it("reads upstream-differences.yaml next to the spec it compares, unless told otherwise", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spec-upstream-"));
    copyFileSync(fixturePath("response", "ours"), join(dir, "openapi.yaml"));
    const withoutList = await run([fixturePath("response", "theirs"), "--ours", join(dir, "openapi.yaml")]);
    expect(withoutList.stdout).toContain("Deliberate differences: (no list)");
    expect(withoutList.code).toBe(1);
    copyFileSync(tempFile("list.yaml", RESPONSE_LIST), join(dir, "upstream-differences.yaml"));
    const withList = await run([fixturePath("response", "theirs"), "--ours", join(dir, "openapi.yaml")]);
    expect(withList.stdout).toMatch(/Deliberate differences: .*upstream-differences\.yaml/);
    expect(withList.code).toBe(0);
  });

  it("compares our spec by default, and finds nothing between it and itself", async () => {
    const { code, stdout } = await run([specPath, "--differences", tempFile("list.yaml", "differences: []\n")]);
    expect(stdout).toMatch(/^Ours: .*openapi\.yaml/m);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("OK: 0 difference(s), all listed as deliberate.");
    expect(code).toBe(0);
  });

  it("finds every entry of the repo's list stale when our spec is compared with itself (no entry matches vacuously)", async () => {
    const { code, stdout } = await run([specPath]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL: 0 difference\(s\) not listed as deliberate \(NEW\), \d+ stale entries\./);
    expect(stdout).not.toContain("Listed as deliberate:");
  });

  it("takes relative paths from where the command was typed (INIT_CWD under pnpm)", async () => {
    const typedIn = dirname(fixturePath("response", "ours"));
    const { code, stdout } = await run(["theirs.yaml", "--ours", "ours.yaml", "--differences", tempFile("list.yaml", RESPONSE_LIST)], { cwd: "/", env: { INIT_CWD: typedIn } });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Theirs: theirs\.yaml /m);
  });

  const swagger = tempFile("swagger.yaml", "swagger: '2.0'\npaths: {}\n");
  const badList = tempFile("list.yaml", "differences:\n  - { operation: x, where: y, kind: colour, reason: r }\n");
  it.each([
    ["no description", [], /usage: pnpm spec:upstream <file-or-url>/],
    ["two descriptions", ["a.yaml", "b.yaml"], /usage: pnpm spec:upstream/],
    ["an unknown option", ["a.yaml", "--colour"], /Unknown option '--colour'/],
    ["a missing file", ["no-such-file.yaml"], /spec:upstream: ENOENT: no such file or directory, open '.*no-such-file\.yaml'/],
    ["a description that is not OpenAPI 3", [swagger], /spec:upstream: theirs: not an OpenAPI 3\.0 or 3\.1 description \(openapi: missing\)/],
    ["a list it cannot read", [...pair("response"), "--differences", badList], /list\.yaml: entry 1: unknown kind "colour"/],
  ])("exits 2 on %s", async (_, args, message) => {
    const { code, stderr } = await run(args);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });
});

describe("spec:upstream on hostile input: refused with one line and exit 2", () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  });

  /** A server on 127.0.0.1 and a free port (plain, or TLS with `tls`); records the paths it was asked for. */
  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, tls?: { key: string; cert: string }) {
    const requests: string[] = [];
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      requests.push(req.url ?? "");
      handler(req, res);
    };
    const server = tls ? createHttpsServer(tls, listener) : createServer(listener);
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
    const { port } = server.address() as AddressInfo;
    return { url: `${tls ? "https" : "http"}://127.0.0.1:${port}`, requests };
  }

  const theirs = readFileSync(fixturePath("response", "theirs"), "utf8");
  const ours = ["--ours", fixturePath("response", "ours")];
  const refused = async (args: string[], message: RegExp, env?: Record<string, string>) => {
    const { code, stdout, stderr } = await run([...args, ...ours], { env });
    expect({ code, stdout, lines: stderr.trimEnd().split("\n").length }).toEqual({ code: 2, stdout: "", lines: 1 });
    expect(stderr).toMatch(new RegExp(`^spec:upstream: ${message.source}`));
  };

  it("a file larger than --max-bytes", async () => {
    const padded = `${theirs}${"# padding\n".repeat(200)}`;
    await refused([tempFile("theirs.yaml", padded), "--max-bytes", String(padded.length - 1)], /.*theirs\.yaml: more than \d+ bytes/);
  });

  it("a file that never ends (/dev/zero)", async () => {
    await refused(["/dev/zero", "--max-bytes", "100000"], /\/dev\/zero: more than 100000 bytes/);
  });

  it("a response body that never ends (chunked, no length), with the default cap", async () => {
    const { url } = await serve((_, res) => {
      const chunk = Buffer.alloc(16 * 1024, "a");
      let sent = 0;
      // Until the client goes away (bounded, in case it never does).
      const more = () => {
        while (sent++ < 10_000 && !res.destroyed) if (!res.write(chunk)) return void res.once("drain", more);
        res.end();
      };
      more();
    });
    await refused([`${url}/theirs.yaml`], /http:\/\/127\.0\.0\.1:\d+\/theirs\.yaml: more than \d+ bytes/);
  });

  it("a response that declares more than --max-bytes (refused before its body)", async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(200, { "content-length": String(64 * 1024 * 1024) });
      res.write("openapi: 3.0.1\n"); // and nothing more: the client must not wait for the rest
    });
    await refused([`${url}/theirs.yaml`, "--max-bytes", "100000"], /.*: more than 100000 bytes/);
  });

  it("a redirect from https to http (not followed)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spec-upstream-tls-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "pipe" });
    const plain = await serve((_, res) => res.end(theirs));
    const secure = await serve((_, res) => res.writeHead(302, { location: `${plain.url}/theirs.yaml` }).end(), {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    });
    await refused([`${secure.url}/theirs.yaml`], /GET https:\/\/127\.0\.0\.1:\d+\/theirs\.yaml: refused a redirect from https to http/, { NODE_EXTRA_CA_CERTS: join(dir, "cert.pem") });
    expect({ secure: secure.requests, plain: plain.requests }).toEqual({ secure: ["/theirs.yaml"], plain: [] });
  });

  it("endless redirects (while one to the same scheme is followed)", async () => {
    const { url, requests } = await serve((req, res) => {
      if (req.url === "/theirs.yaml") return void res.end(theirs);
      res.writeHead(302, { location: req.url === "/moved" ? "/theirs.yaml" : `/loop${requests.length}` }).end();
    });
    const followed = await run([`${url}/moved`, ...ours]);
    expect(followed.stdout).toContain(`Theirs: ${url}/moved`);
    expect(followed.code).toBe(1); // the fixture pair differs and no list is given
    await refused([`${url}/loop`], /GET .*\/loop: more than 5 redirects/);
  });

  it("YAML aliases of aliases (a billion laughs: a response schema of 10^8 properties)", async () => {
    const levels = ["x-l0: &l0 { type: string }"];
    for (let i = 1; i <= 8; i++) {
      levels.push(`x-l${i}: &l${i} { type: object, properties: { ${Array.from({ length: 10 }, (_, p) => `p${p}: *l${i - 1}`).join(", ")} } }`);
    }
    const paths = "paths:\n  /v1/Widgets:\n    get:\n      responses:\n        '200': { description: OK., content: { application/json: { schema: *l8 } } }\n";
    await refused([tempFile("laughs.yaml", `openapi: 3.0.1\ninfo: { title: t, version: '1' }\n${levels.join("\n")}\n${paths}`)], /.*laughs\.yaml: .*alias/i);
  });

  /** The response fixture whose 200 body is schema S0 of `depth` schemas, each using the next twice. */
  const fanOut = (depth: number) => {
    const doc = loadSpec(fixturePath("response", "theirs"));
    doc.components = { schemas: {} };
    for (let i = 0; i < depth; i++) {
      const next = { $ref: `#/components/schemas/S${i + 1}` };
      doc.components.schemas[`S${i}`] = { type: "object", properties: { left: next, right: next } };
    }
    doc.components.schemas[`S${depth}`] = { type: "string" };
    doc.paths["/v1/Widgets"].get.responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/S0" };
    return tempFile("fan-out.json", JSON.stringify(doc));
  };

  it("$refs that fan out (2^40 schemas from a few KB)", async () => {
    await refused([fanOut(40)], /theirs: its \$refs expand to more than \d+ schemas/);
  });

  it("an allOf that includes itself", async () => {
    const doc = loadSpec(fixturePath("response", "theirs"));
    doc.components = { schemas: { Loop: { allOf: [{ $ref: "#/components/schemas/Loop" }] } } };
    doc.paths["/v1/Widgets"].get.responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Loop" };
    await refused([tempFile("loop.json", JSON.stringify(doc))], /theirs: allOf includes itself through "#\/components\/schemas\/Loop"/);
  });
});
