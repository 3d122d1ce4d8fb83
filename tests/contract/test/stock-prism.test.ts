// Stock Prism on the published spec: what a team gets that runs `prism mock` by hand on
// @trusthub/mock/openapi.yaml. Every named example of every operation, asked for with Prefer, comes back
// through @trusthub/client as the spec writes it (stock Prism neither names the requested SIDs nor answers
// refusals as Twilio does; those are @trusthub/mock's). One known limit of stock Prism: it checks an
// object-valued form field (JSON text, `encoding: application/json`) as if the text were the object, so it
// refuses every request that sends one with its 422; @trusthub/mock restates such fields for Prism.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { deref, listMedia } from "@trusthub/spec";
import { freePort } from "@trusthub/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractClient, served } from "../src/harness.js";
import { ops } from "../src/raw.js";

const require = createRequire(import.meta.url);
const publishedSpec = require.resolve("@trusthub/mock/openapi.yaml");

function prismBin(): string {
  const pkgFile = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(readFileSync(pkgFile, "utf8")) as { bin: string | Record<string, string> };
  return join(dirname(pkgFile), typeof bin === "string" ? bin : bin.prism!);
}

/** Whether the operation's form carries an object-valued field as JSON text (what stock Prism cannot validate). */
const sendsJsonField = (op: (typeof ops)[number]) => {
  const media = deref(served, op.operation.requestBody)?.content?.["application/x-www-form-urlencoded"];
  return Object.values<any>(media?.encoding ?? {}).some((e) => /json/i.test(e?.contentType ?? ""));
};

const cases = listMedia(served)
  .filter((m) => m.status !== undefined && m.type === "application/json")
  .flatMap((m) =>
    m.examples.map(({ name, value }) => ({
      op: ops.find((op) => op.name === `${m.method.toUpperCase()} ${m.path}`)!,
      status: m.status === "default" ? 500 : Number(m.status),
      template: m.path,
      name,
      value,
    })),
  );

let prism: ChildProcess | undefined;
let url: string;

beforeAll(async () => {
  const port = await freePort();
  prism = spawn(process.execPath, [prismBin(), "mock", publishedSpec, "--host", "127.0.0.1", "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    let output = "";
    // Hang guard only: a busy machine may take long to start Prism.
    const timer = setTimeout(() => reject(new Error(`stock Prism did not listen within 150 s:\n${output.slice(-2000)}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Prism is listening on/.test(output)) {
        clearTimeout(timer);
        prism!.stdout!.resume();
        prism!.stderr!.resume();
        resolve();
      }
    };
    prism!.stdout!.on("data", onData);
    prism!.stderr!.on("data", onData);
    prism!.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`stock Prism exited (${code}) before listening:\n${output.slice(-2000)}`));
    });
  });
}, 180_000);

afterAll(async () => {
  if (!prism || prism.exitCode !== null || prism.signalCode !== null) return;
  const exited = new Promise((resolve) => prism!.once("exit", resolve));
  prism.kill("SIGTERM");
  await exited;
});

describe("stock `prism mock` on @trusthub/mock/openapi.yaml, through @trusthub/client", () => {
  it.each(cases.map((c) => [`${c.op.name} ${c.status} ${c.name}`, c] as const))("%s", async (_, c) => {
    const { client, violations } = contractClient({ baseUrl: url });
    const concrete = c.op.path().split("/");
    const pathValues = Object.fromEntries(c.template.split("/").flatMap((segment, i) => (/^\{\w+\}$/.test(segment) ? [[segment.slice(1, -1), concrete[i]!]] : [])));
    const call = (client as unknown as Record<string, (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>>)[c.op.method]!;
    const { data, error, response } = await call(c.template, {
      params: { path: pathValues },
      headers: { Prefer: `code=${c.status}, example=${c.name}` },
      ...(c.op.body && { body: c.op.body }),
    });
    expect(violations).toEqual([]);
    if (sendsJsonField(c.op)) {
      expect(response.status).toBe(422);
      return;
    }
    expect(response.status).toBe(c.status);
    expect(data ?? error).toEqual(c.value);
  });
});
