// `pnpm start`: start the stateful mock (Prism validating in front of an in-memory store), run the
// quickstart against it, print each step, stop the mock.
import { createTrustHubClient } from "@trusthub/client";
import { startMock } from "@trusthub/mock";
import { fileURLToPath } from "node:url";
import { quickstart } from "./quickstart.js";

const data = fileURLToPath(new URL("../data.json", import.meta.url));
const mock = await startMock({ stateful: true, data });
console.log(`TrustHub mock (stateful, every request and response validated by Prism) on ${mock.url}\n`);
try {
  const client = createTrustHubClient({
    baseUrl: mock.url,
    accountSid: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7",
    authToken: "mock-auth-token",
  });
  await quickstart(client, (step, detail) => console.log(`${step.padEnd(28)} ${detail}`));
  console.log("\nQuickstart finished against the mock.");
} finally {
  await mock.stop();
}
