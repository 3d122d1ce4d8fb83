import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { shared } from "../../vitest.shared.mjs";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

export default defineConfig({
  ...shared,
  define: { __CLIENT_VERSION__: JSON.stringify(version) },
  test: { ...shared.test, typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] } },
});
