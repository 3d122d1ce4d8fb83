import { defineConfig } from "vitest/config";
import { shared } from "../vitest.shared.mjs";

export default defineConfig({ ...shared, test: { ...shared.test, testTimeout: 90_000, hookTimeout: 60_000 } });
