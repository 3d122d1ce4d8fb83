// Requests that bypass the client's own validation (raw fetch) and break the spec are rejected by Prism:
// this shows Prism checks what the contract suite relies on. The cases are derived from the served spec.
// The mock answers Prism's refusals as Twilio does (HTTP 400, a Twilio error body; 404 for a malformed SID
// in the path, which names no resource) and keeps Prism's violations in the sl-violations header.
import { exampleSid } from "@trusthub/test-support";
import { describe, expect, it } from "vitest";
import { formOf, ops, send, type Op } from "../src/raw.js";

interface Invalid {
  label: string;
  request: Parameters<typeof send>[1];
  status: number;
  /** What Prism's sl-violations header must mention (case-insensitive), if anything. */
  mentions?: RegExp;
}

function invalidRequests(op: Op): Invalid[] {
  const cases: Invalid[] = [{ label: "no credentials", request: { headers: { Authorization: "" } }, status: 401 }];
  for (const name of op.pathParams) {
    const bad = exampleSid("XX");
    cases.push({ label: `bad ${name} SID`, request: { path: op.path({ [name]: bad }) }, status: 404, mentions: new RegExp(name, "i") });
  }
  for (const field of op.required) {
    const body = formOf(op.body ?? {});
    body.delete(field);
    // Without any field left the body is empty, which Prism reports as a missing body.
    const mentions = body.size ? new RegExp(field) : new RegExp(`${field}|body`, "i");
    cases.push({ label: `no ${field}`, request: { body: body.toString() }, status: 400, mentions });
  }
  if (op.body) {
    const request = { headers: { "Content-Type": "application/json" }, body: JSON.stringify(op.body) };
    cases.push({ label: "a JSON body", request, status: 400 });
  }
  for (const { name, minimum, maximum } of op.ranges) {
    for (const value of [minimum === undefined ? [] : [minimum - 1], maximum === undefined ? [] : [maximum + 1]].flat()) {
      cases.push({ label: `${name}=${value}`, request: { query: `?${name}=${value}` }, status: 400, mentions: new RegExp(name, "i") });
    }
  }
  return cases;
}

describe.each(ops)("$name", (op) => {
  it("is accepted when valid (the baseline each invalid case changes one thing of)", async () => {
    const { status, violations } = await send(op);
    expect(violations).toBe("");
    expect(status).toBeLessThan(300);
  });

  it.each(invalidRequests(op))("is rejected with $label", async ({ request, status, mentions }) => {
    const result = await send(op, request);
    expect(result.status).toBe(status);
    if (mentions) expect(result.violations).toMatch(mentions);
  });
});
