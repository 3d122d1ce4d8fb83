import { defineConfig } from "vitest/config";
import { shared } from "../../vitest.shared.mjs";

// npm installs from the registry and Prism start-ups: minutes, not seconds, on a 2-core machine.
export default defineConfig({ ...shared, test: { ...shared.test, testTimeout: 300_000, hookTimeout: 600_000 } });
