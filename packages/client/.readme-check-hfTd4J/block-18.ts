import { createTrustHubClient, TrustHubApiError, TrustHubValidationError, unwrap, type ValidationIssue } from "@trusthub/client";

const client = createTrustHubClient();

/** Your own 400 body, built from the issues (never from the message text). */
function badRequest(issues: readonly ValidationIssue[]) {
  return { status: 400, errors: issues.map(({ in: where, name, rule, expected }) => ({ field: `${where}.${name}`, rule, expected })) };
}

try {
  await unwrap(client.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 5_000 } } }));
} catch (e) {
  if (e instanceof TrustHubValidationError || e instanceof TrustHubApiError) console.log(badRequest(e.issues));
  // { status: 400, errors: [ { field: "query.PageSize", rule: "maximum", expected: 1000 } ] }
  else throw e;
}
