#!/usr/bin/env node
// pnpm spec:upstream <file-or-url>: compares the operations of our spec with another OpenAPI description
// of the same API (Twilio's published one) and checks every difference against the reviewed list of
// deliberate ones next to the spec.
//
//   node tools/spec-upstream/cli.mjs <file-or-url> [--json] [--ours <spec>] [--differences <file>]
//
// Exit 0: every difference is listed and every entry still matches one. Exit 1: an unlisted difference
// or a stale entry. Exit 2: bad arguments, or a description or list that cannot be read.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseSpec, specPath } from "@trusthub/spec";
import { compare } from "./compare.mjs";
import { parseDifferences, review, show } from "./differences.mjs";

const USAGE = "usage: pnpm spec:upstream <file-or-url> [--json] [--ours <spec>] [--differences <file>]";
const DIFFERENCES = "upstream-differences.yaml";
const FETCH_TIMEOUT_MS = 60_000;

// pnpm runs root scripts in the repo root; relative paths are meant from where the command was typed.
const here = process.env.INIT_CWD ?? process.cwd();
const isUrl = (source) => /^https?:\/\//i.test(source);

async function read(source) {
  if (!isUrl(source)) return readFileSync(resolve(here, source), "utf8");
  const response = await fetch(source, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { Accept: "application/yaml, application/json, text/plain, */*" } });
  if (!response.ok) throw new Error(`GET ${source}: HTTP ${response.status}`);
  return response.text();
}

async function main(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: "boolean" }, ours: { type: "string" }, differences: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const [source] = positionals;
  const oursFile = values.ours ? resolve(here, values.ours) : specPath;
  const listFile = values.differences ? resolve(here, values.differences) : join(dirname(oursFile), DIFFERENCES);

  let ours, theirs, entries, result;
  try {
    ours = parseSpec(readFileSync(oursFile, "utf8"));
    theirs = parseSpec(await read(source));
    // Without a list every difference is unlisted; an explicitly named list must exist.
    entries = values.differences || existsSync(listFile) ? parseDifferences(readFileSync(listFile, "utf8"), display(listFile)) : [];
    result = compare(ours, theirs);
  } catch (e) {
    console.error(`spec:upstream: ${e.message}`);
    return 2;
  }
  const { reviewed, stale } = review(result.differences, entries);
  const unlisted = reviewed.filter((d) => !d.entry);
  const ok = unlisted.length === 0 && stale.length === 0;
  const header = {
    ours: { file: display(oursFile), openapi: ours.openapi, version: ours.info?.version },
    theirs: { [isUrl(source) ? "url" : "file"]: isUrl(source) ? source : display(resolve(here, source)), openapi: theirs.openapi, version: theirs.info?.version },
    differencesFile: existsSync(listFile) ? display(listFile) : null,
  };

  if (values.json) {
    const out = {
      ...header,
      ok,
      operations: result.operations,
      differences: reviewed.map(({ entry, ...d }) => ({ ...d, listed: entry ? entry.number : null, ...(entry && { reason: entry.reason }) })),
      stale: stale.map(({ number, reason }) => ({ entry: number, reason })),
    };
    console.log(JSON.stringify(out, null, 2));
  } else {
    console.log(renderTable(header, result.operations, reviewed, stale, entries, ok));
  }
  return ok ? 0 : 1;
}

// Paths inside the repo are shown relative to where the command was typed; others as given.
function display(file) {
  const rel = relative(here, file);
  return rel.startsWith("..") ? file : rel;
}

function renderTable(header, operations, reviewed, stale, entries, ok) {
  const theirs = header.theirs.url ?? header.theirs.file;
  const lines = [
    `Ours:   ${header.ours.file} (OpenAPI ${header.ours.openapi}, version ${header.ours.version})`,
    `Theirs: ${theirs} (OpenAPI ${header.theirs.openapi}, version ${header.theirs.version})`,
    `Deliberate differences: ${header.differencesFile ?? "(no list)"}`,
    `${operations.length} operations compared.`,
    "",
  ];
  const cut = (text, width = 48) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  const row = (d) => [d.where, d.kind, cut(show(d.ours)), cut(show(d.theirs)), d.entry ? `#${d.entry.number}` : "NEW"];
  const head = ["where", "kind", "ours", "theirs", "listed"];
  const widths = head.map((h, i) => Math.max(h.length, ...reviewed.map((d) => row(d)[i].length)));
  const format = (cells) => `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ")}`;
  if (reviewed.length) {
    lines.push(format(head.map((h) => h.toUpperCase())));
    for (const operation of [...new Set(reviewed.map((d) => d.operation))]) {
      lines.push(operation);
      for (const d of reviewed.filter((r) => r.operation === operation)) lines.push(format(row(d)));
    }
    lines.push("");
  }
  const used = entries.filter((e) => reviewed.some((d) => d.entry === e));
  if (used.length) {
    lines.push("Listed as deliberate:");
    for (const e of used) lines.push(`  #${e.number} (${reviewed.filter((d) => d.entry === e).length}) ${e.reason}`);
    lines.push("");
  }
  if (stale.length) {
    lines.push("Listed but no longer found (remove the entry, or fix its match):");
    for (const e of stale) lines.push(`  #${e.number} ${e.kind.join(", ")} at ${e.operation.join(", ")}: ${e.where.join(", ")} (${e.reason})`);
    lines.push("");
  }
  const unlisted = reviewed.filter((d) => !d.entry).length;
  if (unlisted) {
    lines.push("Not listed (adopt each in the spec, or list it with its reason):");
    for (const d of reviewed.filter((r) => !r.entry)) lines.push(`  ${d.operation}: ${d.where}: ${d.kind} (ours ${show(d.ours)}, theirs ${show(d.theirs)})`);
    lines.push("");
  }
  lines.push(
    ok
      ? `OK: ${reviewed.length} difference(s), all listed as deliberate.`
      : `FAIL: ${unlisted} difference(s) not listed as deliberate (NEW), ${stale.length} stale entr${stale.length === 1 ? "y" : "ies"}.`,
  );
  return lines.join("\n");
}

process.exitCode = await main(process.argv.slice(2));
