#!/usr/bin/env node
// `pnpm --filter @trusthub/docs serve [--port N]`: serves the built site (docs/dist) on 127.0.0.1.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serveStatic } from "../src/serve.mjs";

const { values } = parseArgs({ options: { port: { type: "string", default: "4300" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
if (!existsSync(dist)) throw new Error("docs/dist does not exist: run `pnpm run docs` first");
const server = await serveStatic(dist, { port });
console.log(`serving docs/dist at ${server.url} (Ctrl-C to stop)`);
