import { createTrustHubClient } from "@trusthub/client";

const dublin = createTrustHubClient({ region: "ie1", edge: "dublin" }); // https://trusthub.dublin.ie1.twilio.com
const local = createTrustHubClient({ baseUrl: "http://127.0.0.1:4010" }); // e.g. the mock, see below
