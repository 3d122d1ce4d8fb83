// @ts-check
// A static file server for docs/dist on 127.0.0.1 (the browser test's, and `pnpm --filter @trusthub/docs
// serve` to look at the site locally). GET and HEAD only; nothing outside the folder is served.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, relative, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * Serves `dir` on 127.0.0.1; `port` 0 (the default) picks a free one.
 * @param {string} dir
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function serveStatic(dir, { port = 0 } = {}) {
  const base = resolve(dir);
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = resolve(join(base, pathname));
    const inside = relative(base, file);
    if (inside.startsWith("..") || inside.includes(`..${sep}`) || pathname.includes("\0")) {
      res.writeHead(404).end();
      return;
    }
    let stats = statSync(file, { throwIfNoEntry: false });
    if (stats?.isDirectory()) {
      file = join(file, "index.html");
      stats = statSync(file, { throwIfNoEntry: false });
    }
    if (!stats?.isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? "application/octet-stream",
      "content-length": stats.size,
      "cache-control": "no-store",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((ready, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ready(undefined));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the server has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
