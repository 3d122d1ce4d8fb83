// What the spec cannot say about a resource, keyed by its collection path as the spec writes it. The store
// derives everything else from the served spec (./resources.ts); a new resource needs an entry here only for
// behaviour of this kind, and most need none.

export interface ResourceSemantics {
  /**
   * Facts the API keeps about a record but never returns, set at create from its form. A data file may give
   * them as fields of the record; they are taken out of the record and never served.
   */
  hidden?: Record<string, (form: URLSearchParams) => string | undefined>;
  /** List query parameters that filter on a hidden fact rather than on a property: parameter → fact. */
  filters?: Record<string, string>;
}

export const SEMANTICS: Record<string, ResourceSemantics> = {
  "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments": {
    // The API filters assignments by the assigned object's type (an EndUserType or SupportingDocumentType
    // machine name), which the assignment does not carry and a create does not send: only a data file's
    // record gives it (`object_type`), and an assignment without one matches no ObjectType filter.
    hidden: { object_type: () => undefined },
    filters: { ObjectType: "object_type" },
  },
};
