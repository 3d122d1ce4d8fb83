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

/** Each class as a changelog counts it, and its heading there, with what it asks of the consumer. */
const LABELS = { breaking: "breaking", "non-breaking": "non-breaking", annotation: "documentation", unclassified: "unclassified" };
const HEADINGS = {
  breaking: "Breaking (each entry says what to change in your code)",
  "non-breaking": "Non-breaking (nothing to change)",
  annotation: "Documentation and examples (nothing to change)",
  unclassified: "Unclassified (reviewed by hand before the release)",
};

/**
 * The changeset text for classified changes, for the consumer: one entry per field or call affected (a
 * shared schema's edit, seen at every operation using it, and several edits of one field are one entry, in
 * the gravest class among them), and the counts in the first line are of those entries.
 * @param {{ packages: string[], bump: string, changes: import("./classify.mjs").Change[], from: string, versions: [string, string] }} input
 */
export function renderChangeset({ packages, bump, changes, from, versions }) {
  const entries = new Map();
  // The first line names the spec versions; `info.version` is not listed again.
  for (const c of changes.filter((c) => c.path.join(".") !== "info.version")) {
    const gravest = entries.get(c.entry);
    if (!gravest || CLASSES.indexOf(c.type) < CLASSES.indexOf(gravest)) entries.set(c.entry, c.type);
  }
  const byClass = CLASSES.map((type) => [type, [...entries].filter(([, t]) => t === type).map(([entry]) => entry)]).filter(([, list]) => list.length);
  const version = versions[0] === versions[1] ? `spec ${versions[1]}` : `spec ${versions[0]} → ${versions[1]}`;
  const lines = [
    "---",
    ...packages.map((name) => `"${name}": ${bump}`),
    "---",
    "",
    `TrustHub ${version}, compared with ${from}: ${byClass.map(([type, list]) => `${list.length} ${LABELS[type]}`).join(", ")}.`,
  ];
  for (const [type, list] of byClass) lines.push("", `${HEADINGS[type]}:`, "", ...list.map((entry) => `- ${entry}`));
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
