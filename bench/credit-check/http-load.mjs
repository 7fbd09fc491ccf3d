// The HTTP load generator of run.ts, in a worker thread: the ERP clients of a real deployment do
// not share the server's event loop, and measured from the server's own thread every request would
// compete with the requests it measures. Posts { latencies, elapsed, approved, blocked, failures, firstFailure }.
//
// node:http with a keep-alive agent (one socket per client), not fetch: on this 2-core machine
// undici's fetch and its web streams took about 0.8 of a core at 32 clients — CPU taken from the
// server and PostgreSQL being measured. Every request is still real HTTP/1.1 over a real socket,
// and every answer's status and JSON body are checked.
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { endpoint, token, level, seconds, prefix } = workerData;
const url = new URL(endpoint);
const agent = new http.Agent({ keepAlive: true, maxSockets: level });
const latencies = [];
const outcomes = { approved: 0, blocked: 0 };
let failures = 0;
let firstFailure = null;
let seq = 0;

/** POSTs `payload` (JSON) and resolves with the status and the parsed body (null when not JSON). */
function post(payload) {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = { unparsed: text.slice(0, 200) };
          }
          resolve({ status: response.statusCode, body: parsed });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const end = performance.now() + seconds * 1000;
const started = performance.now();
await Promise.all(
  Array.from({ length: level }, async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      let answer;
      try {
        answer = await post({
          customer: "B1",
          amountMinor: 50_000,
          currency: "CNY",
          orderReference: `${prefix}-${++seq}`,
        });
      } catch (error) {
        answer = { status: 0, body: { error: String(error) } };
      }
      latencies.push(performance.now() - t0);
      if (answer.status !== 200 || !answer.body?.outcome) {
        failures++;
        firstFailure ??= `${answer.status} ${JSON.stringify(answer.body)}`;
      } else {
        outcomes[answer.body.outcome]++;
      }
    }
  }),
);
agent.destroy();
parentPort.postMessage({
  latencies,
  elapsed: (performance.now() - started) / 1000,
  ...outcomes,
  failures,
  firstFailure,
});
