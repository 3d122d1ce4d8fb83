import { defineConfig } from "vitest/config";
import { shared } from "../../vitest.shared.mjs";

export default defineConfig({ ...shared, test: { ...shared.test, testTimeout: 60_000, hookTimeout: 120_000 } });
