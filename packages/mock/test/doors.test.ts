// One scenario table, run by every door of the one engine: createMock()'s fetch, trusthubHandlers() under
// MSW, trusthubDispatcher() under undici, and startMock() over HTTP. Each door gets the same requests and the same controls (override,
// requests, reset), so a behaviour that one door lacks, or a limit that only one door keeps, fails here.
// The served spec is the bundled one plus the fixtures, for the EndUsers fixture's object-valued form field.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejectionOf, rejectionOfType, twilioErrorBody, waitFor } from "@trusthub/test-support";
import type { LoggedRequest } from "../src/engine.js";
import { startMock } from "../src/index.js";
import { createMock, type MockControls } from "../src/in-process.js";
import { trusthubHandlers } from "../src/msw.js";
import { trusthubDispatcher } from "../src/undici.js";
import { assertBuilt, AUTH, POLICY_SID, writeFixtureSpec } from "./helpers.js";

const TRUSTHUB = "https://trusthub.twilio.com";
const PROFILE = "BU00000000000000000000000000000abc";
const FORM = { "content-type": "application/x-www-form-urlencoded" };
/** Hang guard of every request: generous, never a speed limit. */
const HANG_GUARD_MS = 60_000;

type Mode = "examples" | "stateful";

/** What a scenario drives: one mock's controls, and a request to it through one door. */
interface Door extends MockControls<string> {
  /** A request with the test's credentials (unless `authorization` is given) to `path` on the mock. */
  send(path: string, init?: RequestInit): Promise<Response>;
}

const withAuth = (init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { authorization: AUTH, ...(init.headers as Record<string, string>) },
  signal: init.signal ?? AbortSignal.timeout(HANG_GUARD_MS),
});

const msw = setupServer();
let dir: string;
let spec: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), "trusthub-mock-doors-"));
  spec = writeFixtureSpec(dir);
  // Only the MSW door's requests are intercepted: the HTTP door's go to 127.0.0.1.
  msw.listen({ onUnhandledRequest: "bypass" });
});
afterAll(() => {
  msw.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const DOORS: Record<string, (mode: Mode) => Promise<Door>> = {
  "createMock() (fetch)": async (mode) => {
    const mock = await createMock<string>({ spec, stateful: mode === "stateful" });
    return { ...mock, send: (path, init) => mock.fetch(`${TRUSTHUB}${path}`, withAuth(init)) };
  },
  "trusthubHandlers() (MSW)": async (mode) => {
    const mock = await createMock<string>({ spec, stateful: mode === "stateful" });
    msw.resetHandlers(...trusthubHandlers(mock));
    return { ...mock, send: (path, init) => fetch(`${TRUSTHUB}${path}`, withAuth(init)) };
  },
  "trusthubDispatcher() (undici)": async (mode) => {
    const mock = await createMock<string>({ spec, stateful: mode === "stateful" });
    const dispatcher = trusthubDispatcher(mock);
    return { ...mock, send: (path, init) => undiciFetch(`${TRUSTHUB}${path}`, { ...withAuth(init), dispatcher } as never) as unknown as Promise<Response> };
  },
  "startMock() (HTTP)": async (mode) => {
    const mock = await startMock<string>({ spec, stateful: mode === "stateful" });
    return { ...mock, send: (path, init) => fetch(`${mock.url}${path}`, withAuth(init)) };
  },
};

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });
const post = (door: Door, path: string, body: string | Uint8Array) => door.send(path, { method: "POST", headers: FORM, body: body as BodyInit });
const profileForm = (name: string) => new URLSearchParams({ FriendlyName: name, Email: "doors@acme.example", PolicySid: POLICY_SID }).toString();
const listed = async (door: Door, path = "/v1/CustomerProfiles?PageSize=1000") => {
  const page = await json(await door.send(path));
  expect(page.status).toBe(200);
  return page.body.results as Array<Record<string, unknown>>;
};

interface Scenario {
  mode: Mode;
  name: string;
  run(door: Door): Promise<void>;
}

const SCENARIOS: Scenario[] = [
  {
    mode: "examples",
    name: "serves the spec's example, naming the requested SID",
    async run(door) {
      const { status, body } = await json(await door.send(`/v1/CustomerProfiles/${PROFILE}`));
      expect(status).toBe(200);
      expect(body.sid).toBe(PROFILE);
    },
  },
  {
    mode: "examples",
    name: "a request the spec refuses gets a Twilio 400 naming the parameter",
    async run(door) {
      expect(await json(await door.send("/v1/CustomerProfiles?PageSize=0"))).toEqual({ status: 400, body: twilioErrorBody(400, 20001, expect.stringContaining("PageSize")) });
    },
  },
  {
    mode: "examples",
    name: "missing credentials get the spec's 401",
    async run(door) {
      const { status, body } = await json(await door.send("/v1/CustomerProfiles", { headers: { authorization: "" } }));
      expect([status, body.code]).toEqual([401, 20003]);
    },
  },
  {
    mode: "examples",
    name: "a malformed SID in the path names no resource: Twilio's 404/20404, as for a path the spec does not have",
    async run(door) {
      for (const path of ["/v1/CustomerProfiles/BU123", "/v1/CustomerProfiles/XX0123456789abcdef0123456789abcdef", "/v1/Nothing"]) {
        expect(await json(await door.send(path)), path).toEqual({ status: 404, body: twilioErrorBody(404, 20404, `The requested resource ${path} was not found`) });
      }
    },
  },
  {
    mode: "examples",
    name: "Prefer code=100 or code=999 is refused with a 400 (no hang, no HTTP 999)",
    async run(door) {
      for (const code of ["100", "999", "abc"]) {
        const { status, body } = await json(await door.send("/v1/CustomerProfiles", { headers: { prefer: `code=${code}` } }));
        expect([status, body.code], code).toEqual([400, 20001]);
      }
      expect((await door.send("/v1/CustomerProfiles", { headers: { prefer: "code=404" } })).status).toBe(404);
    },
  },
  {
    mode: "examples",
    name: "a body over 1 MiB gets 413, at every door",
    async run(door) {
      const form = new URLSearchParams({ FriendlyName: "x".repeat(2 * 1024 * 1024), Email: "big@acme.example", PolicySid: POLICY_SID }).toString();
      expect(await json(await post(door, "/v1/CustomerProfiles", form))).toEqual({ status: 413, body: twilioErrorBody(413, 20413, expect.any(String)) });
    },
  },
  {
    mode: "examples",
    name: "override { status, times: 1 } answers once, then the usual answer",
    async run(door) {
      await door.override("ListCustomerProfile", { status: 429, times: 1 });
      expect((await door.send("/v1/CustomerProfiles")).status).toBe(429);
      expect((await door.send("/v1/CustomerProfiles")).status).toBe(200);
    },
  },
  {
    mode: "examples",
    name: "override { error: 'reset' } is a network error for the caller",
    async run(door) {
      await door.override("ListCustomerProfile", { error: "reset", times: 1 });
      expect(await rejectionOf(door.send("/v1/CustomerProfiles"))).toBeInstanceOf(TypeError);
    },
  },
  {
    mode: "examples",
    name: "an override value the mock cannot keep is refused: a delay past a timer's range, a header with CR/LF",
    async run(door) {
      await rejectionOfType(door.override("ListCustomerProfile", { delayMs: 2 ** 31 }), TypeError);
      await rejectionOfType(door.override("ListCustomerProfile", { status: 200, headers: { "x-note": "a\r\nset-cookie: b" } }), TypeError);
      expect((await door.send("/v1/CustomerProfiles")).status).toBe(200);
    },
  },
  {
    mode: "examples",
    name: "requests is a copy: a kept one survives reset(), and changing it changes nothing",
    async run(door) {
      await door.send("/v1/CustomerProfiles");
      const kept = await door.requests();
      (kept as LoggedRequest[]).length = 0;
      expect(await door.requests()).toHaveLength(1);
      const before = await door.requests();
      await door.reset();
      expect(before).toHaveLength(1);
      expect(await door.requests()).toEqual([]);
    },
  },
  {
    mode: "stateful",
    name: "create, fetch, list and delete from the store",
    async run(door) {
      const created = await json(await post(door, "/v1/CustomerProfiles", profileForm("Doors Co")));
      expect(created.status).toBe(201);
      const sid = created.body.sid as string;
      expect((await json(await door.send(`/v1/CustomerProfiles/${sid}`))).body.friendly_name).toBe("Doors Co");
      expect((await listed(door)).map((p) => p.sid)).toContain(sid);
      expect((await door.send(`/v1/CustomerProfiles/${sid}`, { method: "DELETE" })).status).toBe(204);
      expect((await door.send(`/v1/CustomerProfiles/${sid}`)).status).toBe(404);
    },
  },
  {
    mode: "stateful",
    name: "raw bytes that are not UTF-8 in a form are refused, as their percent-encoded form is; nothing is stored",
    async run(door) {
      const raw = new Uint8Array([...new TextEncoder().encode("FriendlyName=caf"), 0xe9, ...new TextEncoder().encode(`&Email=e%40acme.example&PolicySid=${POLICY_SID}`)]);
      for (const body of [raw, `FriendlyName=caf%E9&Email=e%40acme.example&PolicySid=${POLICY_SID}`]) {
        const { status, body: error } = await json(await post(door, "/v1/CustomerProfiles", body));
        expect([status, error.code]).toEqual([400, 20001]);
      }
      expect(await listed(door)).toEqual([]);
    },
  },
  {
    mode: "stateful",
    name: "JSON nested 5,000 deep in an object-valued form field is refused; every list keeps answering",
    async run(door) {
      const deep = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
      const form = new URLSearchParams({ FriendlyName: "Deep", Type: "authorized_representative_1", Attributes: deep }).toString();
      const { status, body } = await json(await post(door, "/v1/EndUsers", form));
      expect([status, body.code]).toEqual([400, 20001]);
      expect(await listed(door, "/v1/EndUsers")).toEqual([]);
      const shallow = new URLSearchParams({ FriendlyName: "Shallow", Type: "authorized_representative_1", Attributes: '{"first_name":"Jane"}' }).toString();
      expect((await post(door, "/v1/EndUsers", shallow)).status).toBe(201);
      expect(await listed(door, "/v1/EndUsers")).toHaveLength(1);
    },
  },
  {
    mode: "stateful",
    name: "reset() isolates a request in flight: it reaches neither the fresh store, nor the new log, nor the next overrides",
    async run(door) {
      await door.override("CreateCustomerProfile", { delayMs: 3_000, times: 1 });
      const inFlight = post(door, "/v1/CustomerProfiles", profileForm("Before reset"));
      inFlight.catch(() => undefined); // awaited below
      expect(await waitFor(async () => (await door.requests()).length === 1, HANG_GUARD_MS)).toBe(true);
      await door.reset();
      await door.override("CreateCustomerProfile", { status: 429, times: 1 });
      await inFlight;
      expect(await door.requests()).toEqual([]);
      expect(await listed(door)).toEqual([]);
      // The next test's override is still there for the next test's request.
      expect((await post(door, "/v1/CustomerProfiles", profileForm("After reset"))).status).toBe(429);
    },
  },
];

describe.each(Object.keys(DOORS).flatMap((door) => (["examples", "stateful"] as const).map((mode) => [door, mode] as const)))("%s, %s mode", (doorName, mode) => {
  let door: Door;
  beforeAll(async () => {
    door = await DOORS[doorName]!(mode);
  });
  afterAll(async () => {
    await door?.close();
  });

  it.each(SCENARIOS.filter((s) => s.mode === mode).map((s) => [s.name, s] as const))("%s", async (_name, scenario) => {
    await door.reset();
    await scenario.run(door);
  });
});
