// drift:live against a local upstream standing in for the real API: an extra field passes, a wrong type
// or a missing required field is reported.
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { loadSpec } from "@trusthub/spec";
import { afterEach, describe, expect, it } from "vitest";

const live = fileURLToPath(new URL("../live.mjs", import.meta.url));
const P = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
const A = "BV5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";

function profile(origin: string) {
  const url = `${origin}/v1/CustomerProfiles/${P}`;
  return {
    sid: P, account_sid: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7", policy_sid: "RN806dd6cd175f314e1f96a9727ee271f4",
    friendly_name: "Acme", status: "draft", valid_until: null, email: "a@acme.example", status_callback: null,
    date_created: "2026-03-02T09:15:27Z", date_updated: "2026-03-02T09:15:27Z", url, links: { customer_profiles_entity_assignments: `${url}/EntityAssignments` }, errors: null,
  };
}
const page = (origin: string, path: string, results: unknown[]) => ({
  results,
  meta: { key: "results", page: 0, page_size: 20, url: `${origin}${path}`, first_page_url: `${origin}${path}`, previous_page_url: null, next_page_url: null },
});

function drifted(p: Record<string, unknown>, drift: (p: Record<string, unknown>) => void) {
  drift(p);
  return p;
}

let upstream: Server | undefined;
afterEach(() => new Promise<void>((r) => (upstream ? upstream.close(() => r()) : r())));

/** Serves plausible TrustHub answers, with `drift` applied to the fetched profile and `driftPage` to the list of profiles. */
async function serve(drift: (profile: Record<string, unknown>) => void, driftPage: (page: { meta: Record<string, unknown> }) => void = () => {}) {
  upstream = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const path = new URL(req.url ?? "/", origin).pathname;
    const body =
      path === "/v1/CustomerProfiles" ? drifted(page(origin, path, [profile(origin)]), driftPage as (p: Record<string, unknown>) => void)
      : path === `/v1/CustomerProfiles/${P}` ? drifted(profile(origin), drift)
      : path.endsWith("/EntityAssignments") ? page(origin, path, [{ sid: A, customer_profile_sid: P, account_sid: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7", object_sid: "IT2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c", date_created: "2026-03-02T09:20:11Z", url: `${origin}${path}/${A}` }])
      : { sid: A, customer_profile_sid: P, account_sid: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7", object_sid: "IT2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c", date_created: "2026-03-02T09:20:11Z", url: `${origin}${path}` };
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => upstream!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(upstream!.address() as AddressInfo).port}`;
}

function runLive(upstreamUrl: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [live], {
      env: { ...process.env, TRUSTHUB_UPSTREAM: upstreamUrl, TWILIO_ACCOUNT_SID: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7", TWILIO_AUTH_TOKEN: "live-test-token" },
      timeout: 500_000,
    }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: stdout + stderr }));
  });
}

describe("drift:live", () => {
  it("passes a conforming API, extra fields included, after replaying every read-only call", async () => {
    const { code, output } = await runLive(await serve((p) => (p.brand_new_field = "fine")));
    expect(output).toContain(`GET /v1/CustomerProfiles/${P}/EntityAssignments/${A} -> 200`);
    expect(output).toContain("No response breaks the spec.");
    expect(code).toBe(0);
  }, 600_000);

  it("reports a property of the wrong type", async () => {
    const { code, output } = await runLive(await serve((p) => (p.status = 5)));
    expect(output).toMatch(/GET \/v1\/CustomerProfiles\/BU\w+: response\.body\.status: .*(string|allowed values)/);
    expect(code).toBe(1);
  }, 600_000);

  it("reports a missing required property", async () => {
    // A property the spec requires in every list page's meta.
    const [required] = loadSpec().components.schemas.PageMeta.required as string[];
    const { code, output } = await runLive(await serve(() => {}, (p) => delete p.meta[required!]));
    expect(output).toMatch(new RegExp(`response\\.body.*${required}`));
    expect(code).toBe(1);
  }, 600_000);
});
