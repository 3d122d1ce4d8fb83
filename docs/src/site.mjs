// @ts-check
// The pieces of the static site: the reference's input (the spec with the code samples added), the
// Markdown pages (landing page, package READMEs) rendered to HTML, and the page frame they share.
// Nothing here loads anything from the network at view time: styles are inline and fonts are the system's.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, posix, relative, resolve } from "node:path";
import { Marked } from "marked";
import { gfmHeadingId } from "marked-gfm-heading-id";

/**
 * @typedef {import("./snippets.mjs").Snippet} Snippet
 * @typedef {import("@trusthub/spec").OpenApiDocument} OpenApiDocument
 * @typedef {{ dir: string, name: string, description: string, readme: string, page: string, repository: unknown }} PackageInfo
 */

/** Where the reference lives in the site. */
export const REFERENCE_PAGE = "reference.html";

/** The code samples of each operation, in the order the reference offers them: Redoc's `lang` and the tab label. */
export const SAMPLES = /** @type {const} */ ([
  { key: "typescript", lang: "TypeScript", label: "@trusthub/client" },
  { key: "curl", lang: "curl", label: "curl" },
]);

/**
 * The Redocly configuration of the reference page. Redoc shows only the x-codeSamples whose label (or lang)
 * is listed under codeSamples.languages, so both come from SAMPLES.
 */
export function redoclyConfig() {
  return {
    openapi: {
      // The page must make no request beyond its own origin: Redoc's in-browser telemetry is off.
      disableTelemetry: true,
      codeSamples: { languages: SAMPLES.map(({ lang, label }) => ({ lang, label })) },
    },
  };
}

/**
 * The fragment of an operation's section in the reference page (the operationId percent-encoded, so that
 * it stays one fragment wherever it is written).
 * @param {any} operation
 */
export function operationAnchor(operation) {
  return `operation/${encodeURIComponent(operation.operationId)}`;
}

/**
 * The document the reference renders: a copy of the spec with each operation's samples as Redoc
 * `x-codeSamples`, and a link back to the landing page in its introduction. The spec itself is untouched.
 * @param {OpenApiDocument} spec
 * @param {Snippet[]} snippets
 * @returns {OpenApiDocument}
 */
export function referenceDocument(spec, snippets) {
  const copy = structuredClone(spec);
  for (const snippet of snippets) {
    const operation = copy.paths[snippet.path][snippet.method.toLowerCase()];
    operation["x-codeSamples"] = SAMPLES.map(({ key, lang, label }) => ({ lang, label, source: snippet[key] }));
  }
  withoutRawHtml(copy);
  const home = "The packages, how to install them and how to run the mock: [TrustHub API client](index.html).";
  copy.info.description = [copy.info.description, home].filter(Boolean).join("\n\n");
  return copy;
}

/**
 * Redoc renders a description's Markdown with any raw HTML in it live (its `sanitize` option fails when
 * Redocly prerenders), so every `<` in a description becomes `&lt;`: Markdown still formats the text, and
 * no tag, comment or autolink starts. (Inside a code span that shows as `&lt;`; the spec has none there.)
 * @param {unknown} node
 */
function withoutRawHtml(node) {
  if (typeof node !== "object" || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "description" && typeof value === "string") /** @type {any} */ (node)[key] = value.replaceAll("<", "&lt;");
    else withoutRawHtml(value);
  }
}

/**
 * The reference page as Redocly writes it, less its one request to another origin: the Redoc logo in the
 * sidebar's "API docs by" credit is an <img> from Redocly's CDN (no option turns it off). It becomes an
 * inline SVG wordmark, so the credit stays and the page loads nothing from elsewhere. It also gets the
 * site's icon (without one the browser asks for /favicon.ico).
 * @param {string} html
 */
export function selfContainedReference(html) {
  return withIcon(html).replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g, (_, full) => {
    const text = full ? "Redocly" : "R";
    const width = full ? 62 : 12;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12" font-family="system-ui,sans-serif" font-size="13" font-weight="600" fill="#0044D4">${text}</text></svg>`;
    return `data:image/svg+xml,${encodeURIComponent(svg)}`;
  });
}

/** The site's icon, inline: a `<link>` for every page's `<head>`. */
const ICON = `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0969da"/>` +
    `<path d="M9 10h14v4h-5v10h-4V14H9z" fill="#fff"/></svg>`,
)}" />`;

/** @param {string} html */
function withIcon(html) {
  if (!/<head>/i.test(html)) throw new Error("the page has no <head> to add the icon to");
  return html.replace(/<head>/i, (head) => `${head}\n  ${ICON}`);
}

/**
 * The published packages of the workspace (`packages/*`, not private), each with its README page's name.
 * @param {string} root the repository root
 * @returns {PackageInfo[]}
 */
export function publishedPackages(root) {
  const packagesDir = join(root, "packages");
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, "package.json")))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { dir, manifest, entry };
    })
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest, entry }) => ({
      dir,
      name: String(manifest.name),
      description: String(manifest.description ?? ""),
      readme: join(dir, "README.md"),
      page: `packages/${entry.name}.html`,
      repository: manifest.repository,
    }));
}

/**
 * Markdown to HTML, GitHub-style heading ids included. Relative links are rewritten by `link` (which gets
 * the href as written and returns the one to use).
 * @param {string} markdown
 * @param {(href: string) => string} [link]
 */
export function renderMarkdown(markdown, link = (href) => href) {
  const marked = new Marked(gfmHeadingId(), {
    gfm: true,
    walkTokens(token) {
      if (token.type === "link" && !/^([a-z][a-z0-9+.-]*:|#)/i.test(token.href)) token.href = link(token.href);
    },
  });
  return /** @type {string} */ (marked.parse(markdown, { async: false }));
}

/**
 * A link rewriter for a README at `file`: links to another rendered README go to its page, anything else
 * in the repository to the file on the repository's web view (as npm shows READMEs), so none is dead.
 * @param {{ root: string, file: string, fromPage: string, pages: Map<string, string>, repositoryUrl: string | undefined }} where
 */
export function repositoryLinks({ root, file, fromPage, pages, repositoryUrl }) {
  return (/** @type {string} */ href) => {
    const [target = "", hash] = href.split("#", 2);
    const absolute = resolve(file, "..", decodeURI(target));
    const page = pages.get(absolute);
    const fragment = hash === undefined ? "" : `#${hash}`;
    if (page) return `${posix.relative(posix.dirname(fromPage), page) || posix.basename(page)}${fragment}`;
    const inRepo = relative(root, absolute).split("\\").join("/");
    if (repositoryUrl && !inRepo.startsWith("..")) return `${repositoryUrl}/blob/main/${inRepo}${fragment}`;
    return href;
  };
}

/**
 * The repository's web URL from a package.json `repository` field (`git+https://…/x.git` → `https://…/x`).
 * @param {unknown} repository
 */
export function repositoryWebUrl(repository) {
  const url = typeof repository === "string" ? repository : /** @type {any} */ (repository)?.url;
  if (typeof url !== "string") return undefined;
  return url.replace(/^git\+/, "").replace(/\.git$/, "");
}

/** @param {string} text */
export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Spec text for a Markdown page: on one line, every ASCII punctuation character as a numeric character
 * reference, so that neither Markdown (links, emphasis, table cells) nor HTML reads it as markup.
 * @param {unknown} text
 */
export function markdownText(text) {
  return String(text)
    .replace(/\s+/g, " ")
    .replace(/[!-\/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`); // the ASCII punctuation
}

/**
 * The frame of the landing and README pages: a header with the site's links, the content, inline styles.
 * @param {{ title: string, body: string, page: string, nav: Array<{ href: string, label: string }> }} args
 */
export function pageFrame({ title, body, page, nav }) {
  const up = posix.relative(posix.dirname(page), ".") || ".";
  const links = nav
    .map(({ href, label }) => {
      const target = posix.join(up, href);
      const current = href === page ? ` aria-current="page"` : "";
      return `<a href="${escapeHtml(target)}"${current}>${escapeHtml(label)}</a>`;
    })
    .join("\n        ");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    ${ICON}
    <style>${STYLE}</style>
  </head>
  <body>
    <header>
      <nav>
        ${links}
      </nav>
    </header>
    <main>
${body}
    </main>
  </body>
</html>
`;
}

const STYLE = `
  :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --code-bg: #f6f8fa; --border: #d1d9e0; --link: #0969da; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --code-bg: #151b23; --border: #3d444d; --link: #4493f8; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
  header { border-bottom: 1px solid var(--border); }
  nav { max-width: 60rem; margin: 0 auto; padding: 0.75rem 1.5rem; display: flex; gap: 1.25rem; flex-wrap: wrap; }
  nav a { color: var(--fg); text-decoration: none; font-weight: 500; }
  nav a[aria-current="page"] { color: var(--link); }
  main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
  a { color: var(--link); }
  h1, h2, h3 { line-height: 1.25; margin-top: 2rem; }
  h1 { margin-top: 1rem; padding-bottom: 0.3em; border-bottom: 1px solid var(--border); }
  h2 { padding-bottom: 0.3em; border-bottom: 1px solid var(--border); }
  code { font: 0.875em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; background: var(--code-bg); padding: 0.15em 0.35em; border-radius: 6px; }
  pre { background: var(--code-bg); padding: 1rem; border-radius: 6px; overflow-x: auto; }
  pre code { padding: 0; background: none; }
  table { border-collapse: collapse; display: block; overflow-x: auto; margin: 1rem 0; }
  th, td { border: 1px solid var(--border); padding: 0.4rem 0.75rem; text-align: left; vertical-align: top; }
  th { background: var(--code-bg); }
  blockquote { margin: 0; padding: 0 1rem; color: var(--muted); border-left: 0.25em solid var(--border); }
`;
