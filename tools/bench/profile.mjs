// Reads a `node --cpu-prof` profile of a client-runner throughput process and says where the CPU time of
// the measured requests went, per request. Only samples inside the timed windows the runner reports count
// (the profile's timestamps and process.hrtime share the monotonic clock), so imports and warm-up do not.
//
//   self time by owner    which code was on top of the stack: ours, openapi-fetch, undici, node core, ...
//   calls into platform   time under each call a library makes into code it does not own (undici, node
//                         core, V8 builtins): e.g. openapi-fetch's `new Request()` vs ours in retryingFetch.
import { readFile } from "node:fs/promises";

/** Which code a frame belongs to, from its script URL. */
export function ownerOf({ url, functionName }) {
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(program)" || functionName === "(root)") return "V8 (program)";
  if (functionName === "(idle)") return "idle";
  if (/packages\/client\/dist\/|@trusthub\/client/.test(url)) return "@trusthub/client";
  if (/openapi-fetch/.test(url)) return "openapi-fetch";
  if (/node_modules\/twilio\//.test(url)) return "twilio";
  if (/node_modules\/(axios|follow-redirects|form-data|proxy-from-env|qs|side-channel|dayjs|scmp)/.test(url)) return "axios & twilio deps";
  if (/tools\/bench\//.test(url)) return "bench harness";
  if (url.startsWith("node:internal/deps/undici")) return "undici (fetch, Request, Response)";
  if (url.startsWith("node:")) return "node core (http, net, streams, url, timers)";
  if (url === "") return "V8 builtins (JSON.parse, regexp, …)";
  return "other";
}

const LIBRARIES = new Set(["@trusthub/client", "openapi-fetch", "twilio", "axios & twilio deps", "bench harness"]);

/**
 * @param {string} file  a .cpuprofile
 * @param {Record<string, { window: [number, number] }>} phases  the runner's result per scenario
 * @param {number} requests  requests per phase
 */
export async function summarize(file, phases, requests) {
  const profile = JSON.parse(await readFile(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frame = (n) => `${n.callFrame.functionName || "(anonymous)"}`;

  const out = {};
  for (const [scenario, { window }] of Object.entries(phases)) {
    const self = {};
    const calls = {};
    let sampled = 0;
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i];
      // The sample's weight is the time until the next one.
      const dt = profile.timeDeltas[i + 1] ?? 0;
      if (t < window[0] || t > window[1]) continue;
      const leaf = byId.get(profile.samples[i]);
      const owner = ownerOf(leaf.callFrame);
      if (owner === "idle") continue;
      sampled += dt;
      self[owner] = (self[owner] ?? 0) + dt;
      // Walk up: every frame a library calls in code it does not own is a "call into the platform".
      const seen = new Set();
      for (let id = leaf.id; parent.has(id); id = parent.get(id)) {
        const n = byId.get(id);
        const p = byId.get(parent.get(id));
        const no = ownerOf(n.callFrame);
        const po = ownerOf(p.callFrame);
        if (!LIBRARIES.has(no) && LIBRARIES.has(po)) {
          const key = `${po}: ${frame(p)} → ${frame(n)} [${no}]`;
          if (!seen.has(key)) calls[key] = (calls[key] ?? 0) + dt;
          seen.add(key);
        }
      }
    }
    const perRequest = (us) => us / requests;
    out[scenario] = {
      cpuUsPerReq: perRequest(sampled),
      selfUsPerReq: Object.fromEntries(Object.entries(self).map(([k, v]) => [k, perRequest(v)]).sort((a, b) => b[1] - a[1])),
      callsUsPerReq: Object.fromEntries(
        Object.entries(calls)
          .map(([k, v]) => [k, perRequest(v)])
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25),
      ),
    };
  }
  return out;
}
