#!/usr/bin/env node
// Live drift check (`pnpm drift:live`): stock Prism's validating proxy (`prism proxy`, the Prism CLI) in
// front of the real API checks the responses of the quickstart's read-only calls against the spec and
// reports every violation.
//   TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN (or TWILIO_API_KEY + TWILIO_API_SECRET)   credentials
//   TRUSTHUB_UPSTREAM   the API to check (default https://trusthub.twilio.com)
// Exits 1 when any response breaks the spec, 2 when the check could not run.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { createTrustHubClient, paginate } from "@trusthub/client";
import { specPath } from "@trusthub/spec";

const upstream = process.env.TRUSTHUB_UPSTREAM || "https://trusthub.twilio.com";
const findings = [];
const calls = [];

// Reads Prism's verdict on each response; errors=false so the response still reaches the client.
const verdict = {
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    const header = response.headers.get("sl-violations");
    const violations = header ? JSON.parse(header).filter((v) => v.location?.[0] === "response") : [];
    calls.push(`${request.method} ${path} -> ${response.status}${violations.length ? ` (${violations.length} violation(s))` : ""}`);
    for (const v of violations) findings.push(`${request.method} ${path}: ${v.location.join(".")}: ${v.message}`);
  },
};

let mock;
try {
  mock = await startPrismProxy(specPath, upstream);
  const client = createTrustHubClient({ baseUrl: mock.url, middleware: [verdict], maxRetries: 1 });
  // The quickstart's read-only calls: list profiles, fetch one, list its assignments, fetch one.
  let profileSid;
  for await (const profile of paginate(client, "/v1/CustomerProfiles", { limit: 20 })) profileSid ??= profile.sid ?? undefined;
  if (profileSid) {
    await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profileSid } } });
    const path = { CustomerProfileSid: profileSid };
    let assignmentSid;
    for await (const a of paginate(client, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path }, limit: 20 })) {
      assignmentSid ??= a.sid;
    }
    if (assignmentSid) {
      await client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { ...path, Sid: assignmentSid } } });
    }
  }
} catch (error) {
  // A response broken enough that the client refuses it is drift too, once Prism has said why.
  if (!findings.length) {
    console.error(`drift:live could not run: ${error instanceof Error ? error.message : error}`);
    await mock?.stop();
    process.exit(2);
  }
  calls.push(`stopped: ${error instanceof Error ? error.message : error}`);
} finally {
  await mock?.stop();
}

console.log(`Live drift check against ${upstream}\n${calls.map((c) => `  ${c}`).join("\n")}`);
if (findings.length) {
  console.log(`\n${findings.length} response(s) break the spec:\n${findings.map((f) => `  ${f}`).join("\n")}`);
  process.exit(1);
}
console.log("\nNo response breaks the spec.");

/** `prism proxy <spec> <upstream>` (violations reported, not turned into errors) on a free loopback port. */
async function startPrismProxy(spec, upstreamUrl) {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(readFileSync(pkgFile, "utf8"));
  const port = await new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });
  const prism = spawn(process.execPath, [join(dirname(pkgFile), typeof bin === "string" ? bin : bin.prism), "proxy", spec, upstreamUrl, "--errors", "false", "--host", "127.0.0.1", "--port", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = async () => {
    if (prism.exitCode !== null || prism.signalCode !== null) return;
    const exited = new Promise((resolve) => prism.once("exit", resolve));
    prism.kill("SIGTERM");
    await exited;
  };
  await new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`Prism did not listen within 120 s:\n${output.slice(-2000)}`)), 120_000);
    const onData = (chunk) => {
      output += chunk;
      if (/Prism is listening on/.test(output)) {
        clearTimeout(timer);
        prism.stdout.resume();
        prism.stderr.resume();
        prism.off("exit", onExit);
        resolve();
      }
    };
    const onExit = (code) => fail(new Error(`Prism exited (${code}) before listening:\n${output.slice(-2000)}`));
    function fail(error) {
      clearTimeout(timer);
      void stop().then(() => reject(error));
    }
    prism.stdout.on("data", onData);
    prism.stderr.on("data", onData);
    prism.once("exit", onExit);
  });
  return { url: `http://127.0.0.1:${port}`, stop };
}
