// Types of ./inputs.mjs: the inputs of a spec's operations.
import type { OpenApiDocument } from "@trusthub/spec";

export declare const FORM: "application/x-www-form-urlencoded";

/** One input of an operation: a path or query parameter, or a form-body field. */
export interface OperationInput {
  in: "path" | "query" | "body";
  name: string;
  required: boolean;
  /** As written in the spec (it may be a `$ref`). */
  schema: any;
  /** The parameter's own named examples and `example` (form fields have none of their own). */
  examples: unknown[];
}

/** A schema with its `$ref` followed and a nullable `oneOf`/`anyOf` reduced to its non-null branch. */
export declare function resolvedSchema(spec: OpenApiDocument, schema: unknown): any;
/** The operation's inputs, parameters first (the operation's own override its path's), then its form fields. */
export declare function operationInputs(spec: OpenApiDocument, pathItem: any, operation: any): OperationInput[];
