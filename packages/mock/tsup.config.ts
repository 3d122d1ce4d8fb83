import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";

/** Where dist/prism.cjs's bundled packages keep their licenses, for whoever receives the package. */
const LICENSES = "dist/THIRD-PARTY-LICENSES.txt";

/**
 * The license and notice texts of every package the bundle holds (Prism's are Apache-2.0, which asks that
 * its text and any NOTICE go along), by name and version, from the package folders of `inputs`.
 */
function bundledLicenses(inputs: string[]): string {
  const folders = new Set(inputs.map((input) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]).filter((f): f is string => f !== undefined));
  const sections = new Map<string, string>();
  for (const folder of folders) {
    const { name, version, license } = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { name: string; version: string; license?: unknown };
    const texts = readdirSync(folder)
      .filter((file) => /^(licen[cs]e|notice|copying)/i.test(file))
      .sort()
      .map((file) => readFileSync(join(folder, file), "utf8").trim());
    const declared = typeof license === "string" ? license : JSON.stringify(license ?? "none declared");
    sections.set(`${name}@${version}`, `${name} ${version} (${declared})\n\n${texts.join("\n\n") || `(the package has no license file; its package.json says ${declared})`}`);
  }
  const sorted = [...sections].sort(([a], [b]) => a.localeCompare(b)).map(([, text]) => text);
  return `dist/prism.cjs bundles the packages below, each under its own license, whose text follows its name.\n\n${sorted.map((text) => `${"=".repeat(80)}\n${text}\n`).join("\n")}`;
}

/**
 * Packages @stoplight/prism-http requires at its start but uses on some paths only, and what to load in
 * their place on first use: faker (dynamic mode; its English locale only, Prism's language), lodash/fp
 * (`set`, on refused credentials), node-fetch and the proxy agents (Prism's proxy and callbacks; the store
 * is called directly).
 */
const LOADED_WHEN_USED: Record<string, string> = {
  "@faker-js/faker": "@faker-js/faker/locale/en",
  "lodash/fp": "lodash/fp",
  "node-fetch": "node-fetch",
  "http-proxy-agent": "http-proxy-agent",
  "https-proxy-agent": "https-proxy-agent",
};

/**
 * Fails the build unless `importer` binds `specifier` with one `const x = require(…)` and reads `x` only as
 * `x.name` inside functions (an indented line, or after an arrow): a stand-in read at the module's start
 * would load the package at start, and one used otherwise would not be the package.
 */
function readOnlyInFunctions(importer: string, specifier: string): void {
  const source = readFileSync(importer, "utf8");
  const binding = new RegExp(`^const (\\w+) = require\\("${specifier}"\\);$`, "m").exec(source)?.[1];
  const uses = binding ? source.split("\n").filter((line) => new RegExp(`\\b${binding}\\b`).test(line) && !line.startsWith(`const ${binding} =`)) : [];
  const early = uses.find((line) => {
    const before = line.slice(0, line.search(new RegExp(`\\b${binding}\\b`)));
    return (!/^\s/.test(line) && !before.includes("=>")) || new RegExp(`\\b${binding}\\b(?!\\.\\w)`).test(line);
  });
  if (!binding || uses.length === 0 || early !== undefined) {
    throw new Error(`${importer}: ${specifier} is not read as expected (${early?.trim() ?? "no const … = require() or no use"}); Prism changed, review LOADED_WHEN_USED`);
  }
}

export default defineConfig([
  {
    // src/spec.ts: for the build's own scripts/bundle-spec.mjs, which resolves the bundled spec once.
    entry: ["src/index.ts", "src/cli.ts", "src/server-process.ts", "src/in-process.ts", "src/msw.ts", "src/undici.ts", "src/spec.ts"],
    format: ["esm"],
    dts: { entry: ["src/index.ts", "src/in-process.ts", "src/msw.ts", "src/undici.ts"] },
    target: "node20",
    esbuildPlugins: [
      {
        // Prism is built on its own (below, dist/prism.cjs) and loaded at run time (src/prism-loader.ts);
        // ./prism.js is what the loader imports when run from the source, where there is no bundle.
        name: "prism-bundle-stays-apart",
        setup(build) {
          build.onResolve({ filter: /^\.\/prism\.js$/ }, () => ({ path: "./prism.js", external: true }));
        },
      },
    ],
  },
  {
    // Prism and every package it needs in one file: a mock reads one module at start instead of about a
    // thousand. CommonJS, which Node can compile from V8's code cache (src/prism-loader.ts).
    entry: { prism: "src/prism.ts" },
    format: ["cjs"],
    target: "node20",
    platform: "node",
    noExternal: [/.*/],
    // Minified, it is read and compiled in a fifth less time at each start.
    minify: true,
    esbuildOptions(options) {
      // CommonJS builds first, as Node itself reads these packages (some ES builds assume a bundler).
      options.mainFields = ["main", "module"];
      // ASCII only (other characters escaped): Node reads and V8 compiles a one-byte file faster.
      options.charset = "ascii";
    },
    esbuildPlugins: [
      {
        // jsonc-parser's UMD build hides its requires from a bundler; its ES module does not.
        name: "jsonc-parser-as-module",
        setup(build) {
          build.onResolve({ filter: /^jsonc-parser$/ }, (args) => {
            const pkgFile = createRequire(args.importer).resolve("jsonc-parser/package.json");
            const { module } = JSON.parse(readFileSync(pkgFile, "utf8")) as { module: string };
            return { path: join(dirname(pkgFile), module) };
          });
        },
      },
      {
        name: "bundled-licenses",
        setup(build) {
          build.initialOptions.metafile = true;
          const root = build.initialOptions.absWorkingDir ?? process.cwd();
          build.onEnd((result) => {
            if (result.errors.length > 0 || !result.metafile) return;
            writeFileSync(LICENSES, bundledLicenses(Object.keys(result.metafile.inputs).map((input) => resolve(root, input))));
          });
        },
      },
      {
        // Prism makes six Ajv instances when loaded (three drafts, with and without type coercion); a spec
        // uses one draft. Each is made on its first use instead. And Prism's Ajv checks each schema against
        // its draft's meta-schema before compiling it, skipping validation for one that fails: compiling the
        // meta-schema was a good part of a mock's first answer. Without the check a schema the meta-schema
        // refuses is compiled as far as Ajv can, and the same specs validate.
        name: "prism-ajv-when-used",
        setup(build) {
          build.onLoad({ filter: /@stoplight[\\/]prism-http[\\/]dist[\\/]validator[\\/]validators[\\/]utils\.js$/ }, (args) => {
            const source = readFileSync(args.path, "utf8");
            const options = "const baseAjvOptions = {";
            const instances = /^ {4}(\w+): createAjvInstances\(([\w.]+)\),$/gm;
            const drafts = source.match(instances)?.length ?? 0;
            if (!source.includes(options) || drafts !== 3) throw new Error(`${args.path}: expected "${options}" and three "draft: createAjvInstances(Ajv)," lines (found ${drafts}); Prism changed, review this patch`);
            const contents = source
              .replace(options, `${options} validateSchema: false,`)
              .replace(instances, (_, draft: string, ajv: string) => `    get ${draft}() { const value = createAjvInstances(${ajv}); Object.defineProperty(this, "${draft}", { value }); return value; },`);
            return { contents, loader: "js" };
          });
        },
      },
      {
        // Packages Prism loads with itself but uses on some paths only: each gets a stand-in that loads it
        // on the first read of one of its exports.
        name: "loaded-when-used",
        setup(build) {
          const specifiers = new RegExp(`^(${Object.keys(LOADED_WHEN_USED).map((s) => s.replace(/[/.]/g, "\\$&")).join("|")})$`);
          build.onResolve({ filter: specifiers }, (args) => {
            if (args.namespace === "loaded-when-used" || !/[\\/]@stoplight[\\/]prism-http[\\/]/.test(args.importer)) return undefined;
            readOnlyInFunctions(args.importer, args.path);
            return { path: args.path, namespace: "loaded-when-used", pluginData: { resolveDir: dirname(args.importer) } };
          });
          build.onLoad({ filter: /.*/, namespace: "loaded-when-used" }, (args) => ({
            contents: `let loaded;\nmodule.exports = new Proxy({}, { get: (_, name) => (loaded ??= require(${JSON.stringify(LOADED_WHEN_USED[args.path])}))[name] });`,
            loader: "js",
            resolveDir: (args.pluginData as { resolveDir: string }).resolveDir,
          }));
        },
      },
      {
        name: "openapi-only",
        setup(build) {
          build.onResolve({ filter: /^@stoplight\/http-spec\/postman\/operation$/ }, () => ({ path: fileURLToPath(new URL("scripts/no-postman.cjs", import.meta.url)) }));
        },
      },
    ],
  },
]);
