import { defineConfig } from "vitest/config";
import { shared } from "../vitest.shared.mjs";

// Chromium and Redoc on a busy 2-core machine: the shared limits, which only stop a hang.
export default defineConfig(shared);
