// The process startMock() starts: the mock's front server (./front.ts) on the public address, and the Prism
// CLI as its child on a private loopback port. A process of its own, so that the mock answers while the
// process that started it is busy (a test that runs a consumer with execFileSync, say), as Prism alone did.
// Prism writes to this process's stdout and stderr (where the launcher waits for "Prism is listening").
// It ends when Prism ends (with Prism's exit code), when it is signalled (after Prism), and when the process
// that started it goes away (its stdin closes), so that neither outlives the mock.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startFront } from "./front.js";
import { loadServedSpec } from "./spec.js";

/** What startMock() hands over, as JSON in argv[2]. */
export interface FrontProcessConfig {
  host: string;
  port: number;
  prismPort: number;
  /** The spec to give the Twilio treatment by; without it, requests and answers pass through. */
  spec: string | undefined;
  fromExamples: boolean;
  reportOnly: boolean;
  /** The Prism CLI's arguments (mock or proxy, the spec, options, --host and --port). */
  prismArgs: string[];
}

const config = JSON.parse(process.argv[2] ?? "{}") as FrontProcessConfig;

// Read while Prism starts; the front server waits for it only if a request comes first.
const document = config.spec
  ? loadServedSpec(config.spec).then(
      (served) => {
        served.dispose();
        return served.document;
      },
      () => undefined,
    )
  : Promise.resolve(undefined);

let front: Awaited<ReturnType<typeof startFront>>;
try {
  front = await startFront({ host: config.host, port: config.port, prism: { host: "127.0.0.1", port: config.prismPort }, document, fromExamples: config.fromExamples, reportOnly: config.reportOnly });
} catch (error) {
  console.error(`trusthub-mock: cannot listen on ${config.host.includes(":") ? `[${config.host}]` : config.host}:${config.port}: ${(error as Error).message}`);
  process.exit(1);
}

const prism = spawn(process.execPath, [prismBin(), ...config.prismArgs], { stdio: ["ignore", "inherit", "inherit"] });
let ending = false;
prism.once("exit", (code, signal) => {
  void front.close().then(() => process.exit(code ?? (signal ? 1 : 0)));
});
const end = (signal: NodeJS.Signals) => {
  if (ending) return;
  ending = true;
  prism.kill(signal);
  setTimeout(() => prism.kill("SIGKILL"), 5_000).unref();
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => end(signal));
process.stdin.on("close", () => end("SIGTERM"));
process.stdin.resume();

function prismBin(): string {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(readFileSync(pkgFile, "utf8")) as { bin: string | Record<string, string> };
  return join(dirname(pkgFile), typeof bin === "string" ? bin : bin.prism!);
}
