// ------------------------------------------------------------------------------------------------
// GENERATED FILE: DO NOT EDIT. Regenerate with `pnpm generate` after changing the spec.
// Source: specs/trusthub/v1/openapi.yaml (info.version 1.0.0, sha256 424b4acfd1c0b6ba)
// ------------------------------------------------------------------------------------------------
import type { AccountSid, CustomerProfileSid, EntityAssignmentSid, PolicySid, ObjectSid } from "@trusthub/types";
import { conforms } from "../validate.js";
import { schemas } from "./spec.js";

/**
 * `AccountSid`: The SID of a Twilio Account.
 *
 * True when `value` is one as the client checks it before sending: a string matching `^AC[0-9a-fA-F]{32}$`, 34 characters.
 * Narrows a string read from elsewhere to the type, instead of a cast.
 */
export const isAccountSid = (value: unknown): value is AccountSid => conforms(value, schemas.AccountSid);
/**
 * `CustomerProfileSid`: The SID of a Customer Profile.
 *
 * True when `value` is one as the client checks it before sending: a string matching `^BU[0-9a-fA-F]{32}$`, 34 characters.
 * Narrows a string read from elsewhere to the type, instead of a cast.
 */
export const isCustomerProfileSid = (value: unknown): value is CustomerProfileSid => conforms(value, schemas.CustomerProfileSid);
/**
 * `EntityAssignmentSid`: The SID of an Entity Assignment.
 *
 * True when `value` is one as the client checks it before sending: a string matching `^BV[0-9a-fA-F]{32}$`, 34 characters.
 * Narrows a string read from elsewhere to the type, instead of a cast.
 */
export const isEntityAssignmentSid = (value: unknown): value is EntityAssignmentSid => conforms(value, schemas.EntityAssignmentSid);
/**
 * `PolicySid`: The SID of a TrustHub policy.
 *
 * True when `value` is one as the client checks it before sending: a string matching `^RN[0-9a-fA-F]{32}$`, 34 characters.
 * Narrows a string read from elsewhere to the type, instead of a cast.
 */
export const isPolicySid = (value: unknown): value is PolicySid => conforms(value, schemas.PolicySid);
/**
 * `ObjectSid`: The SID of an object bag (an end user, `IT…`, or a supporting document, `RD…`); any two-letter prefix.
 *
 * True when `value` is one as the client checks it before sending: a string matching `^[a-zA-Z]{2}[0-9a-fA-F]{32}$`, 34 characters.
 * Narrows a string read from elsewhere to the type, instead of a cast.
 */
export const isObjectSid = (value: unknown): value is ObjectSid => conforms(value, schemas.ObjectSid);
