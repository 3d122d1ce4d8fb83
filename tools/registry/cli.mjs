#!/usr/bin/env node
// pnpm registry [--port N]: the local @trusthub registry (see config.yaml) until Ctrl-C or SIGTERM, which
// stop it and delete its storage. --port 0 picks a free port.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { startRegistry } from "./index.mjs";

const DEFAULT_PORT = 4873; // Verdaccio's own default

function usage(message) {
  console.error(`${message}\nusage: pnpm registry [--port <0-65535>]   (default ${DEFAULT_PORT}; 0 picks a free port)`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { port: { type: "string", default: String(DEFAULT_PORT) }, help: { type: "boolean", short: "h" } } }));
} catch (error) {
  usage(error.message);
}
if (values.help) usage("Starts a local npm registry that serves the @trusthub scope only.");
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65535) usage(`--port must be a number from 0 to 65535, not "${values.port}".`);

let registry;
try {
  registry = await startRegistry({ port });
} catch (error) {
  const hint = error.code === "EADDRINUSE" ? ` Port ${port} is taken: pass --port 0 for a free one.` : "";
  console.error(`The registry did not start: ${error.message}.${hint}`);
  process.exit(1);
}

const { version } = createRequire(import.meta.url)("verdaccio/package.json");
console.log(`TrustHub registry listening on ${registry.url} (Verdaccio ${version}; serves @trusthub only, no uplink)

Install from it: put this line in the consuming project's .npmrc (every other package still comes from
your normal registry):
  ${registry.scopeLine}

Publish to it as the local user "${registry.publisher}", whose token is in this file (not shown):
  NPM_CONFIG_USERCONFIG=${registry.npmrc} pnpm release

Storage: ${registry.storage} (deleted when the registry stops). Ctrl-C stops it.`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await registry.stop();
    console.log("Registry stopped; its storage is deleted.");
    process.exit(0);
  });
}
