import { createHmac } from "node:crypto";

export interface WebhookResult {
  ok: boolean;
  attempts: number;
  statusCode: number | null;
  error: string | null;
}

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` — the signature receivers verify. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * POSTs a JSON body signed with HMAC-SHA256 over timestamp + "." + body (headers
 * `X-CreditDesk-Timestamp`, `X-CreditDesk-Signature`), retrying 5xx answers, timeouts and network
 * errors with exponential back-off (baseDelay · 2^n); a 4xx is final.
 */
export async function sendWebhook(options: {
  url: string;
  secret: string | null;
  body: string;
  retries?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  now?: () => number;
}): Promise<WebhookResult> {
  const retries = options.retries ?? 5;
  const base = options.baseDelayMs ?? 1_000;
  let last: WebhookResult = { ok: false, attempts: 0, statusCode: null, error: null };
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      await new Promise((r) => setTimeout(r, base * 2 ** (attempt - 1)));
    }
    const timestamp = String(Math.floor((options.now ?? Date.now)() / 1000));
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-creditdesk-timestamp": timestamp,
    };
    if (options.secret) {
      headers["x-creditdesk-signature"] = signWebhook(options.secret, timestamp, options.body);
    }
    try {
      const res = await fetch(options.url, {
        method: "POST",
        headers,
        body: options.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer();
      last = {
        ok: res.ok,
        attempts: attempt + 1,
        statusCode: res.status,
        error: res.ok ? null : `HTTP ${res.status}`,
      };
      if (res.ok || res.status < 500) {
        return last;
      }
    } catch (error) {
      last = { ok: false, attempts: attempt + 1, statusCode: null, error: (error as Error).message };
    }
  }
  return last;
}
