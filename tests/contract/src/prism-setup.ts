// vitest global setup: one Prism for the whole suite, serving the spec under test (the repo's spec, or the
// file in TRUSTHUB_SERVED_SPEC when the drift audit serves a mutant), on a free loopback port. When the
// project's config already provides both (the drift audit runs one project per mutant, each against a
// Prism it serves itself), nothing is started.
import { startMock } from "@trusthub/mock";
import { specPath } from "@trusthub/spec";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
    servedSpec: string;
  }
}

export default async function setup(project: TestProject) {
  const given = project.getProvidedContext();
  if (given.prismUrl && given.servedSpec) return;
  const servedSpec = process.env.TRUSTHUB_SERVED_SPEC || specPath;
  const mock = await startMock({ spec: servedSpec });
  project.provide("prismUrl", mock.url);
  project.provide("servedSpec", servedSpec);
  return () => mock.stop();
}
