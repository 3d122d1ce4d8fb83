// The type of the stateful mock's seed data, rendered from a spec: each collection the store serves, under
// the store's key, with its records as the response the store reads them from.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseSpec, specPath } from "@trusthub/spec";
import { addFixture } from "@trusthub/test-support/fixture";
import { describe, expect, it } from "vitest";
import { seedDataTypes } from "../seed-data.mjs";

const mockDir = fileURLToPath(new URL("../../../packages/mock", import.meta.url));

describe("seed data types", () => {
  it("gives a collection the spec adds its key, its records as its fetch response with the sid required and what the store fills in optional", async () => {
    const spec = parseSpec(addFixture(readFileSync(specPath, "utf8")));
    const source = await seedDataTypes(spec, mockDir);
    expect(source).toContain('"endUsers"?: Array<SeedRecord<paths["/v1/EndUsers/{Sid}"]["get"]["responses"][200]["content"]["application/json"], "sid", "account_sid" | "url" | "date_created" | "date_updated">>;');
  });

  it("reads a list page's items where the collection has no single-record response", async () => {
    const spec = parseSpec(addFixture(readFileSync(specPath, "utf8")));
    delete spec.paths["/v1/EndUsers/{Sid}"].get;
    delete spec.paths["/v1/EndUsers"].post;
    const source = await seedDataTypes(spec, mockDir);
    expect(source).toContain('"endUsers"?: Array<SeedRecord<NonNullable<paths["/v1/EndUsers"]["get"]["responses"][200]["content"]["application/json"]["results"]>[number], "sid", "account_sid" | "url" | "date_created" | "date_updated">>;');
  });
});
