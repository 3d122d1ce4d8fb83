// @trusthub/client: a thin, typed client for the Twilio TrustHub v1 API on openapi-fetch.
export { createTrustHubClient, unwrap, type CallInit, type TrustHubClient, type TrustHubClientOptions } from "./client.js";
export { paginate, paginatePages, type ListItem, type ListPage, type ListPath, type PaginateInit } from "./paginate.js";
export {
  TrustHubApiError,
  TrustHubError,
  TrustHubNetworkError,
  TrustHubResponseError,
  TrustHubValidationError,
  type ValidationIssue,
  type ValidationRule,
} from "./errors.js";
export * from "./generated/guards.js";
export { SPEC_VERSION } from "./generated/spec.js";
export type { Middleware } from "openapi-fetch";
export type * from "@trusthub/types";
