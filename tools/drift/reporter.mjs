// vitest reporter for the drift audit's batched runs (one project per served mutant): writes, to the file
// in DRIFT_REPORT, each project's passed count and the tests that failed, with their first error line.
import { writeFileSync } from "node:fs";

export default class DriftReporter {
  onTestRunEnd(modules, unhandledErrors = []) {
    const projects = {};
    for (const module of modules) {
      const project = (projects[module.project.name] ??= { passed: 0, failed: [] });
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === "passed") project.passed++;
        else if (result.state === "failed") project.failed.push({ test: test.fullName, error: firstLine(result.errors?.[0]?.message) });
      }
      // A file that failed before any test ran (an import or setup error) fails its project too.
      for (const error of module.errors?.() ?? []) project.failed.push({ test: module.moduleId, error: firstLine(error.message) });
      if (module.state() === "failed" && !project.failed.length) project.failed.push({ test: module.moduleId, error: "failed" });
    }
    writeFileSync(process.env.DRIFT_REPORT, JSON.stringify({ projects, unhandled: unhandledErrors.map((e) => firstLine(e?.message)) }));
  }
}

const firstLine = (text) => String(text ?? "").split("\n")[0].slice(0, 300);
