#!/usr/bin/env node
// `pnpm run docs` (turbo task `docs`): builds the static site into docs/dist from the spec.
//   build.mjs [--spec FILE] [--out DIR]   another spec or folder (the tests build hostile specs)
//   dist/index.html            landing page (content/index.md + the packages and operations, derived)
//   dist/reference.html        the API reference: Redoc via Redocly CLI, its scripts inlined (no CDN)
//   dist/openapi.json          the spec as the reference shows it, code samples added (x-codeSamples)
//   dist/packages/<name>.html  each published package's README
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { listOperations, loadSpec, specPath } from "@trusthub/spec";
import { snippetsFor } from "../src/snippets.mjs";
import {
  REFERENCE_PAGE,
  operationAnchor,
  markdownText,
  pageFrame,
  redoclyConfig,
  publishedPackages,
  renderMarkdown,
  repositoryLinks,
  repositoryWebUrl,
  selfContainedReference,
  referenceDocument,
} from "../src/site.mjs";

const started = performance.now();
const docsDir = fileURLToPath(new URL("..", import.meta.url));
const root = join(docsDir, "..");
const { values: options } = parseArgs({ options: { spec: { type: "string", default: specPath }, out: { type: "string", default: join(docsDir, "dist") } } });
const dist = resolve(options.out);

const spec = loadSpec(resolve(options.spec));
const snippets = await snippetsFor(spec);
const packages = publishedPackages(root);
const repositoryUrl = repositoryWebUrl(packages.find((p) => p.repository)?.repository);

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "packages"), { recursive: true });

// The reference.
const bundledSpec = join(dist, "openapi.json");
writeFileSync(bundledSpec, JSON.stringify(referenceDocument(spec, snippets), null, 2) + "\n");
const redocly = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin/cli.js");
const configDir = mkdtempSync(join(tmpdir(), "trusthub-docs-"));
const config = join(configDir, "redocly.yaml");
writeFileSync(config, JSON.stringify(redoclyConfig(), null, 2)); // JSON is YAML
try {
  execFileSync(
    process.execPath,
    [redocly, "build-docs", bundledSpec, "--config", config, "--inlineBundle", "--output", join(dist, REFERENCE_PAGE), "--title", `${spec.info.title} API reference`],
    { cwd: docsDir, env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_UPDATE_NOTIFIER: "1" }, stdio: "pipe" },
  );
} catch (error) {
  const e = /** @type {{ stdout?: Buffer, stderr?: Buffer }} */ (error);
  process.stderr.write(`${e.stdout ?? ""}${e.stderr ?? ""}`);
  throw new Error("redocly build-docs failed");
} finally {
  rmSync(configDir, { recursive: true, force: true });
}
const referenceFile = join(dist, REFERENCE_PAGE);
writeFileSync(referenceFile, selfContainedReference(readFileSync(referenceFile, "utf8")));

// The package READMEs, their links between each other kept inside the site.
const nav = [
  { href: "index.html", label: "TrustHub API client" },
  { href: REFERENCE_PAGE, label: "API reference" },
  ...packages.map((p) => ({ href: p.page, label: p.name })),
];
const readmePages = new Map(packages.map((p) => [p.readme, p.page]));
for (const p of packages) {
  const link = repositoryLinks({ root, file: p.readme, fromPage: p.page, pages: readmePages, repositoryUrl });
  const body = renderMarkdown(readFileSync(p.readme, "utf8"), link);
  writeFileSync(join(dist, p.page), pageFrame({ title: `${p.name}: README`, body, page: p.page, nav }));
}

// The landing page: its text is content/index.md; the tables come from the workspace and the spec.
const packageTable = [
  "| package | what it is | install |",
  "| --- | --- | --- |",
  ...packages.map((p) => `| [\`${p.name}\`](${p.page}) | ${p.description} | \`npm install ${p.name}\` |`),
].join("\n");
const operationTable = [
  "| operation | method | path |",
  "| --- | --- | --- |",
  ...listOperations(spec).map(
    ({ method, path, operation }) =>
      `| [${markdownText(operation.summary ?? operation.operationId)}](${REFERENCE_PAGE}#${operationAnchor(operation)}) | \`${method.toUpperCase()}\` | <code>${markdownText(path)}</code> |`,
  ),
].join("\n");
const landing = readFileSync(join(docsDir, "content/index.md"), "utf8")
  .replace("<!-- packages -->", packageTable)
  .replace("<!-- operations -->", operationTable)
  .replaceAll("<!-- spec-title -->", markdownText(spec.info.title))
  .replaceAll("<!-- spec-version -->", markdownText(spec.info.version));
writeFileSync(
  join(dist, "index.html"),
  pageFrame({ title: `${spec.info.title}: TypeScript client`, body: renderMarkdown(landing), page: "index.html", nav }),
);

const files = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
const bytes = files.reduce((sum, f) => sum + statSync(join(f.parentPath, f.name)).size, 0);
const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `built ${relative(root, dist).startsWith("..") ? dist : relative(root, dist)} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${files.length} files, ${kib(bytes)} ` +
    `(${REFERENCE_PAGE} ${kib(statSync(join(dist, REFERENCE_PAGE)).size)}), ${snippets.length} operations with samples`,
);
