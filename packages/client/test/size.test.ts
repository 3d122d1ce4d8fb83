// Size budget: what a consumer's bundle pays for the client, openapi-fetch included (esbuild, minified,
// gzip -9), measured on the built package as published. Prints the figures; fails above the budget.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { expect, it } from "vitest";

// The budget is 8 KB for one call (the project's budget: readable code over saved bytes beyond it);
// every export together stays within 9 KB.
const BUDGET_ONE_CALL = 8 * 1024;
const BUDGET_FULL_API = 9 * 1024;

const programs = {
  "one call (createTrustHubClient + GET + unwrap)": `import { createTrustHubClient, unwrap } from "@trusthub/client";
const client = createTrustHubClient();
console.log(await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: process.argv[2] } } })));`,
  "full API (every export)": `export * from "@trusthub/client";`,
};

async function gzippedSize(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir: new URL(".", import.meta.url).pathname, loader: "js" },
    bundle: true, minify: true, format: "esm", platform: "node", write: false, logLevel: "error",
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

it("stays within the size budget", async () => {
  const [one, all] = await Promise.all(Object.values(programs).map(gzippedSize));
  const names = Object.keys(programs);
  for (const [i, size] of [one!, all!].entries()) {
    console.log(`size: ${names[i]}: ${size.minified} B minified, ${size.gzipped} B gzipped`);
  }
  expect(one!.gzipped).toBeLessThanOrEqual(BUDGET_ONE_CALL);
  expect(all!.gzipped).toBeLessThanOrEqual(BUDGET_FULL_API);
  expect(one!.gzipped).toBeLessThan(all!.gzipped); // tree-shaking works: paginate is not in a one-call bundle
});
