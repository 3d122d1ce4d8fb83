import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";

/** Resolves as @stoplight/prism-http does (its faker is not ours). */
const fromPrism = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));

export default defineConfig([
  {
    entry: ["src/index.ts", "src/cli.ts", "src/server-process.ts", "src/in-process.ts", "src/msw.ts", "src/undici.ts"],
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
    esbuildOptions(options) {
      // CommonJS builds first, as Node itself reads these packages (some ES builds assume a bundler).
      options.mainFields = ["main", "module"];
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
        name: "openapi-only",
        setup(build) {
          build.onResolve({ filter: /^@stoplight\/http-spec\/postman\/operation$/ }, () => ({ path: fileURLToPath(new URL("scripts/no-postman.cjs", import.meta.url)) }));
        },
      },
    ],
  },
]);
