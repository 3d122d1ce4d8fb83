// Shared vitest settings: every package also writes a JSON report that .ci/run adds up.
export const shared = {
  test: {
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    // Generous: several suites spawn processes (Spectral, Prism, tsc, whole scratch builds) and CI runs every
    // package's suite at once on 2 cores; these limits only stop a hang, they are no speed goal.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
};
