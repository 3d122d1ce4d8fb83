// One cold start of a mock, measured in this fresh process and printed as one line of JSON (run by
// tools/bench/mock.mjs): node tools/bench/mock-cold.mjs in-process|http examples|stateful [DIST]
// DIST: the built mock to start (default this repository's packages/mock/dist), to compare builds run by run.
//   import          importing the package's entry point (ms)
//   ready           from createMock() / startMock() being called to its promise resolving (ms)
//   firstResponse   from createMock() / startMock() being called to the first response's body read (ms)
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [kind, mode, dist = fileURLToPath(new URL("../../packages/mock/dist", import.meta.url))] = process.argv.slice(2);
if (!["in-process", "http"].includes(kind) || !["examples", "stateful"].includes(mode)) {
  console.error("usage: node tools/bench/mock-cold.mjs in-process|http examples|stateful [DIST]");
  process.exit(2);
}
const entry = join(resolve(dist), `${kind === "in-process" ? "in-process" : "index"}.js`);
const auth = `Basic ${btoa("AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7:bench-token")}`;
const path = "/v1/CustomerProfiles?PageSize=20";

const t0 = performance.now();
const mock = await import(pathToFileURL(entry).href);
const imported = performance.now();
const options = { stateful: mode === "stateful" };
let firstResponse;
let ready;
if (kind === "in-process") {
  const m = await mock.createMock(options);
  ready = performance.now() - imported;
  const response = await m.fetch(`https://trusthub.twilio.com${path}`, { headers: { authorization: auth } });
  await response.text();
  firstResponse = performance.now() - imported;
  if (response.status !== 200) throw new Error(`first response ${response.status}`);
  await m.close();
} else {
  const m = await mock.startMock(options);
  ready = performance.now() - imported;
  try {
    const response = await fetch(`${m.url}${path}`, { headers: { authorization: auth } });
    await response.text();
    firstResponse = performance.now() - imported;
    if (response.status !== 200) throw new Error(`first response ${response.status}`);
  } finally {
    await m.stop();
  }
}
console.log(JSON.stringify({ import: imported - t0, ready, firstResponse }));
