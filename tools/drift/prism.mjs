// Prism's own HTTP server, run in this process: the server, operations loader and settings that
// `prism mock --errors` uses (the exact versions @trusthub/mock's prism-cli pins), without a process
// start per spec. The drift audit serves each mutant of a batch from one of these.
import { createRequire } from "node:module";

const fromMock = createRequire(createRequire(import.meta.url).resolve("@trusthub/mock/package.json"));
const fromCli = createRequire(fromMock.resolve("@stoplight/prism-cli/package.json"));
const { getHttpOperationsFromSpec } = fromCli("@stoplight/prism-cli/dist/operations");
const { createServer } = fromCli("@stoplight/prism-http-server");
const { createLogger } = fromCli("@stoplight/prism-core");

const logger = createLogger("drift", { level: "silent" });

/** Serves `specFile` on 127.0.0.1 (a free port) as `prism mock <spec> --errors` does; returns its URL. */
export async function servePrism(specFile) {
  const operations = await getHttpOperationsFromSpec(specFile);
  if (!operations.length) throw new Error(`${specFile}: no operations to serve`);
  const server = createServer(operations, {
    cors: true,
    config: {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: true,
      upstreamProxy: undefined,
      isProxy: false,
      mock: { dynamic: false, ignoreExamples: false, seed: null },
    },
    components: { logger },
  });
  const address = await server.listen(0, "127.0.0.1");
  return { url: address.replace(/\/$/, ""), close: () => server.close() };
}
