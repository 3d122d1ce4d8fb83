// One headless Chromium (Debian's, driven by playwright-core) on the built site, served from 127.0.0.1,
// that records every problem a visitor would hit: a console error, an uncaught exception, a failed local
// response, and any request for something outside the site's own origin (which is aborted, never sent).
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { serveStatic } from "../src/serve.mjs";

export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const chromiumFound = existsSync(chromiumPath);

export interface SiteSession {
  page: Page;
  /** The site's base URL, `http://127.0.0.1:<port>/`. */
  base: string;
  /** The problems recorded since the last call (and forgets them; a URL outside is reported once per session). */
  takeProblems(): string[];
  close(): Promise<void>;
}

export async function openSite(dist: string): Promise<SiteSession> {
  const server = await serveStatic(dist);
  const origin = new URL(server.url).origin;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      timeout: 120_000,
      // Without these Chromium phones home at start (and this machine's closed network refuses it).
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-gpu"],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: "light", serviceWorkers: "block" });
    const problems: string[] = [];
    const outside = new Set<string>();
    const requestedOutside = (url: string) => {
      if (!outside.has(url)) problems.push(`request outside ${origin}: ${url}`);
      outside.add(url);
    };
    const isLocal = (url: string) => url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:") || new URL(url).origin === origin;
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      requestedOutside(url);
      return route.abort("blockedbyclient");
    });
    context.on("request", (request) => {
      if (!isLocal(request.url())) requestedOutside(request.url());
    });
    const page = await context.newPage();
    // Hang guards only: Chromium on a busy 2-core machine renders slowly.
    page.setDefaultTimeout(120_000);
    page.setDefaultNavigationTimeout(120_000);
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => problems.push(`uncaught exception on ${page.url()}: ${error.message}`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
    });
    const opened = browser;
    return {
      page,
      base: server.url,
      takeProblems: () => problems.splice(0),
      close: async () => {
        await opened.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}
