// A small onboarding service of the kind other teams build on @trusthub/client: it puts a business through
// TrustHub (a Customer Profile under the team's policy, its representative and documents assigned, submitted
// for review), reports where a profile stands, lists what awaits review and withdraws profiles. Failures
// come out as OnboardingError with a kind the service's callers act on.
import {
  paginate,
  TrustHubApiError,
  TrustHubNetworkError,
  TrustHubValidationError,
  unwrap,
  type CustomerProfileSid,
  type CustomerProfileStatus,
  type ObjectSid,
  type PolicySid,
  type TrustHubClient,
} from "@trusthub/client";

export interface Business {
  name: string;
  email: string;
  /** The end user (IT…) who represents the business. */
  representativeSid: ObjectSid;
  /** Supporting documents (RD…) to assign as well. */
  documentSids?: ObjectSid[];
}

/**
 * - invalid: TrustHub (or the client, before sending) refused what we sent
 * - unauthorized: our credentials were refused
 * - not-found: the profile is not there
 * - unavailable: rate limited, failing or unreachable, after the client's retries: try again later
 */
export type FailureKind = "invalid" | "unauthorized" | "not-found" | "unavailable";

export class OnboardingError extends Error {
  override name = "OnboardingError";
  constructor(
    readonly kind: FailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OnboardingService {
  /** Creates the profile, assigns the representative and documents, submits it; a half-made profile is withdrawn again. */
  onboard(business: Business): Promise<{ profileSid: CustomerProfileSid; status: CustomerProfileStatus | undefined }>;
  /** Where a profile stands; undefined when TrustHub has no such profile (or does not say). */
  status(profileSid: CustomerProfileSid): Promise<CustomerProfileStatus | undefined>;
  /** The names of the policy's profiles awaiting Twilio's review, every page of them. */
  pendingReviews(): Promise<string[]>;
  /** Deletes a profile; one that is already gone counts as withdrawn. */
  withdraw(profileSid: CustomerProfileSid): Promise<void>;
}

/** Profiles in these statuses wait for Twilio. */
const AWAITING_REVIEW: CustomerProfileStatus[] = ["pending-review", "in-review"];

export function createOnboardingService({ client, policySid, pageSize = 50 }: { client: TrustHubClient; policySid: PolicySid; pageSize?: number }): OnboardingService {
  async function withdraw(profileSid: CustomerProfileSid): Promise<void> {
    try {
      await unwrap(client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profileSid } } }));
    } catch (error) {
      const failed = failure(error, `withdrawing ${profileSid}`);
      if (failed.kind !== "not-found") throw failed;
    }
  }

  return {
    async onboard(business) {
      let profileSid: CustomerProfileSid;
      try {
        const profile = await unwrap(client.POST("/v1/CustomerProfiles", { body: { FriendlyName: business.name, Email: business.email, PolicySid: policySid } }));
        profileSid = profile.sid!;
      } catch (error) {
        throw failure(error, `creating the profile of ${business.name}`);
      }
      try {
        for (const objectSid of [business.representativeSid, ...(business.documentSids ?? [])]) {
          await unwrap(
            client.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
              params: { path: { CustomerProfileSid: profileSid } },
              body: { ObjectSid: objectSid },
            }),
          );
        }
        const submitted = await unwrap(client.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profileSid } }, body: { Status: "pending-review" } }));
        return { profileSid, status: submitted.status };
      } catch (error) {
        // Leave nothing half-made behind: a draft with missing assignments would only confuse a retry.
        await withdraw(profileSid).catch(() => undefined);
        throw failure(error, `onboarding ${business.name}`);
      }
    },

    async status(profileSid) {
      try {
        return (await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profileSid } } }))).status;
      } catch (error) {
        const failed = failure(error, `reading ${profileSid}`);
        if (failed.kind === "not-found") return undefined;
        throw failed;
      }
    },

    async pendingReviews() {
      const names: string[] = [];
      try {
        for (const status of AWAITING_REVIEW) {
          const query = { PolicySid: policySid, Status: status, PageSize: pageSize };
          for await (const profile of paginate(client, "/v1/CustomerProfiles", { params: { query } })) names.push(profile.friendly_name ?? profile.sid ?? "");
        }
      } catch (error) {
        throw failure(error, "listing the profiles awaiting review");
      }
      return names;
    },

    withdraw,
  };
}

/** An error of the client as the service's kind of failure. */
function failure(error: unknown, doing: string): OnboardingError {
  if (error instanceof OnboardingError) return error;
  const because = (kind: FailureKind) => new OnboardingError(kind, `${doing}: ${(error as Error).message}`, { cause: error });
  if (error instanceof TrustHubValidationError) return because("invalid");
  if (error instanceof TrustHubApiError) {
    if (error.status === 400) return because("invalid");
    if (error.status === 401 || error.status === 403) return because("unauthorized");
    if (error.status === 404) return because("not-found");
    return because("unavailable");
  }
  if (error instanceof TrustHubNetworkError) return because("unavailable");
  throw error;
}
