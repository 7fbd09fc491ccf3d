// The HTTP load generator of run.ts, in a worker thread: the ERP clients of a real deployment do
// not share the server's event loop, and measured from the server's own thread every fetch would
// compete with the requests it measures. Posts { latencies, elapsed, approved, blocked, failures, firstFailure }.
import { parentPort, workerData } from "node:worker_threads";

const { endpoint, token, level, seconds, prefix } = workerData;
const latencies = [];
const outcomes = { approved: 0, blocked: 0 };
let failures = 0;
let firstFailure = null;
let seq = 0;
const end = performance.now() + seconds * 1000;
const started = performance.now();
await Promise.all(
  Array.from({ length: level }, async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          customer: "B1",
          amountMinor: 50_000,
          currency: "CNY",
          orderReference: `${prefix}-${++seq}`,
        }),
      });
      const body = await response.json();
      latencies.push(performance.now() - t0);
      if (response.status !== 200 || !body.outcome) {
        failures++;
        firstFailure ??= `${response.status} ${JSON.stringify(body)}`;
      } else {
        outcomes[body.outcome]++;
      }
    }
  }),
);
parentPort.postMessage({
  latencies,
  elapsed: (performance.now() - started) / 1000,
  ...outcomes,
  failures,
  firstFailure,
});
