// What the compiler says about the common mistakes: `for` instead of `for await` over paginate(), a list
// call without its params, and paginate() awaited instead of iterated. Each message is short and names the
// types involved (`CustomerProfile`, `CallInit<...>`, the missing `init`), instead of printing a resource's
// whole shape. The snippets are compiled with the TypeScript compiler API against the package's sources.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { snippetOptions } from "./helpers/typescript.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
// Each mistake is a module of its own, all compiled by one program (one type check of the sources for all).
const MISTAKES = {
  forOf: `  for (const profile of paginate(client, "/v1/CustomerProfiles")) console.log(profile.sid);`,
  noParams: [
    `  await client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments");`,
    `  await client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {});`,
    `  paginate(client, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments");`,
  ].join("\n"),
  awaited: [`  const profiles = await paginate(client, "/v1/CustomerProfiles");`, `  console.log(profiles.length);`, `  return profiles;`].join("\n"),
};
const fileOf = (name: string) => join(packageDir, `test/__type_errors_${name}__.ts`);
const options = snippetOptions(join(packageDir, "src/index.ts"), ["node"]);
const host = ts.createCompilerHost(options);
const read = host.getSourceFile;
const sources = new Map(
  Object.entries(MISTAKES).map(([name, body]) => {
    const code = [
      `import { createTrustHubClient, paginate } from "@trusthub/client";`,
      `import type { CustomerProfile } from "@trusthub/client";`,
      `const client = createTrustHubClient();`,
      `export async function sample(): Promise<CustomerProfile[]> {`,
      body,
      `  return [];`,
      `}`,
    ].join("\n");
    return [fileOf(name), code];
  }),
);
host.getSourceFile = (name, ...rest) => (sources.has(name) ? ts.createSourceFile(name, sources.get(name)!, ts.ScriptTarget.ES2022) : read(name, ...rest));
const program = ts.createProgram([...sources.keys()], options, host);

/** The compiler's messages for a mistake, each flattened to one line. */
function messages(name: keyof typeof MISTAKES): string[] {
  const source = program.getSourceFile(fileOf(name))!;
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) =>
    [ts.flattenDiagnosticMessageText(d.messageText, " "), ...(d.relatedInformation ?? []).map((r) => ts.flattenDiagnosticMessageText(r.messageText, " "))].join(" | "),
  );
}

// A resource printed property by property, as the compiler does for a type without a name.
const SHAPE_DUMP = /\{ sid\?:|account_sid\?:/;

describe("compiler messages for common mistakes", () => {
  it("`for` instead of `for await` over paginate(): names the item type and suggests await", () => {
    const [message, ...rest] = messages("forOf");
    expect(rest).toEqual([]);
    expect(message).toContain("AsyncGenerator<CustomerProfile, void, undefined>");
    expect(message).toMatch(/Symbol\.iterator.*Did you forget to use 'await'\?/);
    expect(message).not.toMatch(SHAPE_DUMP);
  });

  it("a list call without its params: names the missing init, or its type", () => {
    const found = messages("noParams");
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/Expected 2 arguments, but got 1\..*'init'/);
    expect(found[1]).toContain(`CallInit<"/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", "GET", never>`);
    expect(found[1]).toContain("Property 'params' is missing");
    expect(found[2]).toMatch(/Expected 3 arguments, but got 2\..*'init'/);
    for (const message of found) expect(message).not.toMatch(SHAPE_DUMP);
  });

  it("paginate() awaited instead of iterated: names the async generator of items", () => {
    const found = messages("awaited");
    expect(found).toHaveLength(2);
    expect(found[0]).toContain("'length'");
    expect(found[0]).toContain("AsyncGenerator<CustomerProfile, void, undefined>");
    expect(found[1]).toContain("AsyncGenerator<CustomerProfile, void, undefined>");
    expect(found[1]).toContain("CustomerProfile[]");
    for (const message of found) expect(message).not.toMatch(SHAPE_DUMP);
  });
});
