// Fixture pairs and the CLI, for the tests.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadSpec } from "@trusthub/spec";
import { show } from "../differences.mjs";

const execFileAsync = promisify(execFile);
const cli = fileURLToPath(new URL("../cli.mjs", import.meta.url));
export const fixturesDir = fileURLToPath(new URL("./fixtures", import.meta.url));

/** The fixture pairs: test/fixtures/<name>/{ours,theirs}.yaml. */
export const fixtureNames = readdirSync(fixturesDir).sort();

export function fixturePath(name: string, side: "ours" | "theirs"): string {
  return join(fixturesDir, name, `${side}.yaml`);
}

export function fixture(name: string): { ours: any; theirs: any } {
  return { ours: loadSpec(fixturePath(name, "ours")), theirs: loadSpec(fixturePath(name, "theirs")) };
}

/** A difference as one line: "operation | where | kind | ours | theirs" (values as the table shows them). */
export function line(d: { operation: string; where: string; kind: string; ours?: unknown; theirs?: unknown }): string {
  return [d.operation, d.where, d.kind, show(d.ours), show(d.theirs)].join(" | ");
}

/** Writes `text` to a new file in a fresh temporary folder and returns its path. */
export function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "spec-upstream-")), name);
  writeFileSync(file, text);
  return file;
}

/**
 * Runs the CLI; never throws, so tests can assert on failing exit codes. Asynchronous, so a server in the
 * test's process can answer it. Hang guards only: a run is killed after two minutes, and its heap is capped
 * so that a description it fails to bound runs out of memory instead of taking the machine's.
 */
export async function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: "--max-old-space-size=256", ...options.env };
  if (!options.env?.INIT_CWD) delete env.INIT_CWD; // as when run with node directly, not through pnpm
  try {
    const { stdout, stderr } = await execFileAsync("node", [cli, ...args], { cwd: options.cwd ?? fixturesDir, env, encoding: "utf8", timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
