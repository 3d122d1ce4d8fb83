// The changeset writer's output is what changesets itself reads (checked with its own parser), and the
// helpers the check relies on read pending changesets and `fixed` groups as changesets does.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { missingMajor, pendingChangesets, publishedPackages, renderChangeset, writeChangeset } from "../changeset.mjs";
import { classify } from "../classify.mjs";
import { fixture, tempDir, write } from "./helpers.js";

// @changesets/parse is what `changeset version` uses to read .changeset/*.md. It is a dependency of the
// root's @changesets/cli, so it is resolved from there rather than added to this package.
const cliPackage = fileURLToPath(new URL("../../../node_modules/@changesets/cli/package.json", import.meta.url));
const parseChangeset: ((text: string) => { releases: { name: string; type: string }[]; summary: string }) | undefined = existsSync(cliPackage)
  ? createRequire(realpathSync(cliPackage))("@changesets/parse").default
  : undefined;

const PACKAGES = ["@trusthub/types", "@trusthub/client", "@trusthub/mock"];

function render(name: string) {
  const { changes, bump } = classify(fixture(name).before, fixture(name).after);
  return renderChangeset({ packages: PACKAGES, bump: bump!, changes, from: "@trusthub/types@0.1.0", versions: ["1.0.0", "1.0.0"] });
}

describe("renderChangeset", () => {
  it("writes standard changeset markdown: frontmatter of package → bump, then the summary", () => {
    const text = render("response-enum-value-added");
    expect(text).toBe(
      [
        "---",
        '"@trusthub/types": major',
        '"@trusthub/client": major',
        '"@trusthub/mock": major',
        "---",
        "",
        "TrustHub spec 1.0.0, compared with @trusthub/types@0.1.0: 1 breaking, 1 non-breaking.",
        "",
        "Breaking (each entry says what to change in your code):",
        "",
        "- `CustomerProfile.status` may be \"suspended\": handle the new value",
        "",
        "Non-breaking (nothing to change):",
        "",
        "- `GET /v1/CustomerProfiles` query parameter `Status` also accepts \"suspended\"",
        "",
      ].join("\n"),
    );
  });

  it.skipIf(!parseChangeset)("is read by changesets' own parser as the intended releases", () => {
    for (const [name, bump] of [["removed-operation", "major"], ["added-optional-parameter", "minor"], ["description-only", "patch"]]) {
      const parsed = parseChangeset!(render(name!));
      expect(parsed.releases).toEqual(PACKAGES.map((pkg) => ({ name: pkg, type: bump })));
      expect(parsed.summary).toMatch(/^TrustHub spec 1\.0\.0, compared with @trusthub\/types@0\.1\.0: /);
    }
  });

  it("names the spec versions when they differ, and lists a change shared by several operations once", () => {
    const { changes } = classify(fixture("description-only").before, fixture("description-only").after);
    expect(new Set(changes.map((c) => c.operation)).size).toBeGreaterThan(1);
    const text = renderChangeset({ packages: ["@trusthub/types"], bump: "patch", changes, from: "HEAD~1", versions: ["1.0.0", "1.0.1"] });
    expect(text).toContain("TrustHub spec 1.0.0 → 1.0.1, compared with HEAD~1: 1 documentation.");
    expect(text.match(/^- .*$/gm)).toEqual(["- `CustomerProfile.email`: description edited"]);
  });

  it("counts what it lists, one entry per field in its gravest class, with no schema-internal paths", () => {
    // The 1.0.0 kind of edit: properties made nullable through oneOf (two diffs each: the branch and its
    // type), their descriptions edited, a property no longer required, a response enum value added.
    const before = fixture("description-only").before;
    const after = structuredClone(before);
    const profile = after.components.schemas.CustomerProfile;
    for (const name of ["sid", "email"]) profile.properties[name] = { description: `The ${name}, or null.`, oneOf: [profile.properties[name], { type: "null" }] };
    profile.required = [];
    after.components.schemas.CustomerProfileStatus.enum.push("suspended");
    const { changes, bump } = classify(before, after);
    const text = renderChangeset({ packages: PACKAGES, bump: bump!, changes, from: "HEAD~1", versions: ["1.0.0", "1.0.0"] });

    const counted = Object.fromEntries([...text.matchAll(/(\d+) (breaking|non-breaking|documentation|unclassified)/g)].map(([, n, label]) => [label, Number(n)]));
    const sections = text.split(/\n(?=\S.*:\n\n- )/).slice(1);
    const listed = Object.fromEntries(sections.map((section) => [section.split(/[ :]/)[0]!.toLowerCase(), section.match(/^- /gm)!.length]));
    expect(listed).toEqual({ breaking: counted.breaking, "non-breaking": counted["non-breaking"], documentation: counted.documentation });
    expect(text).toContain("- `CustomerProfile.sid` is now `CustomerProfileSid | null` (was `CustomerProfileSid`): handle `null`\n");
    expect(text).toContain("- `CustomerProfile.status` may be absent (`status?`): handle `undefined`\n");
    const entries = text.match(/^- .*$/gm)!;
    expect(new Set(entries).size).toBe(entries.length);
    for (const entry of entries) expect(entry).not.toMatch(/\b(oneOf|anyOf|allOf|properties|items)\b|\.\d+\b|\(application\//);
  });
});

describe("files", () => {
  const tmp = tempDir;

  it("publishedPackages lists the spec's packages that exist and are not private, in a fixed order", () => {
    const root = tmp();
    write(root, "packages/mock/package.json", JSON.stringify({ name: "@trusthub/mock" }));
    write(root, "packages/client/package.json", JSON.stringify({ name: "@trusthub/client", private: true }));
    write(root, "packages/types/package.json", JSON.stringify({ name: "@trusthub/types" }));
    write(root, "packages/quickstart/package.json", JSON.stringify({ name: "@trusthub/quickstart" }));
    expect(publishedPackages(root)).toEqual(["@trusthub/types", "@trusthub/mock"]);
  });

  it("writeChangeset names the file after the base commit, so a re-run replaces it", () => {
    const root = tmp();
    const first = writeChangeset(root, "---\n\"@trusthub/types\": patch\n---\n\nOne.\n", "0123456789abcdef");
    const second = writeChangeset(root, "---\n\"@trusthub/types\": minor\n---\n\nTwo.\n", "0123456789abcdef");
    expect(first).toBe(join(root, ".changeset", "spec-diff-0123456789.md"));
    expect(second).toBe(first);
    expect(readFileSync(first, "utf8")).toContain("Two.");
  });

  it("pendingChangesets reads every .changeset/*.md but the README; missingMajor honours `fixed` groups", () => {
    const root = tmp();
    write(root, ".changeset/README.md", "# Changesets\n");
    write(root, ".changeset/config.json", JSON.stringify({ fixed: [["@trusthub/types", "@trusthub/client"]] }));
    write(root, ".changeset/brave-lions.md", "---\n'@trusthub/types': major\n---\n\nBreaking spec change.\n");
    write(root, ".changeset/quiet-owls.md", "---\n\"@trusthub/mock\": minor\n---\n\nMock tweak.\n");
    const pending = pendingChangesets(root);
    expect(pending.map((c) => c.releases)).toEqual([{ "@trusthub/types": "major" }, { "@trusthub/mock": "minor" }]);
    // client rides on types' major through the fixed group; mock has only a minor.
    expect(missingMajor(root, PACKAGES, pending)).toEqual(["@trusthub/mock"]);
    write(root, ".changeset/quiet-owls.md", "---\n\"@trusthub/mock\": major\n---\n\nMock tweak.\n");
    expect(missingMajor(root, PACKAGES, pendingChangesets(root))).toEqual([]);
  });
});
