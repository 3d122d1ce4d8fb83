// The response body cap (maxResponseBytes): a body past it fails the call with a TrustHubResponseError, is
// not retried, and is not read further, whether it is announced by Content-Length, streamed chunked, or
// small on the wire and large once decoded. Real node:http servers on loopback.
import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { rejectionOfType } from "@trusthub/test-support";
import { beforeEach, describe, expect, it } from "vitest";
import type { Middleware } from "openapi-fetch";
import { createTrustHubClient, TrustHubResponseError, TrustHubValidationError, unwrap, type TrustHubClientOptions } from "../src/index.js";
import { fakeFetch } from "./helpers/fake-fetch.js";
import { useSocketServer, type Handler, type SocketServer } from "./helpers/socket-server.js";
import { profile, SIDS } from "./helpers/resources.js";

const KiB = 1024;
const MiB = 1024 * KiB;
const DEFAULT_CAP = 16 * MiB;

const start = useSocketServer();
let server: SocketServer;
beforeEach(async () => {
  server = await start();
});

const client = (options: TrustHubClientOptions = {}) =>
  createTrustHubClient({ accountSid: SIDS.account, authToken: "size-test-token", baseUrl: server.url, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...options });
const fetchProfile = (options?: TrustHubClientOptions) => client(options).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } });

/** Writes `total` bytes of `fill` in 64 KiB chunks, waiting for each to drain; resolves with what was written when the socket closed or all was sent. */
function stream(res: ServerResponse, total: number, fill = 0x20): Promise<number> {
  const chunk = Buffer.alloc(64 * KiB, fill);
  let written = 0;
  return new Promise((resolve) => {
    res.on("close", () => resolve(written));
    const next = () => {
      while (written < total && !res.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - written));
        written += piece.length;
        if (!res.write(piece)) return void res.once("drain", next);
      }
      if (!res.destroyed) res.end();
    };
    next();
  });
}

/** A handler that streams `total` bytes (chunked unless `headers` says otherwise) and records how many it wrote. */
function streaming(total: number, headers: Record<string, string | number> = {}, status = 200) {
  const written: Promise<number>[] = [];
  const handler: Handler = (_req, res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    written.push(stream(res, total));
  };
  return { handler, written };
}

/** A JSON profile padded with spaces to exactly `size` bytes. */
function profileOfSize(size: number): string {
  const json = JSON.stringify(profile());
  return json + " ".repeat(size - json.length);
}

describe("a body past maxResponseBytes", () => {
  it("streamed chunked: TrustHubResponseError, one request, and the client stops reading", async () => {
    const { handler, written } = streaming(128 * MiB);
    server.handle(handler);
    const error = await rejectionOfType(fetchProfile({ maxResponseBytes: MiB }), TrustHubResponseError);
    expect(error.message).toContain(`maxResponseBytes (${MiB})`);
    expect(error).toMatchObject({ status: 200, method: "GET", path: `/v1/CustomerProfiles/${SIDS.profile}` });
    expect(server.requests).toHaveLength(1); // not retried, although GET retries network failures
    // The client cancelled the body: the server could write little more than the cap plus socket buffers.
    expect(await written[0]).toBeLessThan(32 * MiB);
  });

  it("announced by Content-Length: TrustHubResponseError, and the rest is never read", async () => {
    const size = 128 * MiB;
    const { handler, written } = streaming(size, { "Content-Length": size });
    server.handle(handler);
    const error = await rejectionOfType(fetchProfile({ maxResponseBytes: MiB }), TrustHubResponseError);
    expect(error.message).toContain("maxResponseBytes");
    expect(server.requests).toHaveLength(1);
    expect(await written[0]).toBeLessThan(32 * MiB);
  });

  it("small on the wire but large once decoded (gzip): decoded bytes count, memory stays bounded", async () => {
    const decoded = 128 * MiB;
    const gzipped = gzipSync(Buffer.alloc(decoded, 0x20), { level: 1 }); // well under 1 MiB
    server.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": gzipped.length });
      res.end(gzipped);
    });
    let peak = 0;
    const baseline = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - baseline)), 2);
    try {
      const error = await rejectionOfType(fetchProfile({ maxResponseBytes: MiB }), TrustHubResponseError);
      expect(error.message).toContain("maxResponseBytes");
    } finally {
      clearInterval(sampler);
    }
    expect(server.requests).toHaveLength(1);
    // Reading it whole would hold 128 MiB of bytes and as large a string.
    expect(peak).toBeLessThan(64 * MiB);
  });

  it("on an error status (5xx, which GET retries): not retried either", async () => {
    const { handler } = streaming(8 * MiB, {}, 503);
    server.handle(handler);
    const error = await rejectionOfType(fetchProfile({ maxResponseBytes: 64 * KiB }), TrustHubResponseError);
    expect(error).toMatchObject({ status: 503 });
    expect(error.message).toContain("maxResponseBytes");
    expect(server.requests).toHaveLength(1);
  });

  it("also applies when the caller reads the body itself (parseAs: \"stream\")", async () => {
    const { handler } = streaming(8 * MiB);
    server.handle(handler);
    const { data } = await client({ maxResponseBytes: 64 * KiB }).GET("/v1/CustomerProfiles/{Sid}", {
      params: { path: { Sid: SIDS.profile } },
      parseAs: "stream",
    });
    await expect(new Response(data as ReadableStream).text()).rejects.toBeInstanceOf(TrustHubResponseError);
  });
});

describe("a body within maxResponseBytes", () => {
  const cases = [
    ["Content-Length", (body: string) => ({ "Content-Length": Buffer.byteLength(body) })],
    ["chunked", () => ({})],
  ] as const;

  it.each(cases)("exactly the cap (%s) is read; one byte over is refused", async (_framing, framing) => {
    const body = profileOfSize(4 * KiB);
    server.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", ...framing(body) });
      res.end(body);
    });
    const { data, response } = await fetchProfile({ maxResponseBytes: body.length });
    expect(data!.sid).toBe(SIDS.profile);
    // Counted or not, the caller gets the response fetch answered, with its URL.
    expect(response.url).toBe(`${server.url}/v1/CustomerProfiles/${SIDS.profile}`);
    await rejectionOfType(fetchProfile({ maxResponseBytes: body.length - 1 }), TrustHubResponseError);
  });

  it("a gzip body is counted decoded: a cap above its wire size but below its decoded size refuses it", async () => {
    const body = profileOfSize(64 * KiB);
    const gzipped = gzipSync(body);
    server.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": gzipped.length });
      res.end(gzipped);
    });
    expect((await unwrap(fetchProfile({ maxResponseBytes: body.length }))).sid).toBe(SIDS.profile);
    await rejectionOfType(fetchProfile({ maxResponseBytes: gzipped.length * 2 }), TrustHubResponseError);
  });

  it("the default cap is 16 MiB: a body of exactly 16 MiB is read, one byte more is refused", async () => {
    const atCap = profileOfSize(DEFAULT_CAP);
    server.handle((_req, res, index) => {
      res.writeHead(200, { "Content-Type": "application/json" }); // chunked: counted as it streams
      res.end(index === 0 ? atCap : `${atCap} `);
    });
    expect((await unwrap(fetchProfile())).sid).toBe(SIDS.profile);
    const error = await rejectionOfType(fetchProfile(), TrustHubResponseError);
    expect(error.message).toContain(`maxResponseBytes (${DEFAULT_CAP})`);
  });
});

describe("the maxResponseBytes option", () => {
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s", (maxResponseBytes) => {
    expect(() => client({ maxResponseBytes })).toThrow(TrustHubValidationError);
  });
});

// Every read openapi-fetch makes of a body (each parseAs, and a middleware's clone) goes through the count.
// A fake fetch answers as fetch does for a gzip body: the decoded bytes in several chunks, with the
// Content-Encoding and the Content-Length of the wire (so openapi-fetch's parseAs "json" calls json()).
describe("each way of reading a counted body", () => {
  const json = JSON.stringify(profile());
  const bytes = new TextEncoder().encode(json);
  const streamedBody = (text = json, type = "application/json"): Response => {
    const encoded = new TextEncoder().encode(text);
    const third = Math.ceil(encoded.length / 3);
    const chunks = [0, 1, 2].map((i) => encoded.subarray(i * third, (i + 1) * third));
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => void (chunks.length ? c.enqueue(chunks.shift()!) : c.close()) });
    const headers = { "Content-Type": type, "Content-Encoding": "gzip", "Content-Length": String(gzipSync(text).length) };
    return new Response(stream, { headers });
  };
  const fakeClient = (maxResponseBytes: number, middleware?: Middleware[], answer = () => streamedBody()) =>
    createTrustHubClient({ accountSid: SIDS.account, authToken: "size-test-token", baseUrl: "http://127.0.0.1:9", env: {}, maxResponseBytes, middleware, fetch: fakeFetch([], answer).fetch });
  const get = (maxResponseBytes: number, parseAs?: "json" | "text" | "arrayBuffer" | "blob" | "stream") =>
    fakeClient(maxResponseBytes).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, ...(parseAs && { parseAs }) });
  // What each parseAs resolves to, read back as text.
  const asText = {
    json: (data: unknown) => JSON.stringify(data),
    text: (data: unknown) => data as string,
    arrayBuffer: (data: unknown) => new TextDecoder().decode(data as ArrayBuffer),
    blob: (data: unknown) => (data as Blob).text(),
    stream: (data: unknown) => new Response(data as ReadableStream).text(),
  };

  it.each(Object.keys(asText) as (keyof typeof asText)[])("parseAs %s: exactly the cap is read whole; one byte less refuses it", async (parseAs) => {
    const { data } = await get(bytes.length, parseAs);
    expect(await asText[parseAs](data)).toBe(json);
    const over = get(bytes.length - 1, parseAs).then(({ data }) => asText[parseAs](data));
    await expect(over).rejects.toBeInstanceOf(TrustHubResponseError);
  });

  it("blob keeps the Content-Type fetch's blob() gives it", async () => {
    const answer = () => streamedBody(json, "Application/JSON; Charset=UTF-8");
    const { data } = await fakeClient(bytes.length, [], answer).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, parseAs: "blob" });
    expect(data!.type).toBe((await streamedBody(json, "Application/JSON; Charset=UTF-8").blob()).type);
  });

  // formData() is no parseAs of openapi-fetch's types, but openapi-fetch calls response[parseAs]() for any.
  it("formData (a form body): read whole within the cap, refused past it", async () => {
    const form = "FriendlyName=Acme+Ltd&Email=a%40example.com";
    const answer = () => streamedBody(form, "application/x-www-form-urlencoded");
    const read = (maxResponseBytes: number) =>
      fakeClient(maxResponseBytes, [], answer).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, parseAs: "formData" as "text" });
    const { data } = await read(form.length);
    expect([...(data as unknown as FormData)]).toEqual([...new URLSearchParams(form)]);
    await rejectionOfType(read(form.length - 1), TrustHubResponseError);
  });

  it("a middleware's clone reads the whole body, and the call still gets it", async () => {
    const cloned: Promise<string>[] = [];
    const middleware = [{ onResponse: ({ response }: { response: Response }) => void cloned.push(response.clone().text()) }];
    expect((await unwrap(fakeClient(bytes.length, middleware).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } }))).sid).toBe(SIDS.profile);
    expect(await cloned[0]).toBe(json);
  });

  it("a middleware's clone stops at the cap as well", async () => {
    const cloned: Promise<string>[] = [];
    const middleware = [{ onResponse: ({ response }: { response: Response }) => void cloned.push(response.clone().text()) }];
    const call = fakeClient(bytes.length - 1, middleware).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } });
    await rejectionOfType(call, TrustHubResponseError);
    await expect(cloned[0]).rejects.toBeInstanceOf(TrustHubResponseError);
  });
});
