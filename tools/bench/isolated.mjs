// The figures that need a process of their own, one client per process; run.mjs starts it.
//   node isolated.mjs cold <client>         makes the client and exits (run.mjs times the whole process)
//   node --expose-gc isolated.mjs stream <client> <baseUrl> <pageSize> <items>
//     every item of every page, one page in memory at a time; prints {"wallS", "retainedMB", "peakRssMB"}.
//     Heap retained is heapUsed after a full GC at 90% of the items minus the same at 10% (GC pauses are
//     left out of the wall time); peak RSS is the process's maxRSS.
import { CLIENTS } from "./clients.mjs";

const [task, name, baseUrl = "http://127.0.0.1:1", pageSize, items] = process.argv.slice(2);
const client = await CLIENTS[name](baseUrl);
if (task === "stream") {
  const marks = [Math.floor(items * 0.1), Math.floor(items * 0.9)];
  const heaps = [];
  let count = 0;
  let gcMs = 0;
  const started = performance.now();
  await client.stream(Number(pageSize), (item) => {
    if (typeof item.sid !== "string") throw new Error("an item without a sid");
    if (marks.includes(++count)) {
      const before = performance.now();
      globalThis.gc();
      heaps.push(process.memoryUsage().heapUsed);
      gcMs += performance.now() - before;
    }
  });
  if (count !== Number(items)) throw new Error(`${count} items, expected ${items}`);
  const wallS = (performance.now() - started - gcMs) / 1000;
  console.log(JSON.stringify({ wallS, retainedMB: (heaps[1] - heaps[0]) / 2 ** 20, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
}
// Keep-alive sockets would hold the process open.
process.exit(0);
