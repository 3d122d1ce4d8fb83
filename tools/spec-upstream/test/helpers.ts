// Fixture pairs and the CLI, for the tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec } from "@trusthub/spec";
import { show } from "../differences.mjs";

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

/** Runs the CLI; never throws, so tests can assert on failing exit codes. */
export function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): { code: number; stdout: string; stderr: string } {
  const env = { ...process.env, ...options.env };
  if (!options.env?.INIT_CWD) delete env.INIT_CWD; // as when run with node directly, not through pnpm
  try {
    const stdout = execFileSync("node", [cli, ...args], { cwd: options.cwd ?? fixturesDir, env, encoding: "utf8", stdio: "pipe" });
    return { code: 0, stdout, stderr: "" };
  } catch (e: any) {
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}
