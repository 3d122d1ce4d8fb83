import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts", "src/server-process.ts", "src/in-process.ts", "src/msw.ts"],
  format: ["esm"],
  dts: { entry: ["src/index.ts", "src/in-process.ts", "src/msw.ts"] },
  clean: true,
  target: "node20",
});
