import { defineConfig } from "vitest/config";
import { shared } from "../../vitest.shared.mjs";

// One scratch copy of the repo is generated, built, type-checked and tested from scratch: minutes on 2 cores.
const TWENTY_MINUTES = 20 * 60_000;

export default defineConfig({
  ...shared,
  test: { ...shared.test, testTimeout: TWENTY_MINUTES, hookTimeout: TWENTY_MINUTES },
});
