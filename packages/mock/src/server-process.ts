// The one process startMock() starts: the engine (./engine.ts) behind the HTTP door (./server.ts) on one
// loopback port, so that the mock answers while the process that started it is blocked (a test that runs a
// CLI with execFileSync). Its settings, the control route's secret among them, come as one JSON line on
// stdin; it answers with one JSON line on stdout (`{"url"}`, or `{"error", "option"}` when it cannot start)
// and ends when its stdin closes, which happens when its parent stops it or goes away, even by SIGKILL.
import { createEngine } from "./engine.js";
import { MockOptionError } from "./errors.js";
import { serve } from "./server.js";
import type { StoreData } from "./store.js";

/** What startMock() sends on stdin. */
export interface ServerProcessConfig {
  spec: string;
  host: string;
  port: number;
  secret: string;
  stateful?: boolean | undefined;
  data?: string | StoreData | undefined;
  dynamic?: boolean | undefined;
  seed?: number | undefined;
  cors?: string | undefined;
}

const config = await firstLine();
process.stdin.once("end", () => process.exit(0));
process.stdin.resume();
try {
  const engine = await createEngine({ ...config, network: { host: config.host, cors: config.cors } });
  const served = await serve(engine, config);
  process.stdout.write(`${JSON.stringify({ url: served.url })}\n`);
  // Each request becomes a fetch Request (./server.ts), whose classes Node loads on first use: load them
  // while the caller receives the URL rather than when its first request arrives.
  void globalThis.Request;
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: (error as Error).message, option: error instanceof MockOptionError })}\n`);
  process.exit(1);
}

function firstLine(): Promise<ServerProcessConfig> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const end = text.indexOf("\n");
      if (end < 0) return;
      process.stdin.off("data", onData);
      process.stdin.pause();
      try {
        resolve(JSON.parse(text.slice(0, end)) as ServerProcessConfig);
      } catch (error) {
        reject(error as Error);
      }
    };
    process.stdin.on("data", onData);
  });
}
