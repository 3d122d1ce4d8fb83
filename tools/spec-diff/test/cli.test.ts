// The CLI end to end, in throwaway git repos: which ref it compares with, what `diff` prints, the file
// `changeset` writes, and when `check` fails.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { base, commit, fixtureText, git, makeRepo, run, SPEC, write } from "./helpers.js";

const changesets = (root: string) => readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");

describe("spec:diff", () => {
  it("says there is nothing to compare in a repo with one commit and no release tag", () => {
    const root = makeRepo(base);
    write(root, SPEC, fixtureText("removed-operation", "after"));
    const { code, output } = run(root, "diff");
    expect(code).toBe(0);
    expect(output).toMatch(/HEAD~1 does not exist\): nothing to compare/);
  });

  it("compares the working file with HEAD~1 when there is no release tag", () => {
    const root = makeRepo(base);
    write(root, "README.md", "unrelated\n");
    commit(root, "docs");
    write(root, SPEC, fixtureText("removed-operation", "after")); // uncommitted: the working file counts
    const { code, stdout } = run(root, "diff");
    expect(code).toBe(0);
    expect(stdout).toContain("at the previous commit (HEAD~1; no release tag yet), info.version 1.0.0 → working file, info.version 1.0.0");
    expect(stdout).toContain("breaking (1):\n  - DELETE /v1/CustomerProfiles/{Sid}: operation removed\n");
    expect(stdout).toContain("Changeset bump: major");
  });

  it("defaults to the most recent release tag (@trusthub/types@* or v*), and takes an explicit ref", () => {
    const root = makeRepo(base);
    git(root, "tag", "v0.0.1");
    write(root, SPEC, fixtureText("response-enum-value-added", "after"));
    commit(root, "spec: suspended status");
    git(root, "tag", "@trusthub/types@0.1.0");
    write(root, SPEC, fixtureText("response-enum-value-added", "after").replace("status changes.\n    CustomerProfileListPage", "status changes!\n    CustomerProfileListPage"));
    commit(root, "spec: wording");

    const sinceRelease = run(root, "diff");
    expect(sinceRelease.stdout).toContain("at the last release (@trusthub/types@0.1.0)");
    expect(sinceRelease.stdout).toMatch(/annotation \(3\):\n  - POST \/v1\/CustomerProfiles: response 201 \(application\/json\) field `email`: description changed/);
    expect(sinceRelease.stdout).not.toContain("suspended");
    expect(sinceRelease.stdout).toContain("Changeset bump: patch");

    const sinceFirst = run(root, "diff", "v0.0.1");
    expect(sinceFirst.stdout).toContain("at v0.0.1");
    expect(sinceFirst.stdout).toContain('enum value "suspended" added');
    expect(sinceFirst.stdout).toContain("Changeset bump: major");
  });

  it("says so when nothing changed, and rejects an unknown ref", () => {
    const root = makeRepo(base);
    write(root, "README.md", "unrelated\n");
    commit(root, "docs");
    expect(run(root, "diff").stdout).toContain("No changes.");
    const unknown = run(root, "diff", "no-such-ref");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown git ref "no-such-ref"');
  });
});

describe("spec:changeset", () => {
  it("writes .changeset/spec-diff-<base commit>.md with the bump for the published packages and prints its path", () => {
    const root = makeRepo(base);
    const baseCommit = git(root, "rev-parse", "HEAD");
    write(root, "README.md", "unrelated\n");
    commit(root, "docs");
    write(root, SPEC, fixtureText("renamed-optional-field", "after"));

    const { code, stdout } = run(root, "changeset");
    expect(code).toBe(0);
    const file = join(root, ".changeset", `spec-diff-${baseCommit.slice(0, 10)}.md`);
    // The path is printed relative to the working directory (the repo root here, as under `pnpm`).
    expect(stdout).toContain(`Wrote .changeset/spec-diff-${baseCommit.slice(0, 10)}.md (major: @trusthub/types, @trusthub/client, @trusthub/mock)`);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^---\n"@trusthub\/types": major\n"@trusthub\/client": major\n"@trusthub\/mock": major\n---\n\nTrustHub spec 1\.0\.0, compared with HEAD~1: 1 breaking\.\n/);
    expect(text).toContain("- `POST /v1/CustomerProfiles` body field `StatusCallback` (`RequestBodyCreateCustomerProfile`) renamed to `StatusCallbackUrl`: send the new name\n");

    // More edits against the same base rewrite the same file.
    write(root, SPEC, fixtureText("renamed-optional-field", "after").replace("version: 1.0.0", "version: 2.0.0"));
    run(root, "changeset");
    expect(changesets(root)).toEqual([`spec-diff-${baseCommit.slice(0, 10)}.md`]);
    expect(readFileSync(file, "utf8")).toContain("TrustHub spec 1.0.0 → 2.0.0, compared with HEAD~1: 1 breaking.");
    expect(readFileSync(file, "utf8")).not.toContain("info.version"); // named in the first line, not listed
  });

  it("writes nothing when the spec did not change", () => {
    const root = makeRepo(base);
    write(root, "README.md", "unrelated\n");
    commit(root, "docs");
    const { code, stdout } = run(root, "changeset");
    expect(code).toBe(0);
    expect(stdout).toContain("No spec changes since the previous commit (HEAD~1; no release tag yet); no changeset written.");
    expect(changesets(root)).toEqual([]);
  });
});

describe("check", () => {
  // A repo whose last commit is the trimmed spec, with `after` as the working spec.
  function repoWith(after: string): string {
    const root = makeRepo(base);
    write(root, "README.md", "unrelated\n");
    commit(root, "docs");
    write(root, SPEC, after);
    return root;
  }

  it("fails on a breaking change without a pending major changeset, naming the change", () => {
    const root = repoWith(fixtureText("newly-required-form-field", "after"));
    const { code, stderr } = run(root, "check");
    expect(code).toBe(1);
    expect(stderr).toContain("no pending changeset bumps @trusthub/types, @trusthub/client, @trusthub/mock by major");
    expect(stderr).toContain("POST /v1/CustomerProfiles: request body (application/x-www-form-urlencoded) field `PolicySid`: added (required)");
  });

  it("fails on a breaking change when the pending changesets are not major for every published package", () => {
    const root = repoWith(fixtureText("removed-operation", "after"));
    write(root, ".changeset/some-change.md", '---\n"@trusthub/types": minor\n"@trusthub/mock": major\n---\n\nNot enough.\n');
    const { code, stderr } = run(root, "check");
    expect(code).toBe(1);
    expect(stderr).toContain("no pending changeset bumps @trusthub/types, @trusthub/client by major");
  });

  it("passes a breaking change once spec:changeset wrote its changeset, or a hand-written one covers it via the fixed group", () => {
    const root = repoWith(fixtureText("removed-operation", "after"));
    expect(run(root, "changeset").code).toBe(0);
    const generated = run(root, "check");
    expect(generated.stdout).toMatch(/spec-diff check: OK \(1 change\(s\) .*, bump major, 1 pending changeset\(s\)\)/);
    expect(generated.code).toBe(0);

    const other = repoWith(fixtureText("removed-operation", "after"));
    write(other, ".changeset/drop-delete.md", '---\n"@trusthub/types": major\n"@trusthub/mock": major\n---\n\nDeleteCustomerProfile is gone.\n');
    expect(run(other, "check").code).toBe(0); // @trusthub/client is in types' fixed group
  });

  it("fails when info.version changed without any pending changeset, and passes with one", () => {
    const root = repoWith(base.replace("  version: 1.0.0", "  version: 1.0.1"));
    const failing = run(root, "check");
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain("info.version changed (1.0.0 → 1.0.1)");
    expect(failing.stderr).toContain("but .changeset/ has no pending changeset");

    write(root, ".changeset/version.md", '---\n"@trusthub/types": patch\n---\n\nSpec 1.0.1.\n');
    expect(run(root, "check").code).toBe(0);
  });

  it("passes non-breaking and annotation-only changes without a changeset, and a repo with nothing to compare", () => {
    expect(run(repoWith(fixtureText("added-optional-parameter", "after")), "check").code).toBe(0);
    expect(run(repoWith(fixtureText("description-only", "after")), "check").code).toBe(0);
    expect(run(makeRepo(base), "check").code).toBe(0);
  });
});
