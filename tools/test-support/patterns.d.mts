// Types of ./patterns.mjs: edges and narrowings of a spec's `pattern` constraints.
/** Strings matching `pattern` at its edges (each range's ends, each alternative, least and most repetitions); the first is a default match. */
export declare function patternEdges(pattern: string, options?: { maxRepeat?: number }): string[];
/** A narrower pattern (one character class member or range end dropped), or undefined when there is nothing to narrow. */
export declare function narrowPattern(pattern: string): string | undefined;
