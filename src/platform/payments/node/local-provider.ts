/**
 * What the local payment server's two stand-ins (Stripe, Razorpay) are given and what they offer: each
 * answers its provider's REST API and runs the hosted page's three buttons, which tests press through the
 * same functions.
 */
import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Money } from '../../money';
import type { OnlineProviderId } from '../online';
import type { WebhookEvent } from './local-webhooks';

export type LocalContext = {
  /** The server's own origin, for hosted page URLs (known once it listens). */
  origin(): string;
  now(): Date;
  /** Sends a webhook; resolves when delivered or given up on. */
  send(event: WebhookEvent): Promise<void>;
  /** True when this refund request is to be refused as a provider outage would (failNextRefunds). */
  refuseRefund(): boolean;
};

/** A hosted page as the buyer sees it. */
export type HostedPage = {
  provider: OnlineProviderId;
  id: string;
  description: string;
  amount: Money;
  state: 'open' | 'paid' | 'expired';
  /** The last declined attempt's reason, while the page is still open for another try. */
  failure?: string | undefined;
  /** Where "Cancel and go back" leads. */
  backUrl?: string | undefined;
};

export type LocalProvider = {
  /** The provider's REST API (the subset the adapters use), mounted at `/` for Stripe, `/razorpay` for Razorpay. */
  api: Hono;
  page(id: string): HostedPage | undefined;
  pages(): HostedPage[];
  /** Takes the money: where the buyer is sent next, and the webhook's delivery. */
  pay(id: string): { redirect: string; delivered: Promise<void> };
  /** A declined card: the attempt fails, the page stays open. */
  decline(id: string): { delivered: Promise<void> };
  /** Ends the session as its expiry time would, with the provider's webhook. */
  expire(id: string): Promise<void>;
};

/** What an API handler answers: a status and the JSON body, kept whole so a repeat can be answered alike. */
export type ApiAnswer = { status: ContentfulStatusCode; body: unknown };

/** A button or control that the session's state does not allow, such as paying an expired one. */
export class Refusal extends Error {
  override name = 'Refusal';
  constructor(
    message: string,
    readonly status: 404 | 409 = 409,
  ) {
    super(message);
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An id in the provider's style: `cs_test_a1B2…`, `plink_Ab12…`. */
export function randomId(prefix: string, length = 14): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return prefix + Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** Unix seconds, as both APIs write instants. */
export const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
