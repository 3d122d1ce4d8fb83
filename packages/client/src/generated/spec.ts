// ------------------------------------------------------------------------------------------------
// GENERATED FILE: DO NOT EDIT. Regenerate with `pnpm generate` after changing the spec.
// Source: specs/trusthub/v1/openapi.yaml (info.version 1.0.0, sha256 424b4acfd1c0b6ba)
// ------------------------------------------------------------------------------------------------
import type { Constraint, ListMeta, OperationTable } from "../metadata.js";

/** The `info.version` of the TrustHub spec this client was generated from. */
export const SPEC_VERSION = "1.0.0";

const c0 = {"type":"string","enum":["draft","pending-review","in-review","twilio-rejected","twilio-approved"]} as const satisfies Constraint;
const c1 = {"type":"string"} as const satisfies Constraint;
const c2 = {"type":"string","pattern":"^RN[0-9a-fA-F]{32}$","minLength":34,"maxLength":34} as const satisfies Constraint;
const c3 = {"type":"integer","minimum":1,"maximum":1000} as const satisfies Constraint;
const c4 = {"type":"integer","minimum":0} as const satisfies Constraint;
const c5 = {"itemsKey":"results","nextPageUrl":["meta","next_page_url"],"pageSizeParam":"PageSize","maxPageSize":1000} as const satisfies ListMeta;
const c6 = {"type":"string","format":"uri"} as const satisfies Constraint;
const c7 = {"type":"string","pattern":"^BU[0-9a-fA-F]{32}$","minLength":34,"maxLength":34} as const satisfies Constraint;
const c8 = {"type":"string","pattern":"^[a-zA-Z]{2}[0-9a-fA-F]{32}$","minLength":34,"maxLength":34} as const satisfies Constraint;
const c9 = {"type":"string","pattern":"^BV[0-9a-fA-F]{32}$","minLength":34,"maxLength":34} as const satisfies Constraint;

/** Path and query parameter constraints, form-body fields, success responses and list paging of every operation, by path and method. */
export const operations = {
  "/v1/CustomerProfiles": {
    "GET": {
      "query": {
        "Status": c0,
        "FriendlyName": c1,
        "PolicySid": c2,
        "PageSize": c3,
        "Page": c4,
        "PageToken": c1
      },
      "success": {
        "200": [
          "results",
          "meta"
        ]
      },
      "list": c5
    },
    "POST": {
      "body": {
        "required": [
          "FriendlyName",
          "Email",
          "PolicySid"
        ],
        "closed": true,
        "properties": {
          "FriendlyName": c1,
          "Email": c1,
          "PolicySid": c2,
          "StatusCallback": c6
        }
      },
      "success": {
        "201": []
      }
    }
  },
  "/v1/CustomerProfiles/{Sid}": {
    "GET": {
      "path": {
        "Sid": c7
      },
      "success": {
        "200": []
      }
    },
    "POST": {
      "path": {
        "Sid": c7
      },
      "body": {
        "closed": true,
        "properties": {
          "Status": c0,
          "FriendlyName": c1,
          "Email": c1,
          "StatusCallback": c6
        }
      },
      "success": {
        "200": []
      }
    },
    "DELETE": {
      "path": {
        "Sid": c7
      },
      "success": {
        "204": null
      }
    }
  },
  "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments": {
    "GET": {
      "path": {
        "CustomerProfileSid": c7
      },
      "query": {
        "ObjectType": c1,
        "PageSize": c3,
        "Page": c4,
        "PageToken": c1
      },
      "success": {
        "200": [
          "results",
          "meta"
        ]
      },
      "list": c5
    },
    "POST": {
      "path": {
        "CustomerProfileSid": c7
      },
      "body": {
        "required": [
          "ObjectSid"
        ],
        "closed": true,
        "properties": {
          "ObjectSid": c8
        }
      },
      "success": {
        "201": []
      }
    }
  },
  "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}": {
    "GET": {
      "path": {
        "CustomerProfileSid": c7,
        "Sid": c9
      },
      "success": {
        "200": []
      }
    },
    "DELETE": {
      "path": {
        "CustomerProfileSid": c7,
        "Sid": c9
      },
      "success": {
        "204": null
      }
    }
  }
} as const satisfies OperationTable;

/** The constraints of the spec's patterned string schemas (its SIDs), by schema name: what the generated guards check. */
export const schemas = {
  "AccountSid": {
    "type": "string",
    "pattern": "^AC[0-9a-fA-F]{32}$",
    "minLength": 34,
    "maxLength": 34
  },
  "CustomerProfileSid": c7,
  "EntityAssignmentSid": c9,
  "PolicySid": c2,
  "ObjectSid": c8
} as const satisfies Readonly<Record<string, Constraint>>;
