// Shared vitest settings: every package also writes a JSON report that .ci/run adds up, one per Node line
// (CI runs some suites on several).
export const report = `test-results/vitest-node${process.versions.node.split(".")[0]}.json`;
export const shared = {
  test: {
    reporters: ["default", ["json", { outputFile: report }]],
    // Generous: several suites spawn processes (Spectral, Prism, tsc, whole scratch builds) and CI runs every
    // package's suite at once on 2 cores; these limits only stop a hang, they are no speed goal.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
};
