// Hand-written spec mutations for the drift audit: the changes ./generate.mjs cannot express. Each edits a
// parsed copy of the spec the way a real API change or a careless spec edit would; `applies` says whether
// the spec has what it changes, and `disagrees` in which scenario client and API then disagree, i.e.
// where a check must fail.

const both = { moved: true, regenerated: true };

export const catalog = [
  {
    id: "tighten-sid-pattern",
    what: "ObjectSid: any two letters -> RD only (a literal prefix, not a narrower class)",
    disagrees: both,
    applies: (s) => typeof s.components?.schemas?.ObjectSid?.pattern === "string",
    apply: (s) => {
      s.components.schemas.ObjectSid.pattern = "^RD[0-9a-fA-F]{32}$";
    },
  },
  {
    id: "change-response-property-type",
    what: "PageMeta.page_size: integer -> string (a nested property shared by every list page)",
    // Regenerated, the types say string too and no hand-written code reads page_size: nothing disagrees.
    disagrees: { moved: true, regenerated: false },
    applies: (s) => !!s.components?.schemas?.PageMeta?.properties?.page_size,
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
    id: "remove-security-scheme",
    what: "HTTP Basic auth no longer required",
    disagrees: both,
    applies: (s) => !!s.security,
    apply: (s) => {
      delete s.security;
      delete s.components.securitySchemes;
    },
  },
  {
    id: "change-body-media-type",
    what: "CreateCustomerProfileEntityAssignment takes JSON, not a form",
    disagrees: both,
    applies: (s) => !!s.components?.requestBodies?.CreateCustomerProfileEntityAssignment,
    apply: (s) => {
      const body = s.components.requestBodies.CreateCustomerProfileEntityAssignment;
      body.content = { "application/json": body.content["application/x-www-form-urlencoded"] };
    },
  },
].map((m) => ({ ...m, kind: "hand-written" }));
