// @trusthub/types: TypeScript types for the Twilio TrustHub v1 API, for openapi-fetch or any fetch wrapper.
//
// Everything is generated from specs/trusthub/v1/openapi.yaml (see ./generated/openapi.d.ts):
//   paths, operations, components   the openapi-typescript shapes, for openapi-fetch's createClient<paths>()
//   CustomerProfile, CustomerProfileStatus, CustomerProfileEntityAssignment, CustomerProfileListPage,
//   CustomerProfileEntityAssignmentListPage, PageMeta, TwilioError, the SID types, ...
//                                   one alias per component schema, named as in the spec
export type * from "./generated/openapi.js";
