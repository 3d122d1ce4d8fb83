// Where the bundled TrustHub spec lives: next to the built entry points (dist/openapi.yaml), also when a
// source file runs from src/ in this repo's tests.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** Path of the bundled spec this package serves (also exported as `@trusthub/mock/openapi.yaml`). */
export const specPath = [join(here, "openapi.yaml"), join(here, "../dist/openapi.yaml")].find((p) => existsSync(p)) ?? join(here, "openapi.yaml");
