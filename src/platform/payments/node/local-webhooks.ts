/**
 * The local payment server's webhooks: signed exactly as Stripe and Razorpay sign theirs, POSTed to the
 * URL set for each provider, and tried again a few times, with a growing pause, on anything but a 2xx.
 * Every attempt is kept, so a test can read what was sent and replay it.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { OnlineProviderId } from '../online';

/** One event as a provider would send it: its id, its type and the JSON body, already serialised. */
export type WebhookEvent = { provider: OnlineProviderId; eventId: string; type: string; body: string };

/** One POST of one event: what was sent, and the answer (a status, or the reason there was none). */
export type WebhookDelivery = WebhookEvent & {
  url: string;
  headers: Record<string, string>;
  attempt: number;
  status?: number | undefined;
  error?: string | undefined;
};

export type WebhookSender = {
  deliveries: WebhookDelivery[];
  urls: Partial<Record<OnlineProviderId, string>>;
  /** Sends an event, retrying on failure; resolves when it was delivered or the attempts ran out. */
  send(event: WebhookEvent): Promise<void>;
  /** Resolves once no delivery is under way. */
  settled(): Promise<void>;
  /** Ends pending retries; nothing is sent afterwards. */
  stop(): void;
};

const encoder = new TextEncoder();

/** HMAC-SHA256 in lower-case hex: both providers' signature. */
export function hmacHex(secret: string, message: string): string {
  return encodeHexLowerCase(hmac(SHA256, encoder.encode(secret), encoder.encode(message)));
}

/** The headers the provider would send with `body`, signed at `now`. */
export function signedHeaders(
  event: WebhookEvent,
  secrets: Record<OnlineProviderId, string>,
  now: Date,
): Record<string, string> {
  if (event.provider === 'stripe') {
    // Stripe signs `${t}.${body}` with the whole `whsec_…` string, and signs each attempt afresh.
    const t = Math.floor(now.getTime() / 1000);
    return {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': `t=${t},v1=${hmacHex(secrets.stripe, `${t}.${event.body}`)}`,
    };
  }
  return {
    'content-type': 'application/json',
    'user-agent': 'Razorpay-Webhook/v1',
    'x-razorpay-signature': hmacHex(secrets.razorpay, event.body),
    'x-razorpay-event-id': event.eventId,
  };
}

export function webhookSender(options: {
  secrets: Record<OnlineProviderId, string>;
  urls: Partial<Record<OnlineProviderId, string>>;
  /** The pauses before the second, third, … attempt. */
  retryDelaysMs: number[];
  now: () => Date;
}): WebhookSender {
  const deliveries: WebhookDelivery[] = [];
  const underWay = new Set<Promise<void>>();
  const stopping = new AbortController();

  const pause = (ms: number) =>
    new Promise<void>((done) => {
      const wake = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', wake);
        done();
      };
      const timer = setTimeout(wake, ms);
      stopping.signal.addEventListener('abort', wake, { once: true });
    });

  async function attempt(event: WebhookEvent, url: string, attempt: number): Promise<boolean> {
    const headers = signedHeaders(event, options.secrets, options.now());
    const delivery: WebhookDelivery = { ...event, url, headers, attempt };
    deliveries.push(delivery);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: event.body,
        redirect: 'manual',
        signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(10_000)]),
      });
      await response.body?.cancel();
      delivery.status = response.status;
      return response.ok;
    } catch (error) {
      delivery.error = (error as Error).message;
      return false;
    }
  }

  async function deliver(event: WebhookEvent): Promise<void> {
    const url = options.urls[event.provider];
    if (!url) return;
    for (let tried = 0; !stopping.signal.aborted; tried++) {
      if (await attempt(event, url, tried + 1)) return;
      const delay = options.retryDelaysMs[tried];
      if (delay === undefined) return;
      await pause(delay);
    }
  }

  return {
    deliveries,
    urls: options.urls,
    send(event) {
      const run = deliver(event);
      underWay.add(run);
      void run.finally(() => underWay.delete(run));
      return run;
    },
    async settled() {
      while (underWay.size) await Promise.all(underWay);
    },
    stop() {
      stopping.abort();
    },
  };
}
