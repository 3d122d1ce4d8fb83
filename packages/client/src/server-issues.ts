// The request's problems as a server listed them, as ValidationIssues. Prism (the mock) lists every
// violation of a request in its `sl-violations` header, as JSON:
//   [{ "location": ["request", "query", "pagesize"], "code": "minimum", "message": "...", ... }]
// with parameter names lowercased, and a missing form field named only in the message ("... required
// property 'PolicySid'"). Names are mapped back to the spec's; messages, which may quote values, are dropped.
import type { ValidationIssue } from "./errors.js";
import type { OperationMeta } from "./metadata.js";

interface Violation {
  location: [from?: string, at?: ValidationIssue["in"], name?: string];
  code: string;
  message: string;
}

export function serverIssues(headers: Headers, op?: OperationMeta): ValidationIssue[] {
  try {
    return JSON.parse(headers.get("sl-violations")!).flatMap(({ location: [from, at, name], code, message }: Violation) => {
      if (from !== "request" || !["path", "query", "body"].includes(at!)) return [];
      const given = name ?? /'(.+)'/.exec(message)?.[1] ?? "";
      const names = Object.keys((at === "body" ? op?.body?.properties : op?.[at as "path"]) ?? {});
      return [{ in: at, name: names.find((n) => n.toLowerCase() === given.toLowerCase()) ?? given, rule: code }];
    });
  } catch {
    return []; // no header, or not the JSON list Prism writes
  }
}
