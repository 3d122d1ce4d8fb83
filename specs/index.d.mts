// Types of ./index.mjs: the spec as data for the repo's tools and tests.
/** An OpenAPI document as parsed from YAML; its nodes are left loosely typed on purpose. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, any>;
  components: Record<string, any>;
  [key: string]: any;
}

/** Absolute path of specs/trusthub/v1/openapi.yaml. */
export declare const specPath: string;
/** Parses an OpenAPI document (default: the TrustHub spec), YAML anchors expanded. */
export declare function loadSpec(path?: string): OpenApiDocument;
/** Parses the text of an OpenAPI document (YAML or JSON), YAML anchors expanded. */
export declare function parseSpec(text: string): OpenApiDocument;
/** Follows a local `$ref` chain to the node it points at. */
export declare function deref(spec: OpenApiDocument, node: any): any;
/** A JSON Schema 2020-12 validator that knows the spec's components. */
export declare function schemaValidator(spec: OpenApiDocument): { errors(schema: object, value: unknown): string[] };
/** Every operation in the spec. */
export declare function listOperations(spec: OpenApiDocument): Array<{ method: string; path: string; operation: any; pathItem: any }>;
/** Every media type of every operation (request body first, then each response), with its named examples resolved. */
export declare function listMedia(spec: OpenApiDocument): Array<{
  where: string;
  method: string;
  path: string;
  /** The response's status key ("200", "default"); undefined for the request body. */
  status: string | undefined;
  type: string;
  media: any;
  examples: Array<{ name: string; value: unknown }>;
}>;
