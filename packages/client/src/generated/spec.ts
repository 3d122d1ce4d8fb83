// ------------------------------------------------------------------------------------------------
// GENERATED FILE: DO NOT EDIT. Regenerate with `pnpm generate` after changing the spec.
// Source: specs/trusthub/v1/openapi.yaml (info.version 1.0.0, sha256 5a885cc17adcc24a)
// ------------------------------------------------------------------------------------------------
export const SPEC_VERSION = "1.0.0";

/** Path and query parameter constraints, form-body fields and list shape of every operation, by path and method. */
export const operations = {
  "/v1/CustomerProfiles": {
    "GET": {
      "operationId": "ListCustomerProfile",
      "path": {},
      "query": {
        "Status": {
          "type": "string",
          "enum": [
            "draft",
            "pending-review",
            "in-review",
            "twilio-rejected",
            "twilio-approved"
          ]
        },
        "FriendlyName": {
          "type": "string"
        },
        "PolicySid": {
          "type": "string",
          "pattern": "^RN[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        },
        "PageSize": {
          "type": "integer",
          "format": "int64",
          "minimum": 1,
          "maximum": 1000
        },
        "Page": {
          "type": "integer",
          "minimum": 0
        },
        "PageToken": {
          "type": "string"
        }
      },
      "requiredQuery": [],
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
      "operationId": "CreateCustomerProfile",
      "path": {},
      "query": {},
      "requiredQuery": [],
      "body": {
        "required": [
          "FriendlyName",
          "Email",
          "PolicySid"
        ],
        "closed": true,
        "properties": {
          "FriendlyName": {
            "type": "string"
          },
          "Email": {
            "type": "string"
          },
          "PolicySid": {
            "type": "string",
            "pattern": "^RN[0-9a-fA-F]{32}$",
            "minLength": 34,
            "maxLength": 34
          },
          "StatusCallback": {
            "type": "string",
            "format": "uri"
          }
        }
      },
      "success": {
        "201": [
          "status"
        ]
      }
    }
  },
  "/v1/CustomerProfiles/{Sid}": {
    "GET": {
      "operationId": "FetchCustomerProfile",
      "path": {
        "Sid": {
          "type": "string",
          "pattern": "^BU[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        }
      },
      "query": {},
      "requiredQuery": [],
      "success": {
        "200": [
          "status"
        ]
      }
    },
    "POST": {
      "operationId": "UpdateCustomerProfile",
      "path": {
        "Sid": {
          "type": "string",
          "pattern": "^BU[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        }
      },
      "query": {},
      "requiredQuery": [],
      "body": {
        "required": [],
        "closed": true,
        "properties": {
          "Status": {
            "type": "string",
            "enum": [
              "draft",
              "pending-review",
              "in-review",
              "twilio-rejected",
              "twilio-approved"
            ]
          },
          "FriendlyName": {
            "type": "string"
          },
          "Email": {
            "type": "string"
          },
          "StatusCallback": {
            "type": "string",
            "format": "uri"
          }
        }
      },
      "success": {
        "200": [
          "status"
        ]
      }
    },
    "DELETE": {
      "operationId": "DeleteCustomerProfile",
      "path": {
        "Sid": {
          "type": "string",
          "pattern": "^BU[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        }
      },
      "query": {},
      "requiredQuery": [],
      "success": {
        "204": null
      }
    }
  },
  "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments": {
    "GET": {
      "operationId": "ListCustomerProfileEntityAssignment",
      "path": {
        "CustomerProfileSid": {
          "type": "string",
          "pattern": "^BU[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        }
      },
      "query": {
        "ObjectType": {
          "type": "string"
        },
        "PageSize": {
          "type": "integer",
          "format": "int64",
          "minimum": 1,
          "maximum": 1000
        },
        "Page": {
          "type": "integer",
          "minimum": 0
        },
        "PageToken": {
          "type": "string"
        }
      },
      "requiredQuery": [],
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
      "operationId": "CreateCustomerProfileEntityAssignment",
      "path": {
        "CustomerProfileSid": {
          "type": "string",
          "pattern": "^BU[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        }
      },
      "query": {},
      "requiredQuery": [],
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
      "operationId": "FetchCustomerProfileEntityAssignment",
      "path": {
        "CustomerProfileSid": {
          "type": "string",
          "pattern": "^BU[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        },
        "Sid": {
          "type": "string",
          "pattern": "^BV[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        }
      },
      "query": {},
      "requiredQuery": [],
      "success": {
        "200": []
      }
    },
    "DELETE": {
      "operationId": "DeleteCustomerProfileEntityAssignment",
      "path": {
        "CustomerProfileSid": {
          "type": "string",
          "pattern": "^BU[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        },
        "Sid": {
          "type": "string",
          "pattern": "^BV[0-9a-fA-F]{32}$",
          "minLength": 34,
          "maxLength": 34
        }
      },
      "query": {},
      "requiredQuery": [],
      "success": {
        "204": null
      }
    }
  }
} as const;

/** The paths whose GET returns a page of items linked by `meta.next_page_url`. */
export const listPaths = ["/v1/CustomerProfiles","/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments"] as const;
