export interface ReadmeBlock {
  /** 1-based number among the README's ```ts blocks. */
  n: number;
  /** Where it goes: the path its first line names, or block-NN.ts. */
  file: string;
  code: string;
  /** 1-based README line of the block's first code line. */
  line: number;
  /** The `## ` heading it is under ("" before the first). */
  section: string;
}
export declare function tsBlocks(markdown: string): ReadmeBlock[];
export declare function writeBlocks(packageDir: string, blocks: ReadmeBlock[], prefix?: string): string;
export declare function typeErrors(packageDir: string, blocks: ReadmeBlock[], options?: { paths?: Record<string, string[]>; lib?: string[] }): string[];
