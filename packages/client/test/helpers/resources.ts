// Sample TrustHub resources for the client's tests: one SID per kind and plausible bodies built from them,
// and the facts of the spec the tests probe (read from the spec, never restated).
import { deref, loadSpec } from "@trusthub/spec";
import { exampleSid } from "@trusthub/test-support";

export const SIDS = {
  account: exampleSid("AC"),
  profile: exampleSid("BU"),
  assignment: exampleSid("BV"),
  policy: exampleSid("RN"),
  object: exampleSid("IT"),
  apiKey: exampleSid("SK"),
} as const;

/** A Customer Profile as the API returns it. */
export function profile(sid: string = SIDS.profile, extra: Record<string, unknown> = {}) {
  return {
    sid,
    account_sid: SIDS.account,
    policy_sid: SIDS.policy,
    friendly_name: "Acme",
    status: "draft",
    email: "ops@example.com",
    ...extra,
  };
}

/** An Entity Assignment as the API returns it. */
export function assignment(sid: string = SIDS.assignment, profileSid: string = SIDS.profile) {
  return { sid, customer_profile_sid: profileSid, account_sid: SIDS.account, object_sid: SIDS.object };
}

/** A list page as TrustHub returns it. `nextPageUrl` null on the last page. */
export function listPage(
  origin: string,
  path: string,
  results: unknown[],
  o: { page?: number; pageSize?: number; nextPageUrl?: string | null } = {},
) {
  const page = o.page ?? 0;
  const pageSize = o.pageSize ?? 50;
  return {
    results,
    meta: {
      key: "results",
      page,
      page_size: pageSize,
      url: `${origin}${path}?PageSize=${pageSize}&Page=${page}`,
      first_page_url: `${origin}${path}?PageSize=${pageSize}&Page=0`,
      previous_page_url: null,
      next_page_url: o.nextPageUrl ?? null,
    },
  };
}

const spec = loadSpec();

/** The largest `PageSize` the spec allows on the list operation of `path`. */
export function maxPageSize(path: string): number {
  const params: unknown[] = spec.paths[path].get.parameters;
  return params.map((p) => deref(spec, p)).find((p) => p.name === "PageSize").schema.maximum;
}
