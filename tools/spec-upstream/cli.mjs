#!/usr/bin/env node
// pnpm spec:upstream <file-or-url>: compares the operations of our spec with another OpenAPI description
// of the same API (Twilio's published one) and checks every difference against the reviewed list of
// deliberate ones next to the spec.
//
//   node tools/spec-upstream/cli.mjs <file-or-url> [--json] [--ours <spec>] [--differences <file>] [--max-bytes <n>]
//
// Exit 0: every difference is listed and every entry still matches one. Exit 1: an unlisted difference
// or a stale entry. Exit 2: bad arguments, or a description or list that cannot be read or is past a
// bound (size, redirects, YAML aliases, $ref expansion): one line on stderr.
import { closeSync, openSync, readSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseSpec, specPath } from "@trusthub/spec";
import { compare } from "./compare.mjs";
import { parseDifferences, review, show } from "./differences.mjs";

const USAGE = "usage: pnpm spec:upstream <file-or-url> [--json] [--ours <spec>] [--differences <file>] [--max-bytes <n>]";
const DIFFERENCES = "upstream-differences.yaml";
const FETCH_TIMEOUT_MS = 60_000;
// What any one file or response may hold: Twilio's description of TrustHub is about 300 KB.
const MAX_BYTES = 8 * 1024 * 1024;
const MAX_REDIRECTS = 5;

// pnpm runs root scripts in the repo root; relative paths are meant from where the command was typed.
const here = process.env.INIT_CWD ?? process.cwd();
const isUrl = (source) => /^https?:\/\//i.test(source);

/** The text of a file or URL of at most `maxBytes` bytes; an error (one line) for more, or for a redirect from https to http. */
async function read(source, maxBytes) {
  const tooBig = () => new Error(`${source}: more than ${maxBytes} bytes (--max-bytes)`);
  const decode = (chunks) => Buffer.concat(chunks).toString("utf8");
  if (!isUrl(source)) {
    // Read in chunks up to the cap, so a device or pipe that never ends (/dev/zero) is refused too.
    const fd = openSync(resolve(here, source), "r");
    try {
      const chunks = [];
      for (let total = 0; ; ) {
        const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
        const n = readSync(fd, chunk);
        if (n === 0) return decode(chunks);
        chunks.push(chunk.subarray(0, n));
        if ((total += n) > maxBytes) throw tooBig();
      }
    } finally {
      closeSync(fd);
    }
  }
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let url = new URL(source);
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(url, { signal, redirect: "manual", headers: { Accept: "application/yaml, application/json, text/plain, */*" } });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (redirects === MAX_REDIRECTS) throw new Error(`GET ${source}: more than ${MAX_REDIRECTS} redirects`);
      if (url.protocol === "https:" && next.protocol !== "https:") throw new Error(`GET ${url}: refused a redirect from https to ${next.protocol.slice(0, -1)} (${next})`);
      if (!["http:", "https:"].includes(next.protocol)) throw new Error(`GET ${url}: refused a redirect to ${next.protocol.slice(0, -1)}`);
      url = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`GET ${url}: HTTP ${response.status}`);
    }
    if (Number(response.headers.get("content-length")) > maxBytes) {
      await response.body?.cancel();
      throw tooBig();
    }
    const chunks = [];
    let total = 0;
    for await (const chunk of response.body ?? []) {
      chunks.push(chunk);
      if ((total += chunk.byteLength) > maxBytes) {
        await response.body.cancel().catch(() => {});
        throw tooBig();
      }
    }
    return decode(chunks);
  }
}

async function main(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        ours: { type: "string" },
        differences: { type: "string" },
        "max-bytes": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
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
  const maxBytes = values["max-bytes"] === undefined ? MAX_BYTES : Number(values["max-bytes"]);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    console.error(`--max-bytes: expected a whole number of bytes, got ${JSON.stringify(values["max-bytes"])}\n${USAGE}`);
    return 2;
  }
  const oursFile = values.ours ? resolve(here, values.ours) : specPath;
  const listFile = values.differences ? resolve(here, values.differences) : join(dirname(oursFile), DIFFERENCES);

  let ours, theirs, entries, result, listFound;
  try {
    const parse = async (from) => {
      const text = await read(from, maxBytes);
      try {
        return parseSpec(text);
      } catch (e) {
        throw new Error(`${from}: ${e.message}`);
      }
    };
    ours = await parse(oursFile);
    theirs = await parse(source);
    // Without a list every difference is unlisted; an explicitly named list must exist.
    const listText = await read(listFile, maxBytes).catch((e) => (values.differences || e.code !== "ENOENT" ? Promise.reject(e) : undefined));
    listFound = listText !== undefined;
    entries = listFound ? parseDifferences(listText, display(listFile)) : [];
    result = compare(ours, theirs);
  } catch (e) {
    // One line, whatever the cause (a YAML error quotes the offending lines).
    console.error(`spec:upstream: ${String(e.message).split("\n")[0]}`);
    return 2;
  }
  const { reviewed, stale } = review(result.differences, entries);
  const unlisted = reviewed.filter((d) => !d.entry);
  const ok = unlisted.length === 0 && stale.length === 0;
  const header = {
    ours: { file: display(oursFile), openapi: ours.openapi, version: ours.info?.version },
    theirs: { [isUrl(source) ? "url" : "file"]: isUrl(source) ? source : display(resolve(here, source)), openapi: theirs.openapi, version: theirs.info?.version },
    differencesFile: listFound ? display(listFile) : null,
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
