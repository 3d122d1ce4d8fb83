// ------------------------------------------------------------------------------------------------
// GENERATED FILE: DO NOT EDIT. Regenerate with `pnpm generate` after changing the spec.
// Source: specs/trusthub/v1/openapi.yaml (info.version 1.0.0, sha256 aa86fa18b7998dec)
// ------------------------------------------------------------------------------------------------
export const SPEC_VERSION = "1.0.0";

const c0 = {"type":"string","enum":["draft","pending-review","in-review","twilio-rejected","twilio-approved"]} as const;
const c1 = {"type":"string"} as const;
const c2 = {"type":"string","pattern":"^RN[0-9a-fA-F]{32}$","minLength":34,"maxLength":34} as const;
const c3 = {"type":"integer","minimum":1,"maximum":1000} as const;
const c4 = {"type":"integer","minimum":0} as const;
const c5 = {"type":"string","format":"uri"} as const;
const c6 = {"type":"string","pattern":"^BU[0-9a-fA-F]{32}$","minLength":34,"maxLength":34} as const;
const c7 = {"type":"string","pattern":"^BV[0-9a-fA-F]{32}$","minLength":34,"maxLength":34} as const;

/** Path and query parameter constraints, form-body fields and list shape of every operation, by path and method. */
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
      "list": {
        "itemsKey": "results"
      }
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
          "StatusCallback": c5
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
        "Sid": c6
      },
      "success": {
        "200": []
      }
    },
    "POST": {
      "path": {
        "Sid": c6
      },
      "body": {
        "closed": true,
        "properties": {
          "Status": c0,
          "FriendlyName": c1,
          "Email": c1,
          "StatusCallback": c5
        }
      },
      "success": {
        "200": []
      }
    },
    "DELETE": {
      "path": {
        "Sid": c6
      },
      "success": {
        "204": null
      }
    }
  },
  "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments": {
    "GET": {
      "path": {
        "CustomerProfileSid": c6
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
      "list": {
        "itemsKey": "results"
      }
    },
    "POST": {
      "path": {
        "CustomerProfileSid": c6
      },
      "body": {
        "required": [
          "ObjectSid"
        ],
        "closed": true,
        "properties": {
          "ObjectSid": {
            "type": "string",
            "pattern": "^[a-zA-Z]{2}[0-9a-fA-F]{32}$",
            "minLength": 34,
            "maxLength": 34
          }
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
        "CustomerProfileSid": c6,
        "Sid": c7
      },
      "success": {
        "200": []
      }
    },
    "DELETE": {
      "path": {
        "CustomerProfileSid": c6,
        "Sid": c7
      },
      "success": {
        "204": null
      }
    }
  }
} as const;

/** The paths whose GET returns a page of items linked by `meta.next_page_url`. */
export const listPaths = ["/v1/CustomerProfiles","/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments"] as const;
