// Types of ./types.mjs, for its tests.
/** The literal text every match of an anchored `pattern` starts with, or "" when it pins none down. */
export declare function literalPrefix(pattern: string): string;
export declare function patternTransform(schema: object): unknown;
export declare function withReferencedDescriptions<T extends object>(spec: T): T;
export declare function nameSchemaTypes<T>(nodes: T[]): T[];
export declare function responseExamplesType(spec: object): string;
