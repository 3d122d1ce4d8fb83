// Spec text stays text in the built site: `pnpm run docs` on a spec whose title, version, summaries,
// descriptions, operationIds and paths carry HTML and Markdown (script, an event handler, a javascript:
// link, a closing </script>) writes pages in which none of it is markup. Each page is parsed as a browser
// would (parse5, the HTML standard's parser); the reference, which Redoc renders in the browser from the
// spec's Markdown, is also checked in Chromium after it rendered (skipped without Chromium, except in CI).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOperations, loadSpec } from "@trusthub/spec";
import { REFERENCE_PAGE, operationAnchor } from "../src/site.mjs";
import { chromiumFound, openSite } from "./browser.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const inCi = !!process.env.CI && !["0", "false"].includes(process.env.CI.toLowerCase());
const build = fileURLToPath(new URL("../scripts/build.mjs", import.meta.url));
const MARKER = "injected";

/** Text that is markup in HTML and in Markdown; anything it makes live carries MARKER in a tag or attribute name. */
const hostile = (field: string) =>
  `${field} <script ${MARKER}>alert(1)</script> <img src=x onerror=alert(1) ${MARKER}> <${MARKER}-element></${MARKER}-element> ` +
  `[link](javascript:alert(1)) </script><script ${MARKER}>alert(2)</script> <!-- | *emphasis* \`code\``;

/** The TrustHub spec with hostile text in every place the site shows (its operations keep their shape). */
function hostileSpec() {
  const spec = loadSpec();
  const descriptions = (node: any) => {
    if (typeof node !== "object" || node === null) return;
    if (typeof node.description === "string") node.description = hostile("description");
    Object.values(node).forEach(descriptions);
  };
  descriptions(spec); // parameters, bodies, schemas, responses, examples
  spec.info.title = hostile("title");
  spec.info.version = hostile("version");
  spec.info.description = hostile("info");
  for (const tag of spec.tags ?? []) tag.description = hostile("tag");
  for (const [n, { operation }] of listOperations(spec).entries()) {
    operation.summary = hostile("summary");
    operation.description = hostile("opdescription");
    operation.operationId = `${hostile("operationId")} ${n}`; // each unique
  }
  return spec;
}

/** What of the hostile text is live among `elements`: its tags and attributes, any event handler, any javascript: URL. */
function liveMarkup(all: Array<{ tag: string; attributes: Array<[string, string]> }>): string[] {
  const live: string[] = [];
  for (const { tag, attributes } of all) {
    if (tag.includes(MARKER)) live.push(`<${tag}>`);
    for (const [name, value] of attributes) {
      if (name.includes(MARKER) || name.startsWith("on")) live.push(`<${tag} ${name}>`);
      if (["href", "src", "action", "formaction"].includes(name) && /^\s*javascript:/i.test(value)) live.push(`<${tag} ${name}="${value}">`);
    }
  }
  return live;
}

/** Every element of a parsed page. */
function elements(node: Node, out: Element[] = []): Element[] {
  if ("tagName" in node) out.push(node);
  const children = "childNodes" in node ? node.childNodes : [];
  for (const child of children) elements(child, out);
  if ("content" in node && node.content) elements(node.content as Node, out); // <template>
  return out;
}
const text = (node: Node): string =>
  "value" in node && node.nodeName === "#text" ? node.value : "childNodes" in node ? node.childNodes.map(text).join("") : "";

describe("the site built from a spec with hostile text", () => {
  let dist: string;
  let spec: ReturnType<typeof hostileSpec>;
  const pages = new Map<string, Element[]>();

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "docs-spec-text-"));
    spec = hostileSpec();
    writeFileSync(join(dir, "openapi.json"), JSON.stringify(spec));
    dist = join(dir, "dist");
    execFileSync("node", [build, "--spec", join(dir, "openapi.json"), "--out", dist], { stdio: "pipe" });
    for (const file of readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"))) {
      pages.set(file, elements(parse(readFileSync(join(dist, file), "utf8"))));
    }
  });
  afterAll(() => dist && rmSync(join(dist, ".."), { recursive: true, force: true }));

  it("has no element, attribute, event handler or javascript: URL from it on any page", () => {
    expect([...pages.keys()]).toEqual(expect.arrayContaining(["index.html", REFERENCE_PAGE]));
    const live = [...pages].flatMap(([file, all]) =>
      liveMarkup(all.map((e) => ({ tag: e.tagName, attributes: e.attrs.map(({ name, value }) => [name, value] as [string, string]) }))).map((found) => `${file}: ${found}`),
    );
    expect(live).toEqual([]);
  });

  it.skipIf(!chromiumFound && !inCi)("has none in the reference once Redoc rendered the spec's Markdown in Chromium", async () => {
    const session = await openSite(dist);
    try {
      const live: string[] = [];
      for (const { operation } of listOperations(spec)) {
        await session.page.goto(`${session.base}${REFERENCE_PAGE}#${operationAnchor(operation)}`);
        // Rendered: the operation's description is on the page.
        await session.page.getByText("opdescription").first().waitFor({ timeout: 60_000 });
        const rendered = await session.page.evaluate(() =>
          [...document.querySelectorAll("*")].map((e) => ({ tag: e.tagName.toLowerCase(), attributes: [...e.attributes].map((a) => [a.name, a.value] as [string, string]) })),
        );
        live.push(...liveMarkup(rendered).map((found) => `${operation.operationId}: ${found}`));
      }
      expect({ live, problems: session.takeProblems() }).toEqual({ live: [], problems: [] });
    } finally {
      await session.close();
    }
  });

  it("shows the texts on the landing page as text: the title and each operation's summary, linked to its section", () => {
    const landing = pages.get("index.html")!;
    expect(text(landing.find((e) => e.tagName === "title")!)).toBe(`${spec.info.title}: TypeScript client`);
    const main = landing.find((e) => e.tagName === "main")!;
    expect(text(main)).toContain(`(${spec.info.title}, version ${spec.info.version})`);
    const links = elements(main).filter((e) => e.tagName === "a" && e.attrs.some((a) => a.name === "href" && a.value.startsWith("reference.html#")));
    expect(links.map((a) => [text(a), a.attrs.find((x) => x.name === "href")!.value])).toEqual(
      listOperations(spec).map(({ operation }) => [operation.summary, `reference.html#operation/${encodeURIComponent(operation.operationId)}`]),
    );
  });
});
