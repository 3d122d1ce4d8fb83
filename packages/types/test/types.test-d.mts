// Type-level tests: checked by `tsc` (pnpm typecheck). An unused @ts-expect-error fails the check, so
// each one proves the line below it does not compile.
import { expectTypeOf } from "vitest";
import type {
  CustomerProfile,
  CustomerProfileEntityAssignment,
  CustomerProfileSid,
  EntityAssignmentSid,
  ObjectSid,
  PolicySid,
  paths,
  CustomerProfileListPage,
  CustomerProfileStatus,
  TwilioError,
  operations,
} from "../src/index.js";

type FormBody<Op extends keyof operations> = NonNullable<
  operations[Op]["requestBody"]
>["content"]["application/x-www-form-urlencoded"];
type CreateProfile = FormBody<"CreateCustomerProfile">;
type UpdateProfile = FormBody<"UpdateCustomerProfile">;
type CreateAssignment = FormBody<"CreateCustomerProfileEntityAssignment">;
type ListQuery = NonNullable<operations["ListCustomerProfile"]["parameters"]["query"]>;

// An update may have no body at all; the creates must have one.
expectTypeOf<undefined>().toExtend<operations["UpdateCustomerProfile"]["requestBody"]>();
expectTypeOf<undefined>().not.toExtend<operations["CreateCustomerProfile"]["requestBody"]>();

const policy = "RN806dd6cd175f314e1f96a9727ee271f4";

// Required create fields are required; the optional one is optional.
export const create: CreateProfile = { FriendlyName: "Acme", Email: "ops@acme.example", PolicySid: policy };
// @ts-expect-error PolicySid is required
export const noPolicy: CreateProfile = { FriendlyName: "Acme", Email: "ops@acme.example" };
// @ts-expect-error Email is required
export const noEmail: CreateProfile = { FriendlyName: "Acme", PolicySid: policy };
// @ts-expect-error ObjectSid is required
export const noObject: CreateAssignment = {};
expectTypeOf<CreateProfile["StatusCallback"]>().toEqualTypeOf<string | undefined>();

// Bodies take PascalCase form names; snake_case (the response spelling) is rejected.
// @ts-expect-error status_callback is a response name, the form field is StatusCallback
export const snakeOptional: CreateProfile = { ...create, status_callback: "https://example.com/cb" };
// @ts-expect-error friendly_name is not a form field
export const snakeUpdate: UpdateProfile = { friendly_name: "Acme" };
// @ts-expect-error object_sid is not a form field
export const snakeAssignment: CreateAssignment = { object_sid: "IT2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c" };

// Status accepts exactly the five values, in bodies, queries and responses.
expectTypeOf<CustomerProfileStatus>().toEqualTypeOf<
  "draft" | "pending-review" | "in-review" | "twilio-rejected" | "twilio-approved"
>();
export const update: UpdateProfile = { Status: "pending-review" };
// @ts-expect-error "approved" is not a status
export const badUpdate: UpdateProfile = { Status: "approved" };
// @ts-expect-error "pending" is not a status
export const badQuery: ListQuery = { Status: "pending" };
expectTypeOf<ListQuery["Status"]>().toEqualTypeOf<CustomerProfileStatus | undefined>();
// No profile property is required, status included (as in Twilio's published description).
expectTypeOf<CustomerProfile["status"]>().toEqualTypeOf<CustomerProfileStatus | undefined>();

// Responses: snake_case, nullable where the sources say so, list pages with typed meta.
expectTypeOf<CustomerProfile["friendly_name"]>().toEqualTypeOf<string | null | undefined>();
expectTypeOf<operations["FetchCustomerProfileEntityAssignment"]["responses"][200]["content"]["application/json"]["sid"]>().toEqualTypeOf<EntityAssignmentSid | null | undefined>();
expectTypeOf<CustomerProfileListPage["results"]>().toEqualTypeOf<CustomerProfile[]>();
expectTypeOf<CustomerProfileListPage["meta"]["next_page_url"]>().toEqualTypeOf<string | null>();
expectTypeOf<TwilioError>().toHaveProperty("more_info").toEqualTypeOf<string>();
expectTypeOf<
  operations["FetchCustomerProfile"]["responses"][404]["content"]["application/json"]
>().toEqualTypeOf<TwilioError>();

// SIDs are typed by kind, from the spec's patterns: a SID of another kind does not compile, in bodies,
// parameters and responses alike; a pattern without a literal prefix (ObjectSid, any two letters) is a string.
expectTypeOf<CustomerProfileSid>().toEqualTypeOf<`BU${string}`>();
expectTypeOf<PolicySid>().toEqualTypeOf<`RN${string}`>();
expectTypeOf<ObjectSid>().toEqualTypeOf<string>();
// @ts-expect-error a Customer Profile SID is not a policy SID
export const wrongPolicy: CreateProfile = { ...create, PolicySid: "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f" };
type FetchAssignmentPath = paths["/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}"]["parameters"]["path"];
// @ts-expect-error the assignment's Sid is a BV… SID, not the profile's
export const swapped: FetchAssignmentPath = { CustomerProfileSid: "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f", Sid: "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f" };
export const inOrder: FetchAssignmentPath = { CustomerProfileSid: "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f", Sid: "BV5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b" };
expectTypeOf<CustomerProfileEntityAssignment["sid"]>().toEqualTypeOf<EntityAssignmentSid | null | undefined>();
expectTypeOf<CustomerProfile["sid"]>().toEqualTypeOf<CustomerProfileSid | null | undefined>();
// A plain string must be narrowed (the client's generated guards do it) before it goes where a SID goes.
declare const fromElsewhere: string;
// @ts-expect-error a string is not a CustomerProfileSid
export const unchecked: CustomerProfileSid = fromElsewhere;
