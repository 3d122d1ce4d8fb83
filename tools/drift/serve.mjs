// The mock the audit serves each mutant from: @trusthub/mock's in-process engine (Prism's own engine with
// the settings of `trusthub-mock`, and the Twilio treatment of refused requests and examples), behind a
// plain HTTP server on 127.0.0.1, so the contract suite meets a mutant exactly as it meets the real spec
// in `pnpm test`, without a process start per spec.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createMock } from "@trusthub/mock/in-process";
import { parse } from "yaml";

/** Serves `specFile` (YAML or JSON) on 127.0.0.1 (a free port) as `trusthub-mock --spec <file>` does; returns its URL. */
export async function serveMock(specFile) {
  const servers = parse(readFileSync(specFile, "utf8"), { maxAliasCount: -1 }).servers ?? [];
  // The mock answers the spec's own hosts: requests are handed to it on the first server's origin.
  const origin = new URL(servers[0]?.url ?? "https://trusthub.twilio.com").origin;
  const mock = await createMock({ spec: specFile });
  const server = createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const headers = Object.entries(req.headers).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]]));
      const answer = await mock.fetch(`${origin}${req.url}`, { method: req.method, headers, body });
      const text = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, [...answer.headers].flat()).end(text);
    } catch (error) {
      res.writeHead(500, { "Content-Type": "text/plain" }).end(`drift mock: ${error}`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mock.close();
    },
  };
}
