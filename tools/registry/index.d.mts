export declare const SCOPE: "@trusthub";
/** The committed Verdaccio configuration the registry starts from. */
export declare const configPath: string;

export interface RunningRegistry {
  /** e.g. `http://127.0.0.1:4873/` */
  url: string;
  /** The npmrc line that sends the @trusthub scope to this registry: `@trusthub:registry=<url>`. */
  scopeLine: string;
  /** An npmrc holding the scope line and the local publisher's token (mode 0600; deleted on stop). */
  npmrc: string;
  /** The local publisher's user name. */
  publisher: string;
  /** Where the published packages are stored (a temporary folder, deleted on stop). */
  storage: string;
  /** Closes the server and deletes the temporary folder; calling it again returns the same promise. */
  stop(): Promise<void>;
}

/** Starts Verdaccio on `host` (default 127.0.0.1) and `port` (default 0: a free port). */
export declare function startRegistry(options?: { port?: number; host?: string }): Promise<RunningRegistry>;

export interface RegistryProcess extends Omit<RunningRegistry, "stop"> {
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then resolves once the process has exited (its storage deleted). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** Runs `pnpm registry --port <port>` (cli.mjs) in a child process; resolves once it printed its URL and npmrc. */
export declare function spawnRegistry(options?: { port?: number; timeoutMs?: number }): Promise<RegistryProcess>;
