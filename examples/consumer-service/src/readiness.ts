// The service's readiness probe: one plain `fetch` to TrustHub, without the client (as probes and scripts
// often are written). Its tests need a mock that covers the global fetch: MSW with @trusthub/mock/msw.

export interface Readiness {
  ready: boolean;
  /** TrustHub's status, when it answered. */
  status?: number;
  /** Why not, when not ready. */
  reason?: string;
}

export async function trusthubReadiness(credentials: { accountSid: string; authToken: string }, timeoutMs = 5_000): Promise<Readiness> {
  try {
    const response = await fetch("https://trusthub.twilio.com/v1/CustomerProfiles?PageSize=1", {
      headers: { authorization: `Basic ${btoa(`${credentials.accountSid}:${credentials.authToken}`)}`, accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.text(); // drained, so the connection is free again
    if (response.ok) return { ready: true, status: response.status };
    return { ready: false, status: response.status, reason: response.status === 401 ? "credentials refused" : `TrustHub answered ${response.status}` };
  } catch (error) {
    return { ready: false, reason: `TrustHub unreachable: ${(error as Error).name}` };
  }
}
