// Loads Prism for the engine. The built package holds Prism and every package it needs in one CommonJS file,
// dist/prism.cjs (tsup.config.ts), which is compiled here with V8's code cache: the first mock in a project
// keeps what V8 compiled in the project's node_modules/.cache/@trusthub/mock (where nyc, AVA and Babel keep
// theirs; the CACHE_DIR variable moves it, as for them), and later mocks start from it instead of compiling
// 2 MB of JavaScript. A cache that cannot be read or written, or that V8 refuses (another V8, other V8
// flags), costs only that compile: never an error or a warning. Node's module.enableCompileCache() (Node
// 22.1+) would cache the caller's own modules too; this touches the bundle only.
// From the source (the package's own tests) there is no bundle: the modules themselves are imported.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

export type Prism = typeof import("./prism.js");

const bundlePath = fileURLToPath(new URL("./prism.cjs", import.meta.url));

let loaded: Promise<Prism> | undefined;

/** Prism, loaded once per process (as a module would be). */
export function loadPrism(): Promise<Prism> {
  loaded ??= existsSync(bundlePath) ? Promise.resolve().then(() => requireWithCodeCache(bundlePath) as Prism) : import("./prism.js");
  return loaded;
}

/** Runs a CommonJS file as Node's require() would, compiled from and for the code cache. */
function requireWithCodeCache(file: string): unknown {
  const bytes = readFileSync(file);
  const cache = cacheFile(bytes);
  const cachedData = cache && readOrUndefined(cache.path);
  // The bundle is ASCII (tsup.config.ts), so latin1 reads it as is, and faster than UTF-8.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString("latin1")}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  // Made after the run, the cache also holds the functions the run compiled (most of the bundle's start).
  if (cache && (cachedData === undefined || script.cachedDataRejected)) save(cache, script.createCachedData());
  return module.exports;
}

interface CacheFile {
  directory: string;
  /** The start of every cache file of this Node. */
  prefix: string;
  path: string;
}

/** One file per Node version and bundle: named by the bundle's hash too, since V8 checks only a source's length. */
function cacheFile(bytes: Buffer): CacheFile | undefined {
  const directory = cacheDirectory();
  if (!directory) return undefined;
  const prefix = `prism-${process.version}-${process.arch}-`;
  return { directory, prefix, path: join(directory, `${prefix}${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.bin`) };
}

/**
 * CACHE_DIR/@trusthub/mock, or node_modules/.cache/@trusthub/mock in the folder of the package.json nearest the
 * working directory: find-cache-directory's rule (importing that package took about 20 ms of a mock's start).
 */
function cacheDirectory(): string | undefined {
  const { CACHE_DIR } = process.env;
  if (CACHE_DIR && !["true", "false", "1", "0"].includes(CACHE_DIR)) return join(CACHE_DIR, "@trusthub", "mock");
  for (let folder = process.cwd(); ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json"))) return join(folder, "node_modules", ".cache", "@trusthub", "mock");
    if (dirname(folder) === folder) return undefined;
  }
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache whole (a mock starting at the same time, in this process's threads or another process,
 * reads the old file or the new, never a part), and drops this Node's caches of other bundles.
 */
function save({ directory, prefix, path }: CacheFile, data: Buffer): void {
  const partial = `${path}.${randomUUID()}`;
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(partial, data);
    renameSync(partial, path);
    for (const name of readdirSync(directory)) {
      if (name.startsWith(prefix) && name.endsWith(".bin") && join(directory, name) !== path) rmSync(join(directory, name), { force: true });
    }
  } catch {
    // No cache, then; a partial file, if one was written, goes (if even that fails, none was).
    try {
      rmSync(partial, { force: true });
    } catch {
      // nothing was written
    }
  }
}
