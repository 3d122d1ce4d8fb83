import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";

/** Where dist/prism.js's bundled packages keep their licenses, for whoever receives the package. */
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
  return `dist/prism.js bundles the packages below, each under its own license, whose text follows its name.\n\n${sorted.map((text) => `${"=".repeat(80)}\n${text}\n`).join("\n")}`;
}

/** Resolves as @stoplight/prism-http does (its faker is not ours). */
const fromPrism = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));

export default defineConfig([
  {
    // src/spec.ts: for the build's own scripts/bundle-spec.mjs, which resolves the bundled spec once.
    entry: ["src/index.ts", "src/cli.ts", "src/server-process.ts", "src/in-process.ts", "src/msw.ts", "src/undici.ts", "src/spec.ts"],
    format: ["esm"],
    dts: { entry: ["src/index.ts", "src/in-process.ts", "src/msw.ts", "src/undici.ts"] },
    target: "node20",
    esbuildPlugins: [
      {
        // dist/prism.js is built on its own (below) and loaded at run time.
        name: "prism-bundle-stays-apart",
        setup(build) {
          build.onResolve({ filter: /^\.\/prism\.js$/ }, () => ({ path: "./prism.js", external: true }));
        },
      },
    ],
  },
  {
    // Prism and every package it needs in one file: a mock reads one module at start instead of about a
    // thousand. Only the English locale of faker (what Prism uses) goes in, loaded when first used.
    entry: { prism: "src/prism.ts" },
    format: ["esm"],
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
      // The CommonJS packages inside call require() for Node's own modules. `var`: a module runner that
      // wraps modules in a function with a `require` parameter (vite-node) may redeclare it.
      options.banner = { js: "import { createRequire as __createRequire } from 'node:module'; var require = __createRequire(import.meta.url);" };
    },
    esbuildPlugins: [
      {
        name: "faker-english-on-demand",
        setup(build) {
          build.onResolve({ filter: /^@faker-js\/faker$/ }, (args) =>
            /prism-http/.test(args.importer) ? { path: fileURLToPath(new URL("scripts/faker-on-demand.cjs", import.meta.url)) } : undefined,
          );
          build.onResolve({ filter: /^@faker-js\/faker\/locale\/en$/ }, () => ({ path: fromPrism.resolve("@faker-js/faker/locale/en") }));
        },
      },
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
        // Prism's Ajv checks each schema against its draft's meta-schema before compiling it, and skips
        // validation for one that fails. Compiling the meta-schema is a good part of a mock's first answer;
        // without it a schema the meta-schema refuses is compiled as far as Ajv can, and the same specs validate.
        name: "ajv-without-meta-schema-check",
        setup(build) {
          build.onLoad({ filter: /@stoplight[\\/]prism-http[\\/]dist[\\/]validator[\\/]validators[\\/]utils\.js$/ }, (args) => {
            const source = readFileSync(args.path, "utf8");
            const options = "const baseAjvOptions = {";
            if (!source.includes(options)) throw new Error(`${args.path}: no "${options}" to add validateSchema: false to`);
            return { contents: source.replace(options, `${options} validateSchema: false,`), loader: "js" };
          });
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
