// Shared vitest settings: every package also writes a JSON report that .ci/run adds up.
export const shared = {
  test: {
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    // Generous: several suites spawn processes (Spectral, Prism, tsc) and CI machines have 2 cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
};
