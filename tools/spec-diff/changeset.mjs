// Writes and reads changesets (.changeset/*.md: YAML frontmatter of package → bump, then a summary that
// becomes the CHANGELOG entry).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CLASSES } from "./classify.mjs";

/** The packages generated from or built on the spec, which a spec change releases. */
export const SPEC_PACKAGES = ["@trusthub/types", "@trusthub/client", "@trusthub/mock"];

/** Those of SPEC_PACKAGES that exist in packages/* and are published (not private). */
export function publishedPackages(root) {
  const dir = join(root, "packages");
  if (!existsSync(dir)) return [];
  const found = readdirSync(dir)
    .map((name) => join(dir, name, "package.json"))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, "utf8")))
    .filter((pkg) => SPEC_PACKAGES.includes(pkg.name) && pkg.private !== true)
    .map((pkg) => pkg.name);
  return SPEC_PACKAGES.filter((name) => found.includes(name));
}

/**
 * The changeset text for classified changes.
 * @param {{ packages: string[], bump: string, changes: import("./classify.mjs").Change[], from: string, versions: [string, string] }} input
 */
export function renderChangeset({ packages, bump, changes, from, versions }) {
  const counts = CLASSES.map((type) => [type, changes.filter((c) => c.type === type).length]).filter(([, n]) => n);
  const version = versions[0] === versions[1] ? `spec ${versions[1]}` : `spec ${versions[0]} → ${versions[1]}`;
  const lines = [
    "---",
    ...packages.map((name) => `"${name}": ${bump}`),
    "---",
    "",
    `TrustHub ${version}, compared with ${from}: ${counts.map(([type, n]) => `${n} ${type}`).join(", ")}.`,
  ];
  for (const type of CLASSES) {
    // One line per distinct change, naming every operation it shows up in (a shared schema's edit
    // appears at each operation that uses it).
    const grouped = new Map();
    for (const c of changes.filter((c) => c.type === type)) grouped.set(c.what, [...(grouped.get(c.what) ?? []), c.operation]);
    if (!grouped.size) continue;
    lines.push("", `${type[0].toUpperCase()}${type.slice(1)}:`, "");
    for (const [what, operations] of grouped) lines.push(`- ${operations.join(", ")}: ${what}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes the changeset into root/.changeset. It is named after the commit compared with, so re-running
 * after more spec edits rewrites the same note (it always describes base → working spec) instead of
 * adding a second, overlapping one.
 */
export function writeChangeset(root, text, baseCommit) {
  mkdirSync(join(root, ".changeset"), { recursive: true });
  const file = join(root, ".changeset", `spec-diff-${baseCommit.slice(0, 10)}.md`);
  writeFileSync(file, text);
  return file;
}

/**
 * The changesets waiting in root/.changeset: [{ file, releases: { "<package>": "major" | ... } }].
 * Only the frontmatter matters here, and it is YAML.
 */
export function pendingChangesets(root) {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md")
    .map((name) => {
      const text = readFileSync(join(dir, name), "utf8");
      const front = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text.trimStart());
      return { file: join(dir, name), releases: (front && parse(front[1])) || {} };
    });
}

/**
 * The packages a pending changeset does not bump by `major`. A package of a `fixed` group in
 * .changeset/config.json counts as bumped when any package of its group is, as changesets does.
 */
export function missingMajor(root, packages, pending) {
  const configFile = join(root, ".changeset", "config.json");
  const fixed = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, "utf8")).fixed ?? []) : [];
  const groupOf = (name) => fixed.find((group) => group.includes(name)) ?? [name];
  const major = new Set(pending.flatMap((c) => Object.entries(c.releases).filter(([, bump]) => bump === "major").map(([name]) => name)));
  return packages.filter((name) => !groupOf(name).some((member) => major.has(member)));
}
