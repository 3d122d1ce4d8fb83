// Bare openapi-fetch given what @trusthub/client gives every attempt: its own AbortSignal, from an
// AbortController and a 30 s timer that is cleared when the call ends. What @trusthub/client costs beyond
// this is its own work (validation, the retry loop, the body cap, response checks), not the timeout's.
import { create as createBare } from "./openapi-fetch.mjs";

export const create = createBare;

const TIMEOUT_MS = 30_000;

async function withTimeout(call) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), TIMEOUT_MS);
  try {
    const { data, error, response } = await call(controller.signal);
    if (error !== undefined || !response.ok) throw new Error(`${response.status} ${JSON.stringify(error).slice(0, 200)}`);
    return data;
  } finally {
    clearTimeout(timer);
  }
}

export function listPage(client, pageSize) {
  return withTimeout((signal) => client.GET("/v1/CustomerProfiles", { params: { query: { PageSize: pageSize } }, signal }));
}

export function fetchOne(client, sid) {
  return withTimeout((signal) => client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: sid } }, signal }));
}
