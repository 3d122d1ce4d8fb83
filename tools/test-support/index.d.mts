import type { Server } from "node:net";

export declare const repoRoot: string;
export declare function freePort(host?: string): Promise<number>;
export declare function trackSockets(server: Server): { readonly size: number; destroyAll(): void };
export declare function scratchRepo(options?: { prefix?: string; git?: boolean; from?: string }): { dir: string; remove(): void };
export declare function rejectionOf(promiseOrFn: Promise<unknown> | (() => unknown)): Promise<unknown>;
export declare function settle(promiseOrFn: Promise<unknown> | (() => unknown)): Promise<unknown>;
export declare function rejectionOfType<E>(promiseOrFn: Promise<unknown> | (() => unknown), type: abstract new (...args: never[]) => E): Promise<E>;
export declare function exampleSid<P extends string>(prefix: P): `${P}${string}`;
export declare function randomSid<P extends string>(prefix: P): `${P}${string}`;
export declare function twilioErrorBody(status: number, code: number, message?: string): { code: number; message: string; more_info: string; status: number };
export declare function collect<T>(iterable: AsyncIterable<T>, max?: number): Promise<T[]>;
export declare function waitFor<T>(check: () => T | Promise<T>, timeoutMs: number, intervalMs?: number): Promise<T>;
