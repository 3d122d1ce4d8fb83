#!/usr/bin/env node
// trusthub-mock [--port 4010] [--host 127.0.0.1] [--dynamic [--seed N]] [--stateful [--data data.json]] [--spec file] [--cors origin]
// The engine (./engine.ts) behind the HTTP door (./server.ts), in this process: one process, one port.
import { parseArgs } from "node:util";
import { createEngine } from "./engine.js";
import { MockOptionError } from "./errors.js";
import { serve } from "./server.js";
import { specPath } from "./spec-path.js";

const usage = `Usage: trusthub-mock [--port 4010] [--host 127.0.0.1] [--dynamic [--seed N]] [--stateful [--data data.json]] [--spec openapi.yaml] [--cors <origin>]`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      dynamic: { type: "boolean", default: false },
      seed: { type: "string" },
      stateful: { type: "boolean", default: false },
      data: { type: "string" },
      spec: { type: "string" },
      cors: { type: "string" },
      help: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
// Digits only: Number() would read "" and " " as 0 (a random port), "0x10" as 16 and "1e3" as 1000.
if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) fail(`--port must be 0..65535, got ${JSON.stringify(values.port)}`);
if (values.seed !== undefined && !/^-?\d{1,15}$/.test(values.seed)) fail(`--seed must be an integer, got ${JSON.stringify(values.seed)}`);
if (values.host.trim() === "") fail("--host must name an interface, got an empty string");
if (values.stateful && values.dynamic) fail("--stateful and --dynamic cannot be combined");
if (values.data !== undefined && !values.stateful) fail("--data needs --stateful");
if (values.data === "") fail("--data must name a JSON file, got an empty string");
if (values.seed !== undefined && !values.dynamic) fail("--seed needs --dynamic");
if (values.spec === "") fail("--spec must name an OpenAPI file, got an empty string");
if (values.cors !== undefined && !/^https?:\/\/[^/\s]+$/.test(values.cors)) fail(`--cors must be an origin (scheme://host[:port]), got ${JSON.stringify(values.cors)}`);

let served;
try {
  const engine = await createEngine({
    spec: values.spec ?? specPath,
    stateful: values.stateful,
    data: values.data,
    dynamic: values.dynamic,
    seed: values.seed === undefined ? undefined : Number(values.seed),
    network: { host: values.host, cors: values.cors },
  });
  served = await serve(engine, { host: values.host, port: Number(values.port) });
} catch (error) {
  // A bad input file is a bad argument (exit 2); anything else, such as a port in use, exits 1.
  console.error(`trusthub-mock: ${(error as Error).message.replace(/\s+/g, " ")}`);
  process.exit(error instanceof MockOptionError ? 2 : 1);
}
const bound = values.host === new URL(served.url).hostname.replace(/^\[|\]$/g, "") ? "" : ` (bound to ${values.host})`;
console.log(`TrustHub mock (${values.stateful ? "stateful" : values.dynamic ? "dynamic" : "examples"}) listening on ${served.url}${bound}

  import { createTrustHubClient } from "@trusthub/client";
  const client = createTrustHubClient({ baseUrl: "${served.url}", accountSid: "AC00000000000000000000000000000000", authToken: "any" });

Press Ctrl-C to stop.`);
const stop = () => void served.close().then(() => process.exit(0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, stop);
// Under `npx trusthub-mock` (npm exec), npm runs this through `sh -c` and a SIGTERM to npx ends npm and the
// shell but never reaches this process: it stops when its parent goes away instead.
if (process.env.npm_command === "exec") {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 250).unref();
}

/** A bad argument: one line saying what is wrong, the usage under it, exit 2. */
function fail(message: string): never {
  console.error(`trusthub-mock: ${message}\n${usage}`);
  process.exit(2);
}
