// ------------------------------------------------------------------------------------------------
// GENERATED FILE: DO NOT EDIT. Regenerate with `pnpm generate` after changing the spec.
// Source: specs/trusthub/v1/openapi.yaml (info.version 1.0.0, sha256 424b4acfd1c0b6ba)
// ------------------------------------------------------------------------------------------------
export interface paths {
    "/v1/CustomerProfiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Customer Profiles
         * @description Retrieves one page of the account's Customer Profiles, optionally filtered. Follow `meta.next_page_url` for the next page.
         */
        get: operations["ListCustomerProfile"];
        put?: never;
        /**
         * Create a Customer Profile
         * @description Creates a Customer Profile in `draft` status under the given policy.
         */
        post: operations["CreateCustomerProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/CustomerProfiles/{Sid}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SID of the Customer Profile. */
                Sid: components["schemas"]["CustomerProfileSid"];
            };
            cookie?: never;
        };
        /**
         * Fetch a Customer Profile
         * @description Retrieves one Customer Profile by its SID.
         */
        get: operations["FetchCustomerProfile"];
        put?: never;
        /**
         * Update a Customer Profile
         * @description Changes any of Status, FriendlyName, Email and StatusCallback. Setting Status to `pending-review` submits the profile for review.
         */
        post: operations["UpdateCustomerProfile"];
        /**
         * Delete a Customer Profile
         * @description Deletes a Customer Profile. Answers 204 with no body.
         */
        delete: operations["DeleteCustomerProfile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SID of the Customer Profile the assignments belong to. */
                CustomerProfileSid: components["parameters"]["CustomerProfileSid"];
            };
            cookie?: never;
        };
        /**
         * List a Customer Profile's assigned items
         * @description Retrieves one page of the items assigned to the profile, optionally only those of one object type. Follow `meta.next_page_url` for the next page.
         */
        get: operations["ListCustomerProfileEntityAssignment"];
        put?: never;
        /**
         * Assign an item to a Customer Profile
         * @description Assigns an end user or supporting document (an object bag) to the profile.
         */
        post: operations["CreateCustomerProfileEntityAssignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SID of the Customer Profile the assignments belong to. */
                CustomerProfileSid: components["parameters"]["CustomerProfileSid"];
                /** @description The SID of the assignment. */
                Sid: components["schemas"]["EntityAssignmentSid"];
            };
            cookie?: never;
        };
        /**
         * Fetch an assigned item
         * @description Retrieves one assignment of the profile by its SID.
         */
        get: operations["FetchCustomerProfileEntityAssignment"];
        put?: never;
        post?: never;
        /**
         * Remove an assigned item
         * @description Removes the assignment from the profile.
         */
        delete: operations["DeleteCustomerProfileEntityAssignment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The SID of a Twilio Account. */
        AccountSid: AccountSid;
        /** @description The SID of a Customer Profile. */
        CustomerProfileSid: CustomerProfileSid;
        /** @description The SID of an Entity Assignment. */
        EntityAssignmentSid: EntityAssignmentSid;
        /** @description The SID of a TrustHub policy. */
        PolicySid: PolicySid;
        /** @description The SID of an object bag (an end user, `IT…`, or a supporting document, `RD…`); any two-letter prefix. */
        ObjectSid: ObjectSid;
        /**
         * @description The verification status of a Customer Profile.
         * @enum {string}
         */
        CustomerProfileStatus: CustomerProfileStatus;
        /** @description A Customer Profile. */
        CustomerProfile: CustomerProfile;
        /** @description An item assigned to a Customer Profile. */
        CustomerProfileEntityAssignment: CustomerProfileEntityAssignment;
        /** @description Paging information of a list page. The next page is at `next_page_url`, an absolute URL carrying `PageToken`; it is null on the last page. */
        PageMeta: PageMeta;
        CustomerProfileListPage: CustomerProfileListPage;
        CustomerProfileEntityAssignmentListPage: CustomerProfileEntityAssignmentListPage;
        /** @description The body of every Twilio error response. */
        TwilioError: TwilioError;
    };
    responses: {
        /** @description Missing or wrong credentials (Twilio error 20003). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description No such resource (Twilio error 20404). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description Rate limited (Twilio error 20429); the request was not processed. Retry after `Retry-After`. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description Any other error, such as a 5xx server fault (same Twilio error body). */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TwilioError"];
            };
        };
    };
    parameters: {
        /** @description The SID of the Customer Profile the assignments belong to. */
        CustomerProfileSid: components["schemas"]["CustomerProfileSid"];
        /** @description How many resources to return in each list page. The default is 50, and the maximum is 1000. */
        PageSize: number;
        /** @description The page index. This value is simply for client state. */
        Page: number;
        /** @description The page token. This is provided by the API. */
        PageToken: string;
    };
    requestBodies: {
        CreateCustomerProfile: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @description A string that describes the profile. */
                    FriendlyName: string;
                    /** @description The address that receives updates when the profile's status changes. */
                    Email: string;
                    /** @description The SID of a TrustHub policy. */
                    PolicySid: components["schemas"]["PolicySid"];
                    /**
                     * Format: uri
                     * @description The URL Twilio calls to report status changes.
                     */
                    StatusCallback?: string;
                };
            };
        };
        UpdateCustomerProfile: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @description The verification status of a Customer Profile. */
                    Status?: components["schemas"]["CustomerProfileStatus"];
                    /** @description A string that describes the profile. */
                    FriendlyName?: string;
                    /** @description The address that receives updates when the profile's status changes. */
                    Email?: string;
                    /**
                     * Format: uri
                     * @description The URL Twilio calls to report status changes.
                     */
                    StatusCallback?: string;
                };
            };
        };
        CreateCustomerProfileEntityAssignment: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @description The SID of an object bag (an end user, `IT…`, or a supporting document, `RD…`); any two-letter prefix. */
                    ObjectSid: components["schemas"]["ObjectSid"];
                };
            };
        };
    };
    headers: {
        /** @description The origin(s) allowed to access the resource. */
        AccessControlAllowOrigin: string;
        /** @description The HTTP methods allowed when accessing the resource. */
        AccessControlAllowMethods: string;
        /** @description The headers allowed when accessing the resource. */
        AccessControlAllowHeaders: string;
        /** @description Whether the browser should include credentials. */
        AccessControlAllowCredentials: boolean;
        /** @description The headers exposed to the client. */
        AccessControlExposeHeaders: string;
        /** @description How long to wait before retrying, as delta-seconds or an HTTP-date (RFC 9110). */
        RetryAfter: string;
    };
    pathItems: never;
}
/** @description The SID of a Twilio Account. */
export type AccountSid = `AC${string}`;
/** @description The SID of a Customer Profile. */
export type CustomerProfileSid = `BU${string}`;
/** @description The SID of an Entity Assignment. */
export type EntityAssignmentSid = `BV${string}`;
/** @description The SID of a TrustHub policy. */
export type PolicySid = `RN${string}`;
/** @description The SID of an object bag (an end user, `IT…`, or a supporting document, `RD…`); any two-letter prefix. */
export type ObjectSid = string;
/**
 * @description The verification status of a Customer Profile.
 * @enum {string}
 */
export type CustomerProfileStatus = "draft" | "pending-review" | "in-review" | "twilio-rejected" | "twilio-approved";
/** @description A Customer Profile. */
export type CustomerProfile = {
    /** @description The unique string that identifies the profile. */
    sid?: components["schemas"]["CustomerProfileSid"] | null;
    /** @description The SID of the Account that created the profile. */
    account_sid?: components["schemas"]["AccountSid"] | null;
    /** @description The SID of the policy the profile is checked against. */
    policy_sid?: components["schemas"]["PolicySid"] | null;
    /** @description The string that you assigned to describe the profile. */
    friendly_name?: string | null;
    /** @description The verification status of a Customer Profile. */
    status?: components["schemas"]["CustomerProfileStatus"];
    /**
     * Format: date-time
     * @description When (GMT, ISO 8601) the profile stops being valid.
     */
    valid_until?: string | null;
    /** @description The address that receives updates when the profile's status changes. */
    email?: string | null;
    /**
     * Format: uri
     * @description The URL Twilio calls to report status changes.
     */
    status_callback?: string | null;
    /**
     * Format: date-time
     * @description When (GMT, ISO 8601) the profile was created.
     */
    date_created?: string | null;
    /**
     * Format: date-time
     * @description When (GMT, ISO 8601) the profile was last updated.
     */
    date_updated?: string | null;
    /**
     * Format: uri
     * @description The absolute URL of the profile.
     */
    url?: string | null;
    /** @description URLs of the profile's related resources, by name. */
    links?: {
        [key: string]: string;
    } | null;
    /** @description The error codes behind a rejection. */
    errors?: {
        /** @description A Twilio error code. */
        code?: number;
    }[] | null;
};
/** @description An item assigned to a Customer Profile. */
export type CustomerProfileEntityAssignment = {
    /** @description The unique string that identifies the assignment. */
    sid?: components["schemas"]["EntityAssignmentSid"] | null;
    /** @description The SID of the Customer Profile the item is assigned to. */
    customer_profile_sid?: components["schemas"]["CustomerProfileSid"] | null;
    /** @description The SID of the Account that created the assignment. */
    account_sid?: components["schemas"]["AccountSid"] | null;
    /** @description The SID of the assigned object bag. */
    object_sid?: components["schemas"]["ObjectSid"] | null;
    /**
     * Format: date-time
     * @description When (GMT, ISO 8601) the item was assigned.
     */
    date_created?: string | null;
    /**
     * Format: uri
     * @description The absolute URL of the assignment.
     */
    url?: string | null;
};
/** @description Paging information of a list page. The next page is at `next_page_url`, an absolute URL carrying `PageToken`; it is null on the last page. */
export type PageMeta = {
    /** Format: uri */
    first_page_url: string;
    /** @description The name of the property that holds the page's items. */
    key: string;
    /** Format: uri */
    next_page_url: string | null;
    page: number;
    page_size: number;
    /** Format: uri */
    previous_page_url: string | null;
    /** Format: uri */
    url: string;
};
export type CustomerProfileListPage = {
    results: components["schemas"]["CustomerProfile"][];
    /** @description Paging information of a list page. The next page is at `next_page_url`, an absolute URL carrying `PageToken`; it is null on the last page. */
    meta: components["schemas"]["PageMeta"];
};
export type CustomerProfileEntityAssignmentListPage = {
    results: components["schemas"]["CustomerProfileEntityAssignment"][];
    /** @description Paging information of a list page. The next page is at `next_page_url`, an absolute URL carrying `PageToken`; it is null on the last page. */
    meta: components["schemas"]["PageMeta"];
};
/** @description The body of every Twilio error response. */
export type TwilioError = {
    /** @description The Twilio error code, documented at `more_info`. */
    code: number;
    /** @description What went wrong. */
    message: string;
    /**
     * Format: uri
     * @description The documentation page of the error code.
     */
    more_info: string;
    /** @description The HTTP status code. */
    status: number;
    /** @description Error-specific details, when the API gives any. */
    details?: {
        [key: string]: unknown;
    };
};
export type ResponseUnauthorized = components['responses']['Unauthorized'];
export type ResponseNotFound = components['responses']['NotFound'];
export type ResponseTooManyRequests = components['responses']['TooManyRequests'];
export type ResponseError = components['responses']['Error'];
export type ParameterCustomerProfileSid = components['parameters']['CustomerProfileSid'];
export type ParameterPageSize = components['parameters']['PageSize'];
export type ParameterPage = components['parameters']['Page'];
export type ParameterPageToken = components['parameters']['PageToken'];
export type RequestBodyCreateCustomerProfile = components['requestBodies']['CreateCustomerProfile'];
export type RequestBodyUpdateCustomerProfile = components['requestBodies']['UpdateCustomerProfile'];
export type RequestBodyCreateCustomerProfileEntityAssignment = components['requestBodies']['CreateCustomerProfileEntityAssignment'];
export type HeaderAccessControlAllowOrigin = components['headers']['AccessControlAllowOrigin'];
export type HeaderAccessControlAllowMethods = components['headers']['AccessControlAllowMethods'];
export type HeaderAccessControlAllowHeaders = components['headers']['AccessControlAllowHeaders'];
export type HeaderAccessControlAllowCredentials = components['headers']['AccessControlAllowCredentials'];
export type HeaderAccessControlExposeHeaders = components['headers']['AccessControlExposeHeaders'];
export type HeaderRetryAfter = components['headers']['RetryAfter'];
export type $defs = Record<string, never>;
export interface operations {
    ListCustomerProfile: {
        parameters: {
            query?: {
                /** @description Only return profiles in this verification status. */
                Status?: components["schemas"]["CustomerProfileStatus"];
                /** @description Only return profiles with this friendly name. */
                FriendlyName?: string;
                /** @description Only return profiles associated with this policy. */
                PolicySid?: components["schemas"]["PolicySid"];
                /** @description How many resources to return in each list page. The default is 50, and the maximum is 1000. */
                PageSize?: components["parameters"]["PageSize"];
                /** @description The page index. This value is simply for client state. */
                Page?: components["parameters"]["Page"];
                /** @description The page token. This is provided by the API. */
                PageToken?: components["parameters"]["PageToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of Customer Profiles. */
            200: {
                headers: {
                    /** @description The origin(s) allowed to access the resource. */
                    "Access-Control-Allow-Origin"?: string;
                    /** @description The HTTP methods allowed when accessing the resource. */
                    "Access-Control-Allow-Methods"?: string;
                    /** @description The headers allowed when accessing the resource. */
                    "Access-Control-Allow-Headers"?: string;
                    /** @description Whether the browser should include credentials. */
                    "Access-Control-Allow-Credentials"?: boolean;
                    /** @description The headers exposed to the client. */
                    "Access-Control-Expose-Headers"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerProfileListPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    CreateCustomerProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["CreateCustomerProfile"];
        responses: {
            /** @description The created Customer Profile. */
            201: {
                headers: {
                    /** @description The origin(s) allowed to access the resource. */
                    "Access-Control-Allow-Origin"?: string;
                    /** @description The HTTP methods allowed when accessing the resource. */
                    "Access-Control-Allow-Methods"?: string;
                    /** @description The headers allowed when accessing the resource. */
                    "Access-Control-Allow-Headers"?: string;
                    /** @description Whether the browser should include credentials. */
                    "Access-Control-Allow-Credentials"?: boolean;
                    /** @description The headers exposed to the client. */
                    "Access-Control-Expose-Headers"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerProfile"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    FetchCustomerProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SID of the Customer Profile. */
                Sid: components["schemas"]["CustomerProfileSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Customer Profile. */
            200: {
                headers: {
                    /** @description The origin(s) allowed to access the resource. */
                    "Access-Control-Allow-Origin"?: string;
                    /** @description The HTTP methods allowed when accessing the resource. */
                    "Access-Control-Allow-Methods"?: string;
                    /** @description The headers allowed when accessing the resource. */
                    "Access-Control-Allow-Headers"?: string;
                    /** @description Whether the browser should include credentials. */
                    "Access-Control-Allow-Credentials"?: boolean;
                    /** @description The headers exposed to the client. */
                    "Access-Control-Expose-Headers"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerProfile"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    UpdateCustomerProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SID of the Customer Profile. */
                Sid: components["schemas"]["CustomerProfileSid"];
            };
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["UpdateCustomerProfile"];
        responses: {
            /** @description The updated Customer Profile. */
            200: {
                headers: {
                    /** @description The origin(s) allowed to access the resource. */
                    "Access-Control-Allow-Origin"?: string;
                    /** @description The HTTP methods allowed when accessing the resource. */
                    "Access-Control-Allow-Methods"?: string;
                    /** @description The headers allowed when accessing the resource. */
                    "Access-Control-Allow-Headers"?: string;
                    /** @description Whether the browser should include credentials. */
                    "Access-Control-Allow-Credentials"?: boolean;
                    /** @description The headers exposed to the client. */
                    "Access-Control-Expose-Headers"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerProfile"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    DeleteCustomerProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SID of the Customer Profile. */
                Sid: components["schemas"]["CustomerProfileSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; no body. */
            204: {
                headers: {
                    /** @description The origin(s) allowed to access the resource. */
                    "Access-Control-Allow-Origin"?: string;
                    /** @description The HTTP methods allowed when accessing the resource. */
                    "Access-Control-Allow-Methods"?: string;
                    /** @description The headers allowed when accessing the resource. */
                    "Access-Control-Allow-Headers"?: string;
                    /** @description Whether the browser should include credentials. */
                    "Access-Control-Allow-Credentials"?: boolean;
                    /** @description The headers exposed to the client. */
                    "Access-Control-Expose-Headers"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    ListCustomerProfileEntityAssignment: {
        parameters: {
            query?: {
                /** @description Only return assignments of this EndUserType or SupportingDocumentType machine name, for example `customer_profile_business_information`. */
                ObjectType?: string;
                /** @description How many resources to return in each list page. The default is 50, and the maximum is 1000. */
                PageSize?: components["parameters"]["PageSize"];
                /** @description The page index. This value is simply for client state. */
                Page?: components["parameters"]["Page"];
                /** @description The page token. This is provided by the API. */
                PageToken?: components["parameters"]["PageToken"];
            };
            header?: never;
            path: {
                /** @description The SID of the Customer Profile the assignments belong to. */
                CustomerProfileSid: components["parameters"]["CustomerProfileSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of assignments. */
            200: {
                headers: {
                    /** @description The origin(s) allowed to access the resource. */
                    "Access-Control-Allow-Origin"?: string;
                    /** @description The HTTP methods allowed when accessing the resource. */
                    "Access-Control-Allow-Methods"?: string;
                    /** @description The headers allowed when accessing the resource. */
                    "Access-Control-Allow-Headers"?: string;
                    /** @description Whether the browser should include credentials. */
                    "Access-Control-Allow-Credentials"?: boolean;
                    /** @description The headers exposed to the client. */
                    "Access-Control-Expose-Headers"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerProfileEntityAssignmentListPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    CreateCustomerProfileEntityAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SID of the Customer Profile the assignments belong to. */
                CustomerProfileSid: components["parameters"]["CustomerProfileSid"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["CreateCustomerProfileEntityAssignment"];
        responses: {
            /** @description The created assignment. */
            201: {
                headers: {
                    /** @description The origin(s) allowed to access the resource. */
                    "Access-Control-Allow-Origin"?: string;
                    /** @description The HTTP methods allowed when accessing the resource. */
                    "Access-Control-Allow-Methods"?: string;
                    /** @description The headers allowed when accessing the resource. */
                    "Access-Control-Allow-Headers"?: string;
                    /** @description Whether the browser should include credentials. */
                    "Access-Control-Allow-Credentials"?: boolean;
                    /** @description The headers exposed to the client. */
                    "Access-Control-Expose-Headers"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerProfileEntityAssignment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    FetchCustomerProfileEntityAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SID of the Customer Profile the assignments belong to. */
                CustomerProfileSid: components["parameters"]["CustomerProfileSid"];
                /** @description The SID of the assignment. */
                Sid: components["schemas"]["EntityAssignmentSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The assignment. */
            200: {
                headers: {
                    /** @description The origin(s) allowed to access the resource. */
                    "Access-Control-Allow-Origin"?: string;
                    /** @description The HTTP methods allowed when accessing the resource. */
                    "Access-Control-Allow-Methods"?: string;
                    /** @description The headers allowed when accessing the resource. */
                    "Access-Control-Allow-Headers"?: string;
                    /** @description Whether the browser should include credentials. */
                    "Access-Control-Allow-Credentials"?: boolean;
                    /** @description The headers exposed to the client. */
                    "Access-Control-Expose-Headers"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerProfileEntityAssignment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    DeleteCustomerProfileEntityAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The SID of the Customer Profile the assignments belong to. */
                CustomerProfileSid: components["parameters"]["CustomerProfileSid"];
                /** @description The SID of the assignment. */
                Sid: components["schemas"]["EntityAssignmentSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed; no body. */
            204: {
                headers: {
                    /** @description The origin(s) allowed to access the resource. */
                    "Access-Control-Allow-Origin"?: string;
                    /** @description The HTTP methods allowed when accessing the resource. */
                    "Access-Control-Allow-Methods"?: string;
                    /** @description The headers allowed when accessing the resource. */
                    "Access-Control-Allow-Headers"?: string;
                    /** @description Whether the browser should include credentials. */
                    "Access-Control-Allow-Credentials"?: boolean;
                    /** @description The headers exposed to the client. */
                    "Access-Control-Expose-Headers"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
}
/** The named examples of each operation's responses, by operationId (what a mock's `override(id, { example })` takes). */
export interface responseExamples {
    "ListCustomerProfile": "populated" | "empty" | "authenticate" | "notFound" | "tooManyRequests" | "serverError";
    "CreateCustomerProfile": "draft" | "authenticate" | "notFound" | "tooManyRequests" | "serverError";
    "FetchCustomerProfile": "approved" | "rejected" | "authenticate" | "notFound" | "tooManyRequests" | "serverError";
    "UpdateCustomerProfile": "submitted" | "authenticate" | "notFound" | "tooManyRequests" | "serverError";
    "DeleteCustomerProfile": "authenticate" | "notFound" | "tooManyRequests" | "serverError";
    "ListCustomerProfileEntityAssignment": "populated" | "empty" | "authenticate" | "notFound" | "tooManyRequests" | "serverError";
    "CreateCustomerProfileEntityAssignment": "endUser" | "authenticate" | "notFound" | "tooManyRequests" | "serverError";
    "FetchCustomerProfileEntityAssignment": "document" | "authenticate" | "notFound" | "tooManyRequests" | "serverError";
    "DeleteCustomerProfileEntityAssignment": "authenticate" | "notFound" | "tooManyRequests" | "serverError";
}
