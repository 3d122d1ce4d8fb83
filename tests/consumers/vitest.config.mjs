import { defineConfig } from "vitest/config";
import { shared } from "../../vitest.shared.mjs";

// npm installs from the registry and Prism start-ups take minutes on a busy 2-core machine: the shared
// limits, which only stop a hang.
export default defineConfig(shared);
