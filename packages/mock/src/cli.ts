#!/usr/bin/env node
// trusthub-mock [--port 4010] [--host 127.0.0.1] [--dynamic [--seed N]] [--stateful [--data data.json]] [--spec file]
import { parseArgs } from "node:util";
import { startMock } from "./index.js";

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
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, got ${values.port}`);
if (seed !== undefined && !Number.isInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`);
if (values.stateful && values.dynamic) fail("--stateful and --dynamic cannot be combined");
if (values.data && !values.stateful) fail("--data needs --stateful");

const mock = await startMock({
  port,
  host: values.host,
  dynamic: values.dynamic,
  seed,
  stateful: values.stateful,
  data: values.data,
  spec: values.spec,
  log: values.verbose ? (line) => console.error(line) : undefined,
});
console.log(`TrustHub mock (${values.stateful ? "stateful" : values.dynamic ? "dynamic" : "examples"}) listening on ${mock.url}

  import { createTrustHubClient } from "@trusthub/client";
  const client = createTrustHubClient({ baseUrl: "${mock.url}", accountSid: "AC00000000000000000000000000000000", authToken: "any" });

Press Ctrl-C to stop.`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void mock.stop().then(() => process.exit(0));
  });
}

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}
