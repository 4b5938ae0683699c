import "server-only";
import { createHmac, randomUUID } from "node:crypto";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * Notifications of access requests to AIRLOCK_WEBHOOK_URL: Slack-compatible incoming-webhook JSON
 * (a `text` line, plus the event's facts for other receivers), signed when AIRLOCK_WEBHOOK_SECRET
 * is set. Delivery never blocks the request that caused it: it runs after the change is committed,
 * and a failed delivery (a network error, a timeout, 408, 429 or 5xx) is retried with exponential
 * backoff. Redirects are not followed. Logs name the event and the receiver's origin, never the URL
 * (an incoming-webhook URL is itself a credential).
 *
 * Signature: `X-Airlock-Signature: v1=<hex HMAC-SHA256 of "<X-Airlock-Timestamp>.<body>">`, keyed
 * with the secret; receivers recompute it over the raw body and refuse timestamps older than a few
 * minutes.
 */

export type WebhookEventName =
  | "request.created"
  | "request.approved"
  | "request.denied"
  | "request.cancelled"
  | "request.expired"
  | "grant.ended"
  | "grant.expired";

export type WebhookEvent = {
  event: WebhookEventName;
  /** One line for people (Slack shows it). */
  text: string;
  request: Record<string, unknown>;
};

export type WebhookDelivery = {
  url: string;
  secret?: string;
  /** Delays before each retry, in milliseconds. */
  retryDelays?: number[];
  timeoutMs?: number;
};

/** 1 s, 2 s, 4 s, 8 s, 16 s, 32 s: six retries over about a minute. */
export const DEFAULT_RETRY_DELAYS = [1000, 2000, 4000, 8000, 16_000, 32_000];

export function signWebhookBody({ secret, timestamp, body }: { secret: string; timestamp: string; body: string }) {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Slack's mrkdwn treats &, < and > as markup: names and reasons are escaped before they go in `text`. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * Delivers one event, retrying as above. Resolves to whether the receiver accepted it; never throws.
 * Every attempt of one event carries the same X-Airlock-Delivery id, so a receiver can drop repeats.
 */
export async function deliverWebhook(
  event: WebhookEvent,
  { url, secret, retryDelays = DEFAULT_RETRY_DELAYS, timeoutMs = 10_000 }: WebhookDelivery,
): Promise<boolean> {
  const body = JSON.stringify({ ...event, sentAt: new Date().toISOString() });
  const delivery = randomUUID();
  const origin = new URL(url).origin;
  for (let attempt = 0; attempt <= retryDelays.length; attempt++) {
    if (attempt > 0) await sleep(retryDelays[attempt - 1]);
    const timestamp = Math.floor(Date.now() / 1000).toString();
    let outcome: string;
    try {
      const response = await fetch(url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          "content-type": "application/json",
          "user-agent": "Airlock-Webhook/1",
          "x-airlock-event": event.event,
          "x-airlock-delivery": delivery,
          "x-airlock-timestamp": timestamp,
          ...(secret && { "x-airlock-signature": signWebhookBody({ secret, timestamp, body }) }),
        },
        body,
      });
      await response.body?.cancel();
      if (response.ok) return true;
      outcome = `HTTP ${response.status}`;
      if (!retryable(response.status)) {
        log.warn("webhook_refused", { webhookEvent: event.event, receiver: origin, status: response.status, delivery });
        return false;
      }
    } catch (error) {
      outcome = error instanceof Error ? error.message : String(error);
    }
    log.warn("webhook_attempt_failed", {
      webhookEvent: event.event,
      receiver: origin,
      attempt: attempt + 1,
      outcome,
      delivery,
    });
  }
  log.error("webhook_gave_up", {
    webhookEvent: event.event,
    receiver: origin,
    attempts: retryDelays.length + 1,
    delivery,
  });
  return false;
}

/** Sends `event` to AIRLOCK_WEBHOOK_URL in the background, when one is configured. */
export function notifyWebhook(event: WebhookEvent): void {
  const env = getEnv();
  if (!env.AIRLOCK_WEBHOOK_URL) return;
  void deliverWebhook(event, { url: env.AIRLOCK_WEBHOOK_URL, secret: env.AIRLOCK_WEBHOOK_SECRET });
}
