// The official twilio package (6.x), through its own axios-based RequestClient. The only departures from
// what a user runs against the real API: the host is rewritten to the local server, and the server speaks
// plain http (as it does for every client here), so axios gets an http.Agent with the settings twilio gives
// its https.Agent (keep-alive, 20 sockets per host, 5 kept free, 30 s timeout).
import { Agent } from "node:http";
import twilio from "twilio";

const API_ORIGIN = "https://trusthub.twilio.com";

class LocalRequestClient extends twilio.RequestClient {
  constructor(origin) {
    super();
    this.origin = origin;
    this.axios.defaults.httpAgent = new Agent({ keepAlive: true, timeout: 30_000, maxSockets: 20, maxTotalSockets: 100, maxFreeSockets: 5 });
  }

  // twilio builds https://trusthub.twilio.com/v1/…; the server's next_page_url is already on the local
  // origin and twilio's each()/list() request it as given, so only the API host is rewritten.
  request(opts) {
    if (opts.uri.startsWith(API_ORIGIN)) opts = { ...opts, uri: this.origin + opts.uri.slice(API_ORIGIN.length) };
    return super.request(opts);
  }
}

/** @param {{ origin: string, accountSid: string, authToken: string }} o */
export function create({ origin, accountSid, authToken }) {
  const client = twilio(accountSid, authToken, { httpClient: new LocalRequestClient(origin) });
  // twilio loads each API domain lazily on first access; touching it here keeps that load in "client
  // created" (cold start) rather than in the first request.
  return client.trusthub.v1.customerProfiles;
}

/** One page; twilio's Page object holds the items as CustomerProfilesInstance objects. */
export async function listPage(profiles, pageSize) {
  const page = await profiles.page({ pageSize });
  return { results: page.instances };
}

export function fetchOne(profiles, sid) {
  return profiles(sid).fetch();
}

export function stream(profiles, pageSize, onItem) {
  return profiles.each({ pageSize }, (item) => onItem(item));
}

export function collect(profiles, pageSize) {
  return profiles.list({ pageSize });
}
