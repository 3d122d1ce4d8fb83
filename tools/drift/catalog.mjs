// Spec mutations for the drift audit. Each edits a parsed copy of the spec the way a real API change or a
// careless spec edit would, examples included (they are what Prism serves). `disagrees` says in which
// scenario the client and the API then disagree, i.e. where a check must fail.

const profileBody = (s) => s.components.requestBodies.CreateCustomerProfile.content["application/x-www-form-urlencoded"];
const updateBody = (s) => s.components.requestBodies.UpdateCustomerProfile.content["application/x-www-form-urlencoded"];
const assignments = "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments";

function renameKey(object, from, to) {
  if (!object || typeof object !== "object" || !(from in object)) return;
  const entries = Object.entries(object).map(([k, v]) => [k === from ? to : k, v]);
  for (const key of Object.keys(object)) delete object[key];
  Object.assign(object, Object.fromEntries(entries));
}

/** Renames a key wherever it occurs under `root` (example values reached through several paths are one object). */
function renameDeep(root, from, to, seen = new Set()) {
  if (!root || typeof root !== "object" || seen.has(root)) return;
  seen.add(root);
  renameKey(root, from, to);
  for (const value of Object.values(root)) renameDeep(value, from, to, seen);
}

function renameFormField(media, from, to) {
  renameKey(media.schema.properties, from, to);
  media.schema.required = media.schema.required?.map((n) => (n === from ? to : n));
  for (const example of Object.values(media.examples ?? {})) renameKey(example.value, from, to);
}

const both = { moved: true, regenerated: true };

export const catalog = [
  {
    id: "rename-required-body-field",
    what: "CreateCustomerProfile: FriendlyName -> DisplayName",
    disagrees: both,
    apply: (s) => renameFormField(profileBody(s), "FriendlyName", "DisplayName"),
  },
  {
    id: "rename-optional-body-field",
    what: "CreateCustomerProfile: StatusCallback -> CallbackUrl",
    disagrees: both,
    apply: (s) => renameFormField(profileBody(s), "StatusCallback", "CallbackUrl"),
  },
  {
    id: "rename-query-parameter",
    what: "ListCustomerProfile: ?FriendlyName -> ?Name",
    disagrees: both,
    apply: (s) => {
      s.paths["/v1/CustomerProfiles"].get.parameters.find((p) => p.name === "FriendlyName").name = "Name";
    },
  },
  {
    id: "optional-field-required",
    what: "UpdateCustomerProfile: FriendlyName becomes required",
    disagrees: both,
    apply: (s) => {
      updateBody(s).schema.required = ["FriendlyName"];
      for (const example of Object.values(updateBody(s).examples)) example.value.FriendlyName = "Acme Logistics Ltd";
    },
  },
  {
    id: "remove-operation",
    what: "DELETE .../EntityAssignments/{Sid} removed",
    disagrees: both,
    apply: (s) => delete s.paths[`${assignments}/{Sid}`].delete,
  },
  {
    id: "change-path",
    what: ".../EntityAssignments -> .../Assignments",
    disagrees: both,
    apply: (s) => {
      for (const suffix of ["", "/{Sid}"]) {
        s.paths[`/v1/CustomerProfiles/{CustomerProfileSid}/Assignments${suffix}`] = s.paths[assignments + suffix];
        delete s.paths[assignments + suffix];
      }
    },
  },
  {
    id: "tighten-sid-pattern",
    what: "ObjectSid: any two letters -> RD only",
    disagrees: both,
    apply: (s) => {
      s.components.schemas.ObjectSid.pattern = "^RD[0-9a-fA-F]{32}$";
    },
  },
  {
    id: "drop-enum-value",
    what: "CustomerProfileStatus loses pending-review",
    disagrees: both,
    apply: (s) => {
      s.components.schemas.CustomerProfileStatus.enum = s.components.schemas.CustomerProfileStatus.enum.filter((v) => v !== "pending-review");
    },
  },
  {
    id: "change-response-property-type",
    what: "PageMeta.page_size: integer -> string",
    // Regenerated, the types say string too and no hand-written code reads page_size: nothing disagrees.
    disagrees: { moved: true, regenerated: false },
    apply: (s) => {
      // The API now sends what the schema says: page_size as a string.
      s.components.schemas.PageMeta.properties.page_size = { type: "string" };
      for (const item of Object.values(s.paths)) {
        for (const op of Object.values(item)) {
          for (const example of Object.values(op?.responses?.["200"]?.content?.["application/json"]?.examples ?? {})) {
            if (example.value?.meta) example.value.meta.page_size = String(example.value.meta.page_size);
          }
        }
      }
    },
  },
  {
    id: "rename-response-property",
    what: "CustomerProfile.friendly_name -> display_name",
    disagrees: both,
    apply: (s) => {
      renameKey(s.components.schemas.CustomerProfile.properties, "friendly_name", "display_name");
      renameDeep(s.components.examples, "friendly_name", "display_name");
      renameDeep(s.paths, "friendly_name", "display_name");
    },
  },
  {
    id: "change-success-status",
    what: "CreateCustomerProfile answers 200, not 201",
    disagrees: both,
    apply: (s) => renameKey(s.paths["/v1/CustomerProfiles"].post.responses, "201", "200"),
  },
  {
    id: "remove-security-scheme",
    what: "HTTP Basic auth no longer required",
    disagrees: both,
    apply: (s) => {
      delete s.security;
      delete s.components.securitySchemes;
    },
  },
  {
    id: "change-body-media-type",
    what: "CreateCustomerProfileEntityAssignment takes JSON, not a form",
    disagrees: both,
    apply: (s) => {
      const body = s.components.requestBodies.CreateCustomerProfileEntityAssignment;
      body.content = { "application/json": body.content["application/x-www-form-urlencoded"] };
    },
  },
  {
    id: "add-required-query-parameter",
    what: "ListCustomerProfileEntityAssignment requires ?ObjectType",
    disagrees: both,
    apply: (s) => {
      s.paths[assignments].get.parameters.find((p) => p.name === "ObjectType").required = true;
    },
  },
];
