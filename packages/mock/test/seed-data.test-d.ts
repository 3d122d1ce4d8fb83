// Type-level tests of the seed data (`createMock({ data })`, `startMock({ data })`), checked by `tsc`
// (pnpm typecheck): an unused @ts-expect-error fails the check, so each one proves the line below it does
// not compile. The runtime check of the same records is in resources.test.ts and in-process.test.ts.
import { expectTypeOf } from "vitest";
import type { CustomerProfile, CustomerProfileEntityAssignment, CustomerProfileSid } from "@trusthub/types";
import type { CreateMockOptions, StoreData } from "../src/in-process.js";
import type { MockOptions } from "../src/index.js";
import type { SeedRecord } from "../src/store.js";

type Profile = NonNullable<StoreData["customerProfiles"]>[number];
type Assignment = NonNullable<StoreData["entityAssignments"]>[number];
const sid: CustomerProfileSid = "BU1a2b3c4d5e6f708192a3b4c5d6e7f809";

// Both doors take the same typed records, or a data file's path.
expectTypeOf<CreateMockOptions["data"]>().toEqualTypeOf<string | StoreData | undefined>();
expectTypeOf<MockOptions["data"]>().toEqualTypeOf<string | StoreData | undefined>();

// A record is its response type, with the SIDs that place it required and non-null.
expectTypeOf<Profile>().toExtend<CustomerProfile>();
expectTypeOf<Profile["sid"]>().toEqualTypeOf<CustomerProfileSid>();
expectTypeOf<Assignment>().toExtend<CustomerProfileEntityAssignment>();
export const profiles: StoreData = { customerProfiles: [{ sid, status: "draft" }] };
// @ts-expect-error a record needs its sid
export const noSid: StoreData = { customerProfiles: [{ status: "draft" }] };
// @ts-expect-error a SID of another kind
export const wrongSid: StoreData = { customerProfiles: [{ sid: "BV1a2b3c4d5e6f708192a3b4c5d6e7f809" }] };
// @ts-expect-error a value of the wrong type
export const wrongType: StoreData = { customerProfiles: [{ sid, status: "approved" }] };
// @ts-expect-error a property the responses do not have
export const unknownProperty: StoreData = { customerProfiles: [{ sid, no_such_property: "x" }] };
// @ts-expect-error a collection the spec does not have
export const unknownCollection: StoreData = { customerProfile: [] };
// @ts-expect-error an assignment names its profile
export const orphan: StoreData = { entityAssignments: [{ sid: "BV1a2b3c4d5e6f708192a3b4c5d6e7f809" }] };
// The facts semantics.ts keeps beside a record (an assignment's object type) are allowed.
export const withFact: StoreData = { entityAssignments: [{ sid: "BV1a2b3c4d5e6f708192a3b4c5d6e7f809", customer_profile_sid: sid, object_type: "authorized_representative_1" }] };

// An upgrade that renames response properties: a record written for the old ones no longer compiles.
type Renamed<Response> = { [Key in keyof Response as Key extends "sid" ? Key : `renamed_${Key & string}`]: Response[Key] };
type UpgradedProfile = SeedRecord<Renamed<CustomerProfile>, "sid">;
export const upgraded: UpgradedProfile[] = [{ sid, renamed_status: "draft" }];
// @ts-expect-error status was renamed
export const stale: UpgradedProfile[] = [{ sid, status: "draft" }];
