// Shared vitest settings: every package also writes a JSON report that .ci/run adds up.
export const shared = {
  test: {
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 30_000,
  },
};
