// The client's real sources with metadata generated from another spec (a fixture resource the TrustHub spec
// does not have), so a test can drive the unchanged runtime over new operations: the sources are copied into
// a folder of this package (openapi-fetch still resolves), the codegen writes their generated/spec.ts, and
// the copy is imported. Its types are the TrustHub spec's, so a test calls it through the loose types below.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { clientMetadata } from "@trusthub/codegen/client-metadata.mjs";
import type { OpenApiDocument } from "@trusthub/spec";
import type * as Client from "../../src/index.js";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

type Init = { params?: { path?: object; query?: object }; body?: unknown };
type Result = Promise<{ data?: any; error?: Client.TwilioError; response: Response }>;
export interface LooseClient {
  GET(path: string, init?: Init): Result;
  POST(path: string, init?: Init): Result;
  DELETE(path: string, init?: Init): Result;
}
export interface FixtureClientModule extends Omit<typeof Client, "createTrustHubClient" | "paginate" | "paginatePages"> {
  createTrustHubClient(options?: Client.TrustHubClientOptions): LooseClient;
  paginate(client: LooseClient, path: string, init?: Init & { limit?: number; pageSize?: number }): AsyncGenerator<any>;
}

/** Imports a copy of the client generated from `spec`; `remove()` deletes the copy. */
export async function clientFromSpec(spec: OpenApiDocument): Promise<{ module: FixtureClientModule; remove(): void }> {
  const dir = mkdtempSync(join(packageDir, ".fixture-client-"));
  try {
    cpSync(join(packageDir, "src"), join(dir, "src"), { recursive: true });
    writeFileSync(join(dir, "src/generated/spec.ts"), clientMetadata(spec, { specVersion: spec.info.version }));
    const module = (await import(pathToFileURL(join(dir, "src/index.ts")).href)) as FixtureClientModule;
    return { module, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
