// The in-process engine answers as the Prism CLI does. The contract suite's kinds of calls, derived from the
// spec (every operation with valid SIDs and its example body; every named example of every response, asked
// for with Prefer; every way the contract suite breaks a request), go to startMock() over HTTP and to
// createMock()'s fetch, and get the same status, media type and body. In stateful mode, the every-operation
// run gets the same statuses and the same bodies once the new SIDs, times and origin are made neutral.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deref, listOperations, loadSpec } from "@trusthub/spec";
import { exampleSid } from "@trusthub/test-support";
import { startMock, type RunningMock } from "../src/index.js";
import { createMock, type InProcessMock } from "../src/in-process.js";
import { sidPrefixOf } from "../src/resources.js";
import { ACCOUNT_SID, assertBuilt, bundledSpec, exampleForm, exerciseEveryOperation, raw, type Exchange, type RawResponse } from "./helpers.js";

const TRUSTHUB = "https://trusthub.twilio.com";
const spec = loadSpec(bundledSpec);
const specText = JSON.stringify(spec);

interface Call {
  label: string;
  method: string;
  path: string;
  options: Parameters<typeof raw>[3];
}

/** The calls of one operation: valid, each named example (Prefer), and each way of breaking it. */
function callsOf(method: string, template: string, operation: any, pathItem: any): Call[] {
  const name = `${operation.operationId} (${method.toUpperCase()} ${template})`;
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(spec, p));
  const pathParameters = parameters.filter((p) => p.in === "path");
  const path = (override: Record<string, string> = {}) =>
    template.replace(/\{(\w+)\}/g, (_, n: string) => override[n] ?? exampleSid(sidPrefixOf(deref(spec, pathParameters.find((p) => p.name === n)!.schema)) ?? "XX"));
  const form = exampleForm(spec, operation);
  const body = form && Object.keys(form).length > 0 ? form : undefined;
  const valid = { ...(body && { form: body }) };
  const calls: Call[] = [{ label: `${name}, valid`, method: method.toUpperCase(), path: path(), options: valid }];

  for (const [status, response] of Object.entries<any>(operation.responses)) {
    for (const example of Object.keys(deref(spec, response).content?.["application/json"]?.examples ?? {})) {
      const code = status === "default" ? 500 : Number(status);
      calls.push({ label: `${name}, Prefer ${code} ${example}`, method: method.toUpperCase(), path: path(), options: { ...valid, headers: { prefer: `code=${code}, example=${example}` } } });
    }
  }

  const broken = (label: string, options: Call["options"], at = path()) => calls.push({ label: `${name}, ${label}`, method: method.toUpperCase(), path: at, options });
  broken("no credentials", { ...valid, auth: null });
  broken("a username that is no SID", { ...valid, auth: `Basic ${btoa("someone:secret")}` });
  for (const p of pathParameters) broken(`a bad ${p.name}`, valid, path({ [p.name]: "XX0123456789abcdef0123456789abcdef" }));
  const media = deref(spec, operation.requestBody)?.content?.["application/x-www-form-urlencoded"];
  for (const field of deref(spec, media?.schema)?.required ?? []) {
    const { [field]: _, ...rest } = body ?? {};
    broken(`no ${field}`, Object.keys(rest).length ? { form: rest } : {});
  }
  if (body) {
    broken("a JSON body", { headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    broken("a broken JSON body", { headers: { "content-type": "application/json" }, body: '{"FriendlyName":' });
  }
  if (parameters.some((p) => p.name === "PageSize")) {
    for (const size of ["0", "1001", "many"]) broken(`PageSize=${size}`, valid, `${path()}?PageSize=${size}`);
  }
  return calls;
}

const calls = listOperations(spec).flatMap(({ method, path, operation, pathItem }) => callsOf(method, path, operation, pathItem));

/** What must agree: the status, the media type and the body. */
const outcome = (r: RawResponse) => ({ status: r.status, type: r.headers.get("content-type")?.split(";")[0], body: r.body });

beforeAll(() => {
  assertBuilt();
});

describe("examples mode: the Prism CLI and the in-process engine", () => {
  let cli: RunningMock;
  let inProcess: InProcessMock;
  beforeAll(async () => {
    [cli, inProcess] = await Promise.all([startMock(), createMock()]);
  });
  afterAll(async () => {
    await cli?.stop();
    await inProcess?.close();
  });

  it("derives calls of every operation: valid, every named example, and broken", () => {
    for (const { operation } of listOperations(spec)) {
      const labels = calls.filter((c) => c.label.startsWith(`${operation.operationId} (`)).map((c) => c.label);
      expect(labels.some((l) => l.endsWith(", valid")), operation.operationId).toBe(true);
      expect(labels.some((l) => l.includes(", Prefer 401 ")), operation.operationId).toBe(true);
      expect(labels.some((l) => l.endsWith(", no credentials")), operation.operationId).toBe(true);
    }
  });

  it.each(calls.map((c) => [c.label, c] as const))("%s", async (_, call) => {
    const overHttp = await raw(cli.url, call.method, call.path, call.options);
    const inside = await raw(TRUSTHUB, call.method, call.path, { ...call.options, fetch: inProcess.fetch });
    expect(outcome(inside)).toEqual(outcome(overHttp));
    // Both are Twilio's answers: a refused request is a Twilio error, never Prism's 422.
    expect(overHttp.status).not.toBe(422);
  });
});

describe("stateful mode: the Prism CLI and the in-process engine", () => {
  let cli: RunningMock;
  let inProcess: InProcessMock;
  beforeAll(async () => {
    [cli, inProcess] = await Promise.all([startMock({ stateful: true }), createMock({ stateful: true })]);
  });
  afterAll(async () => {
    await cli?.stop();
    await inProcess?.close();
  });

  /** A transcript with new SIDs numbered in order of appearance, times and the origin made neutral. */
  function neutral(transcript: Exchange[], origin: string): unknown {
    const sids = new Map<string, string>();
    const text = JSON.stringify(transcript)
      .replaceAll(origin, "<origin>")
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, "<time>")
      .replace(/\b([A-Z]{2})[0-9a-f]{32}\b/g, (sid, prefix: string) => {
        if (sid === ACCOUNT_SID || specText.includes(sid)) return sid; // the spec's own SIDs stay
        if (!sids.has(sid)) sids.set(sid, `${prefix}<${sids.size + 1}>`);
        return sids.get(sid)!;
      });
    return JSON.parse(text);
  }

  it("every operation: the same statuses and, SIDs and times aside, the same bodies", async () => {
    const overHttp = await exerciseEveryOperation(cli.url, spec);
    const inside = await exerciseEveryOperation(TRUSTHUB, spec, inProcess.fetch);
    expect(inside.outcomes).toEqual(overHttp.outcomes);
    expect(inside.outcomes.filter((o) => o.got !== o.expected)).toEqual([]);
    expect(inside.transcript.length).toBeGreaterThanOrEqual(listOperations(spec).length);
    expect(neutral(inside.transcript, TRUSTHUB)).toEqual(neutral(overHttp.transcript, cli.url));
  });
});
