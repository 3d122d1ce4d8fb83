// ------------------------------------------------------------------------------------------------
// GENERATED FILE: DO NOT EDIT. Regenerate with `pnpm generate` after changing the spec.
// Source: specs/trusthub/v1/openapi.yaml (info.version 1.0.0, sha256 424b4acfd1c0b6ba)
// ------------------------------------------------------------------------------------------------
import type { paths } from "@trusthub/types";
import type { SeedRecord } from "../store.js";

/** Records to start the stateful mock with, by collection: what `createMock({ data })` and a data file hold. */
export interface StoreData {
  /** The records of `/v1/CustomerProfiles`. */
  "customerProfiles"?: Array<SeedRecord<paths["/v1/CustomerProfiles/{Sid}"]["get"]["responses"][200]["content"]["application/json"], "sid", "account_sid" | "url" | "links" | "date_created" | "date_updated">>;
  /** The records of `/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments`. */
  "entityAssignments"?: Array<SeedRecord<paths["/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}"]["get"]["responses"][200]["content"]["application/json"], "sid" | "customer_profile_sid", "account_sid" | "url" | "date_created", "object_type">>;
}
