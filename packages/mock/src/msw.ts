// @trusthub/mock/msw: MSW 2 request handlers that send every TrustHub URL (any region) to an in-process mock,
// so that code calling the API through the global fetch or node:http/https (axios, got) is covered by
// `setupServer(...trusthubHandlers(mock))`. undici's own API is not: that is @trusthub/mock/undici's door.
import { http, HttpResponse, type HttpHandler } from "msw";
import type { InProcessMock } from "./in-process.js";

export function trusthubHandlers<Id extends string>(mock: InProcessMock<Id>): HttpHandler[] {
  return [
    http.all(mock.urlPattern, async ({ request }) => {
      try {
        return await mock.fetch(request);
      } catch (error) {
        // A connection reset (or a request given up on) is a network error to the caller, as without MSW.
        if (error instanceof TypeError || ["AbortError", "TimeoutError"].includes((error as Error)?.name)) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}
