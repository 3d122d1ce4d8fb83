// Types of ./client-metadata.mjs, for the tests that render metadata from fixture specs.
/** The TypeScript source of @trusthub/client's metadata module for an OpenAPI document; throws on what the client cannot validate. */
export declare function clientMetadata(spec: object, record: { specVersion: string }): string;
/** The TypeScript source of @trusthub/client's guards module: `is<Name>(value)` per patterned string schema. */
export declare function clientGuards(spec: object): string;
/** The same metadata as plain data: by path template, then method, what the client validates and how it pages. */
export declare function operationTable(spec: object): Record<string, Record<string, any>>;
