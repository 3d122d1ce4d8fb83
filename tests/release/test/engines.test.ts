// Every published package's `engines.node` is true: each Node version it admits is admitted by every package
// it brings along when installed (its dependencies, transitively, as the lockfile resolves them), so a team
// with `engine-strict` can install it on any Node line the range names.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { subset } from "semver";
import { parse } from "yaml";
import { expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
type Resolved = Record<string, { version: string }>;
const lock = parse(readFileSync(join(repo, "pnpm-lock.yaml"), "utf8")) as {
  importers: Record<string, { dependencies?: Resolved; optionalDependencies?: Resolved }>;
  packages: Record<string, { engines?: { node?: string } }>;
  snapshots: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> } | null>;
};

// What installing the workspace package at `importer` brings along: each "name@version" with the chain that
// pulls it in.
function installed(importer: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, version: string, from: string, via: string) => {
    if (version.startsWith("link:")) {
      const target = join(from, version.slice("link:".length));
      const deps = lock.importers[target];
      for (const [dep, { version: v }] of Object.entries({ ...deps?.dependencies, ...deps?.optionalDependencies })) visit(dep, v, target, `${via} > ${dep}`);
      return;
    }
    const key = `${name}@${version}`;
    if (found.has(key)) return;
    found.set(key, via);
    const snapshot = lock.snapshots[key];
    for (const [dep, v] of Object.entries({ ...snapshot?.dependencies, ...snapshot?.optionalDependencies })) visit(dep, v, from, `${via} > ${dep}`);
  };
  const own = lock.importers[importer]!;
  for (const [dep, { version }] of Object.entries({ ...own.dependencies, ...own.optionalDependencies })) visit(dep, version, importer, dep);
  return found;
}

const published = readdirSync(join(repo, "packages"))
  .map((dir) => ({ importer: `packages/${dir}`, manifest: JSON.parse(readFileSync(join(repo, "packages", dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => !manifest.private);

it.each(published.map(({ importer, manifest }) => [manifest.name as string, importer, manifest.engines?.node as string]))(
  "%s: engines.node is admitted by everything it installs",
  (_, importer, range) => {
    expect(range).toEqual(expect.any(String));
    const untrue = [...installed(importer)].flatMap(([key, via]) => {
      const wants = lock.packages[key.replace(/\(.*$/, "")]?.engines?.node;
      return wants && !subset(range, wants) ? [`${key} wants node ${wants} (${via})`] : [];
    });
    expect(untrue).toEqual([]);
  },
);
