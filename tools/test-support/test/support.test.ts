import { existsSync, readFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collect, exampleSid, freePort, randomSid, rejectionOf, rejectionOfType, repoRoot, scratchRepo, settle, trackSockets, waitFor } from "../index.mjs";

describe("ports and sockets", () => {
  it("freePort gives a port that can be bound", async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
    expect((server.address() as { port: number }).port).toBe(port);
    await new Promise((resolve) => server.close(resolve));
  });

  it("trackSockets destroys open connections so close() returns", async () => {
    const server = createServer(() => {});
    const sockets = trackSockets(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = connect((server.address() as { port: number }).port, "127.0.0.1");
    client.on("error", () => {});
    await waitFor(() => sockets.size === 1, 60_000, 10);
    expect(sockets.size).toBe(1);
    const closed = new Promise((resolve) => server.close(resolve));
    sockets.destroyAll();
    await closed;
    expect(await waitFor(() => sockets.size === 0, 60_000, 10)).toBe(true);
  });
});

describe("scratchRepo", () => {
  it("copies the repo without .git and links node_modules; with git it is a fresh repository", () => {
    const scratch = scratchRepo({ git: true });
    try {
      expect(readFileSync(join(scratch.dir, "package.json"), "utf8")).toBe(readFileSync(join(repoRoot, "package.json"), "utf8"));
      expect(existsSync(join(scratch.dir, "node_modules"))).toBe(true);
      expect(existsSync(join(scratch.dir, ".git/HEAD"))).toBe(true);
      expect(readFileSync(join(scratch.dir, ".git/HEAD"), "utf8")).toContain("refs/heads/main");
    } finally {
      scratch.remove();
    }
    expect(existsSync(scratch.dir)).toBe(false);
  });
});

describe("rejections", () => {
  it("rejectionOf returns the error and throws when the promise resolves", async () => {
    const error = new RangeError("boom");
    expect(await rejectionOf(Promise.reject(error))).toBe(error);
    expect(await rejectionOf(() => { throw error; })).toBe(error);
    await expect(rejectionOf(Promise.resolve(1))).rejects.toThrow(/expected a rejection/);
  });

  it("settle returns the rejection, or undefined when the call resolves", async () => {
    const error = new RangeError("boom");
    expect(await settle(Promise.reject(error))).toBe(error);
    expect(await settle(() => { throw error; })).toBe(error);
    expect(await settle(async () => 1)).toBeUndefined();
    expect(await settle(Promise.resolve(1))).toBeUndefined();
  });

  it("rejectionOfType checks the class", async () => {
    expect(await rejectionOfType(Promise.reject(new RangeError("x")), RangeError)).toBeInstanceOf(RangeError);
    await expect(rejectionOfType(Promise.reject(new TypeError("y")), RangeError)).rejects.toThrow(/expected a RangeError, got TypeError: y/);
  });
});

describe("SIDs and iteration", () => {
  it("exampleSid is fixed and randomSid varies, both prefix + 32 hex digits", () => {
    expect(exampleSid("BU")).toBe(exampleSid("BU"));
    expect(exampleSid("BU")).toMatch(/^BU[0-9a-f]{32}$/);
    expect(randomSid("BV")).toMatch(/^BV[0-9a-f]{32}$/);
    expect(randomSid("BV")).not.toBe(randomSid("BV"));
  });

  it("collect stops a runaway iterable", async () => {
    async function* forever() {
      for (let i = 0; ; i++) yield i;
    }
    expect(await collect((async function* () { yield 1; yield 2; })())).toEqual([1, 2]);
    await expect(collect(forever(), 10)).rejects.toThrow(/more than 10/);
  });
});
