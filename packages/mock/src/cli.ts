#!/usr/bin/env node
// trusthub-mock [--port 4010] [--host 127.0.0.1] [--dynamic [--seed N]] [--stateful [--data data.json]] [--spec file]
import { parseArgs } from "node:util";
import { MockOptionError, startMock } from "./index.js";

const usage = `Usage: trusthub-mock [--port 4010] [--host 127.0.0.1] [--dynamic [--seed N]] [--stateful [--data data.json]] [--spec openapi.yaml] [--verbose]`;

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
      verbose: { type: "boolean", default: false },
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

let mock;
try {
  mock = await startMock({
    port: Number(values.port),
    host: values.host,
    dynamic: values.dynamic,
    seed: values.seed === undefined ? undefined : Number(values.seed),
    stateful: values.stateful,
    data: values.data,
    spec: values.spec,
    log: values.verbose ? (line) => console.error(line) : undefined,
  });
} catch (error) {
  // A bad input file is a bad argument (exit 2); anything else, such as Prism failing to start, exits 1.
  const message = (error as Error).message.replace(/^startMock: /, "");
  console.error(`trusthub-mock: ${message}`);
  process.exit(error instanceof MockOptionError ? 2 : 1);
}
const bound = values.host === new URL(mock.url).hostname.replace(/^\[|\]$/g, "") ? "" : ` (bound to ${values.host})`;
console.log(`TrustHub mock (${values.stateful ? "stateful" : values.dynamic ? "dynamic" : "examples"}) listening on ${mock.url}${bound}

  import { createTrustHubClient } from "@trusthub/client";
  const client = createTrustHubClient({ baseUrl: "${mock.url}", accountSid: "AC00000000000000000000000000000000", authToken: "any" });

Press Ctrl-C to stop.`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void mock.stop().then(() => process.exit(0));
  });
}

/** A bad argument: one line saying what is wrong, the usage under it, exit 2. */
function fail(message: string): never {
  console.error(`trusthub-mock: ${message}\n${usage}`);
  process.exit(2);
}
