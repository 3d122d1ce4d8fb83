// The shape of the metadata generated from the spec into ./generated/spec.ts (types only). The generated
// table is checked against these types with `satisfies`, so a generator that writes what this runtime does
// not read, or leaves out what it needs, fails to compile.

/** The JSON Schema keywords of a parameter or form field that the client validates. */
export interface Constraint {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
  readonly items?: Constraint;
}

/** How the pages of a list operation are read and sized. */
export interface ListMeta {
  /** The page's property that holds the items. */
  readonly itemsKey: string;
  /** The keys that lead from a page to the absolute URL of the next page (null or absent on the last page). */
  readonly nextPageUrl: readonly string[];
  /** The query parameter that sets the number of items per page, and its largest value. */
  readonly pageSizeParam: string;
  readonly maxPageSize: number;
}

/** One operation. Parts that would be empty are left out. */
export interface OperationMeta {
  readonly path?: Readonly<Record<string, Constraint>>;
  readonly query?: Readonly<Record<string, Constraint>>;
  readonly requiredQuery?: readonly string[];
  readonly body?: {
    readonly required?: readonly string[];
    readonly closed?: boolean;
    readonly properties: Readonly<Record<string, Constraint>>;
  };
  /** Each success status with the top-level keys its JSON body must have (null: no body). */
  readonly success: Readonly<Record<string, readonly string[] | null>>;
  readonly list?: ListMeta;
}

/** Every operation of the spec, by path template and method (the methods the client has). */
export type OperationTable = Readonly<Record<string, Readonly<Partial<Record<"GET" | "POST" | "DELETE", OperationMeta>>>>>;
