// The ESM entry of the types (for "import" resolution); the same types as ./index.d.ts.
export type * from "./index.js";
