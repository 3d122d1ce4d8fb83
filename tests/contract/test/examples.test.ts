// Prism is asked for every named example of every response (Prefer: code=..., example=...); each comes
// back as written, except that it names the SIDs of the request's path (the mock puts the requested SID
// where the example has one of its kind), and matches the schema the client was built from.
import { deref } from "@trusthub/spec";
import { describe, expect, it } from "vitest";
import { expectShape, served } from "../src/harness.js";
import { ops, send } from "../src/raw.js";

const cases = ops.flatMap((op) =>
  Object.entries<any>(op.operation.responses).flatMap(([status, response]) =>
    Object.entries<any>(deref(served, response).content?.["application/json"]?.examples ?? {}).map(([name, example]) => ({
      op,
      // "default" stands for any other status; ask for a 500 with it.
      status: status === "default" ? 500 : Number(status),
      template: op.name.split(" ")[1]!,
      name,
      value: deref(served, example).value,
    })),
  ),
);

describe("named examples", () => {
  it("covers every operation's success and error examples", () => {
    for (const op of ops) {
      const statuses = new Set(cases.filter((c) => c.op === op).map((c) => c.status));
      expect([...statuses].some((s) => s < 300) || op.method === "DELETE", `${op.name} has a success example`).toBe(true);
      for (const s of [401, 404, 429, 500]) expect(statuses.has(s), `${op.name} ${s}`).toBe(true);
    }
  });

  it.each(cases.map((c) => [`${c.op.name} ${c.status} ${c.name}`, c] as const))("%s", async (_, c) => {
    const { status, violations, text } = await send(c.op, { headers: { Prefer: `code=${c.status}, example=${c.name}` } });
    expect(status).toBe(c.status);
    expect(violations).toBe("");
    const body = JSON.parse(text);
    expect(body).toEqual(namingSidsOf(c.op.path(), c.value));
    expectShape(c.op.method, c.template, c.status, body);
  });
});

/** `value` with every SID of the kind (two-letter prefix) of a SID in `path` replaced by that one. */
function namingSidsOf(path: string, value: unknown): unknown {
  let text = JSON.stringify(value);
  for (const [sid, prefix] of path.matchAll(/\b([A-Z]{2})[0-9a-fA-F]{32}\b/g)) {
    text = text.replace(new RegExp(`\\b${prefix}[0-9a-fA-F]{32}\\b`, "g"), () => sid);
  }
  return JSON.parse(text);
}
