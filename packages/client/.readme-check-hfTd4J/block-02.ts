import { createTrustHubClient } from "@trusthub/client";

const authToken = "your_auth_token"; // from your secret store
const apiKeySecret = "your_api_key_secret";

// Account SID + Auth Token
const withToken = createTrustHubClient({ accountSid: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7", authToken });

// API Key + secret (the key belongs to one account, so no Account SID is needed)
const withKey = createTrustHubClient({ apiKeySid: "SK3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d", apiKeySecret });

// TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN, or TWILIO_API_KEY + TWILIO_API_SECRET, from another source
const fromEnv = createTrustHubClient({
  env: { TWILIO_ACCOUNT_SID: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7", TWILIO_AUTH_TOKEN: authToken },
});
