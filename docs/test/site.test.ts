// The built site (docs/dist, from `pnpm run docs`) in headless Chromium, served from 127.0.0.1: the reference
// renders every operation of the spec at its operationId, with its parameters, form fields and responses
// and both code samples exactly as generated (the same text `pnpm typecheck` compiles); the landing page
// reaches every package README and operation; no page logs a console error or asks for anything outside
// 127.0.0.1. Screenshots go to test-results/. Without Chromium the suite is skipped, except under CI, where
// it fails.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deref, listOperations, loadSpec } from "@trusthub/spec";
import { parametersOf, snippetsFor } from "../src/snippets.mjs";
import { REFERENCE_PAGE, SAMPLES, operationAnchor, publishedPackages } from "../src/site.mjs";
import { chromiumFound, chromiumPath, openSite, type SiteSession } from "./browser.js";

const docsDir = fileURLToPath(new URL("..", import.meta.url));
const dist = join(docsDir, "dist");
const resultsDir = join(docsDir, "test-results");
const inCi = !!process.env.CI && !["0", "false"].includes(process.env.CI.toLowerCase());

const spec = loadSpec();
const operations = listOperations(spec);
const snippets = await snippetsFor(spec);
const packages = publishedPackages(join(docsDir, ".."));

describe.skipIf(!chromiumFound && !inCi)("the docs site in Chromium", () => {
  let opened: SiteSession | undefined;
  const missingSetup = !chromiumFound
    ? `no Chromium at ${chromiumPath}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`
    : !existsSync(join(dist, REFERENCE_PAGE))
      ? `no site in ${dist}: run \`pnpm run docs\` first`
      : undefined;
  /** The open session; without Chromium or a built site every test fails with the reason (never skips in CI). */
  const session = () => {
    if (!opened) throw new Error(missingSetup ?? "the browser did not start");
    return opened;
  };

  beforeAll(async () => {
    if (missingSetup) return;
    mkdirSync(resultsDir, { recursive: true });
    opened = await openSite(dist);
  });

  afterAll(async () => {
    await opened?.close();
  });

  /** Opens an operation the way the landing page links it; resolves to its section in the reference. */
  async function openOperation(operation: { operationId: string }) {
    const { page, base } = session();
    await page.goto(`${base}${REFERENCE_PAGE}#${operationAnchor(operation)}`);
    // Redoc moves the old-style anchor to its own route, which ends with the lowercased operationId.
    const suffix = `/${operation.operationId.toLowerCase()}`;
    await page.waitForURL((url) => url.hash.endsWith(suffix));
    const id = new URL(page.url()).hash.slice(2);
    const section = page.locator(`[id="${id}"]`);
    await section.waitFor();
    return section;
  }

  /** Whether a <pre> in `section` shows exactly `code`, polling while Redoc renders (`timeoutMs` only stops a hang: a busy machine renders slowly). */
  async function showsCode(section: Awaited<ReturnType<typeof openOperation>>, code: string, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const texts = await section.locator("pre").evaluateAll((pres) => pres.map((pre) => pre.textContent ?? ""));
      if (texts.some((text) => text.trimEnd() === code.trimEnd())) return true;
      if (Date.now() > deadline) return false;
      await session().page.waitForTimeout(100);
    }
  }

  it("the reference renders every operation at its operationId, with its parameters, form fields and responses", async () => {
    const missing: string[] = [];
    for (const { path, operation, pathItem } of operations) {
      const section = await openOperation(operation);
      const heading = (await section.getByRole("heading", { level: 2 }).first().textContent())?.trim();
      if (heading !== operation.summary) missing.push(`${operation.operationId}: heading ${JSON.stringify(heading)}`);
      const text = await section.innerText();
      const body = deref(spec, operation.requestBody);
      const bodySchema = deref(spec, (Object.values(body?.content ?? {})[0] as any)?.schema);
      const expected = [
        ...parametersOf(spec, pathItem, operation).map((p) => p.name as string),
        ...Object.keys(bodySchema?.properties ?? {}),
        ...Object.keys(operation.responses ?? {}),
        path,
      ];
      for (const word of expected) if (!text.includes(word)) missing.push(`${operation.operationId}: ${word}`);
    }
    expect({ missing, problems: session().takeProblems() }).toEqual({ missing: [], problems: [] });
  });

  it(`the reference shows each operation's ${SAMPLES[0].label} sample exactly as generated`, async () => {
    const missing: string[] = [];
    for (const snippet of snippets) {
      const section = await openOperation(snippet);
      if (!(await showsCode(section, snippet.typescript))) missing.push(snippet.operationId);
      if (snippet === snippets.find((s) => s.method === "POST")) {
        const screenshot = join(resultsDir, "reference.png");
        await session().page.screenshot({ path: screenshot });
        console.info(`screenshot of the reference: ${relative(join(docsDir, ".."), screenshot)}`);
      }
    }
    expect({ missing, problems: session().takeProblems() }).toEqual({ missing: [], problems: [] });
  });

  it(`the reference shows each operation's ${SAMPLES[1].label} sample once that tab is chosen`, async () => {
    const { page } = session();
    await openOperation(snippets[0]!);
    await page.getByRole("button", { name: SAMPLES[0].label }).first().click();
    await page.getByRole("menuitem", { name: SAMPLES[1].label, exact: true }).click();
    const missing: string[] = [];
    for (const snippet of snippets) {
      const section = await openOperation(snippet);
      if (!(await showsCode(section, snippet.curl))) missing.push(snippet.operationId);
    }
    expect({ missing, problems: session().takeProblems() }).toEqual({ missing: [], problems: [] });
  });

  it("the reference's introduction links back to the landing page", async () => {
    const { page, base } = session();
    await page.goto(`${base}${REFERENCE_PAGE}`);
    await page.locator('a[href="index.html"]').first().click();
    await page.waitForURL(`${base}index.html`);
    expect(session().takeProblems()).toEqual([]);
  });

  it("the landing page says what each package is and links its README and every operation; its links resolve", async () => {
    const { page, base } = session();
    await page.goto(`${base}index.html`);
    const text = await page.locator("main").innerText();
    const missing: string[] = [];
    for (const p of packages) {
      if (!text.includes(p.description)) missing.push(`${p.name}: its description`);
      if ((await page.locator(`main a[href="${p.page}"]`).count()) === 0) missing.push(`${p.name}: a link to ${p.page}`);
    }
    for (const { operation } of operations) {
      const href = `${REFERENCE_PAGE}#${operationAnchor(operation)}`;
      if ((await page.locator(`main a[href="${href}"]`).count()) === 0) missing.push(`${operation.operationId}: a link to ${href}`);
    }
    missing.push(...(await brokenLocalLinks()));
    await page.screenshot({ path: join(resultsDir, "landing.png"), fullPage: true });
    expect({ missing, problems: session().takeProblems() }).toEqual({ missing: [], problems: [] });
  });

  it("each package's README page renders its README, and its links resolve (in-page ones to a heading)", async () => {
    const { page, base } = session();
    const missing: string[] = [];
    for (const p of packages) {
      await page.goto(`${base}${p.page}`);
      const title = /^#\s+(.+)$/m.exec(readFileSync(p.readme, "utf8"))?.[1];
      const heading = (await page.locator("main h1").first().textContent())?.trim();
      if (!title || heading !== title) missing.push(`${p.page}: heading ${JSON.stringify(heading)}, README title ${JSON.stringify(title)}`);
      missing.push(...(await brokenLocalLinks()));
    }
    expect({ missing, problems: session().takeProblems() }).toEqual({ missing: [], problems: [] });
  });

  /** The page's links into the site that answer other than 200, or point at a fragment the page lacks. */
  async function brokenLocalLinks() {
    const { page, base } = session();
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const broken: string[] = [];
    for (const href of new Set(hrefs.filter((h) => h.startsWith(base)))) {
      const url = new URL(href);
      const samePage = url.pathname === new URL(page.url()).pathname;
      if (samePage && url.hash) {
        const id = decodeURIComponent(url.hash.slice(1));
        if ((await page.locator(`[id="${id.replace(/"/g, '\\"')}"]`).count()) === 0) broken.push(`${href}: no element with that id`);
        continue;
      }
      const response = await page.request.get(href);
      if (response.status() !== 200) broken.push(`${href}: ${response.status()}`);
    }
    return broken;
  }
});
