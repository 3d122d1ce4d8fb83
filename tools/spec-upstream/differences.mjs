// The reviewed list of deliberate differences: reading it (strictly: a typo must not silently excuse or
// miss a difference) and matching it against what compare() found.
import { parse } from "yaml";
import { KINDS } from "./compare.mjs";

const FIELDS = ["operation", "where", "kind", "ours", "theirs", "reason"];

/** How a value is shown in the table; an entry's `ours`/`theirs` pin is compared in this form. */
export function show(value) {
  if (value === undefined) return "absent";
  if (Array.isArray(value)) return value.map(String).join(", ");
  return String(value);
}

/**
 * Parses the differences file. Each entry: `operation`, `where` (a string or a list; `*` matches any
 * text), `kind` (a string or a list of KINDS), optional `ours`/`theirs` (the values as shown), `reason`
 * (one line). Throws an Error naming every problem.
 * @returns {Array<{ number: number, operation: string[], where: string[], kind: string[], ours?: string, theirs?: string, reason: string }>}
 */
export function parseDifferences(text, file) {
  const doc = parse(text) ?? {};
  const list = doc.differences ?? [];
  const problems = [];
  if (typeof doc !== "object" || Array.isArray(doc) || Object.keys(doc).some((k) => k !== "differences")) {
    problems.push("the file must be a mapping with one key, `differences`");
  }
  if (!Array.isArray(list)) problems.push("`differences` must be a list");
  const entries = (Array.isArray(list) ? list : []).map((entry, i) => {
    const number = i + 1;
    const bad = (why) => problems.push(`entry ${number}: ${why}`);
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      bad("must be a mapping");
      return undefined;
    }
    for (const key of Object.keys(entry)) if (!FIELDS.includes(key)) bad(`unknown key \`${key}\` (expected ${FIELDS.join(", ")})`);
    const strings = (key) => {
      const value = [entry[key] ?? []].flat();
      if (!value.length || value.some((v) => typeof v !== "string" || !v.trim())) bad(`\`${key}\` must be a non-empty string or list of strings`);
      return value;
    };
    const kind = strings("kind");
    for (const k of kind) if (typeof k === "string" && !KINDS.includes(k)) bad(`unknown kind "${k}" (one of: ${KINDS.join(", ")})`);
    if (typeof entry.reason !== "string" || !entry.reason.trim() || /\n/.test(entry.reason.trim())) bad("`reason` must be one non-empty line");
    return {
      number,
      operation: strings("operation"),
      where: strings("where"),
      kind,
      ...("ours" in entry && { ours: show(entry.ours ?? undefined) }),
      ...("theirs" in entry && { theirs: show(entry.theirs ?? undefined) }),
      reason: String(entry.reason ?? "").trim(),
    };
  });
  if (problems.length) throw new Error(`${file}: ${problems.join("; ")}`);
  return entries;
}

const globs = new Map();
function glob(pattern) {
  if (!globs.has(pattern)) {
    const source = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
    globs.set(pattern, new RegExp(`^${source}$`));
  }
  return globs.get(pattern);
}

function matches(entry, difference) {
  return (
    entry.kind.includes(difference.kind) &&
    entry.operation.some((p) => glob(p).test(difference.operation)) &&
    entry.where.some((p) => glob(p).test(difference.where)) &&
    (entry.ours === undefined || entry.ours === show(difference.ours)) &&
    (entry.theirs === undefined || entry.theirs === show(difference.theirs))
  );
}

/**
 * Pairs each difference with the first entry that matches it (`entry` stays undefined when none does) and
 * lists the stale entries: those that are the first match of no difference (gone, or shadowed by an
 * earlier entry).
 */
export function review(differences, entries) {
  const reviewed = differences.map((d) => ({ ...d, entry: entries.find((e) => matches(e, d)) }));
  const used = new Set(reviewed.map((d) => d.entry).filter(Boolean));
  return { reviewed, stale: entries.filter((e) => !used.has(e)) };
}
