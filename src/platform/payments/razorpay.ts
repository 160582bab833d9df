/**
 * Razorpay Payment Links behind the OnlineProvider port: Razorpay's hosted page takes UPI, cards, net
 * banking and wallets, and our pages carry no script of theirs. Plain fetch against the documented REST
 * API rather than the `razorpay` package, which cannot be pointed at another host and needs Node.
 * Web APIs (fetch, btoa, crypto.subtle) and pure-JS hashing only, so it runs on Node and on Workers alike.
 *
 * Idempotency, as Razorpay documents it:
 * - A link's `reference_id` must be unique, so ours is the payment id: asked again, Razorpay refuses the
 *   duplicate and we fetch the existing link with `GET /v1/payment_links?reference_id=…` (a documented
 *   filter). The caller's idempotency key goes into the link's notes, for whoever reconciles.
 * - Refunds take the documented `X-Refund-Idempotency` header (10+ letters, digits, `-` or `_`, same body
 *   on every retry): the caller's key when it has that shape, its SHA-256 otherwise. No lookup of
 *   earlier refunds by receipt is needed.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding';
import { systemClock } from '../clock';
import {
  type OnlineProvider,
  ProviderError,
  type ProviderPayment,
  type ProviderRefund,
  WebhookSignatureError,
} from './online';

export type RazorpaySettings = {
  keyId: string;
  keySecret: string;
  /** The secret typed when the webhook was added in the Dashboard (not the API key secret). */
  webhookSecret: string;
  /** Unset: https://api.razorpay.com. Paths such as `/v1/payment_links` are added to it. */
  apiUrl?: string | undefined;
  now?: () => Date;
  /** The global fetch unless given (tests give one that answers as Razorpay would). */
  fetch?: typeof fetch;
};

/** Razorpay refuses a link that expires sooner than 15 minutes after it is made; the margin covers clock skew. */
const MIN_LINK_MS = 17 * 60_000;
/** A buyer is waiting on most of these calls. */
const TIMEOUT_MS = 20_000;
/** The longest `reference_id` Razorpay takes. */
const MAX_REFERENCE = 40;

/** The parts of a Payment Link we read. */
type PaymentLink = {
  id: string;
  short_url: string;
  status: 'created' | 'partially_paid' | 'expired' | 'cancelled' | 'paid' | string;
  amount: number;
  amount_paid: number;
  currency: string;
  reference_id?: string;
  /** An object, or `[]` when empty: Razorpay's JSON comes from PHP. */
  notes?: Record<string, string> | [] | null;
  payments?: { payment_id: string; status: 'captured' | 'failed' | string; created_at?: number }[] | null;
};

/** A Razorpay answer other than 2xx: its status, `error.code` and `error.description`. */
class RazorpayApiError extends ProviderError {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
  ) {
    super(`Razorpay: ${description} (${status} ${code})`, status >= 500 || status === 409 || status === 429);
  }
}

export function razorpayProvider(settings: RazorpaySettings): OnlineProvider {
  const base = (settings.apiUrl ?? 'https://api.razorpay.com').replace(/\/+$/, '');
  const authorization = `Basic ${btoa(`${settings.keyId}:${settings.keySecret}`)}`;
  const now = settings.now ?? systemClock.now;
  const send = settings.fetch ?? globalThis.fetch;
  const encoder = new TextEncoder();
  let webhookKey: Promise<CryptoKey> | undefined;
  const verifier = () =>
    (webhookKey ??= crypto.subtle.importKey(
      'raw',
      encoder.encode(settings.webhookSecret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    ));

  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await send(`${base}${path}`, {
        method,
        headers: {
          authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      throw new ProviderError(`Razorpay could not be reached: ${(error as Error).message}`, true);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ProviderError(`Razorpay answered ${response.status} with something other than JSON`, true);
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; description?: string } }).error;
      throw new RazorpayApiError(
        response.status,
        error?.code ?? 'UNKNOWN',
        error?.description ?? 'no description',
      );
    }
    return json as T;
  }

  /** The link already made for this payment id, if any. */
  async function linkByReference(referenceId: string): Promise<PaymentLink | undefined> {
    const found = await request<{ payment_links?: PaymentLink[] }>(
      'GET',
      `/v1/payment_links?reference_id=${encodeURIComponent(referenceId)}`,
    );
    return found.payment_links?.find((link) => link.reference_id === referenceId);
  }

  return {
    id: 'razorpay',
    label: 'Card, UPI, net banking or wallet (Razorpay)',
    // A payment link's short URL (rzp.io) redirects to its page on razorpay.com; locally, one server.
    pageOrigins: settings.apiUrl ? [new URL(base).origin] : ['https://rzp.io', 'https://razorpay.com'],

    async startCheckout(input) {
      if (input.paymentId.length > MAX_REFERENCE) {
        throw new ProviderError(
          `payment id ${input.paymentId} is longer than Razorpay's reference_id`,
          false,
        );
      }
      const expireBy = Math.max(input.expiresAt.getTime(), now().getTime() + MIN_LINK_MS);
      let link: PaymentLink;
      try {
        link = await request<PaymentLink>('POST', '/v1/payment_links', {
          amount: input.amount.amount,
          currency: input.amount.currency,
          reference_id: input.paymentId,
          description: input.description,
          ...(input.customerEmail && { customer: { email: input.customerEmail } }),
          // We send the buyer there ourselves; Razorpay's SMS and email would be a second way in.
          notify: { sms: false, email: false },
          reminder_enable: false,
          callback_url: input.returnUrl,
          callback_method: 'get',
          expire_by: Math.ceil(expireBy / 1000),
          notes: {
            payment_id: input.paymentId,
            idempotency_key: input.idempotencyKey,
            // Razorpay's page has no way back of its own; kept for whoever reads the link, and for the
            // local payment server's "Cancel and go back". Notes hold 256 characters each.
            ...(input.cancelUrl.length <= 256 && { cancel_url: input.cancelUrl }),
          },
        });
      } catch (error) {
        // A second link with one reference_id is refused with a 400 (its wording is not documented, so
        // any 400 is checked): the link already made is the one to use.
        if (!(error instanceof RazorpayApiError && error.status === 400)) throw error;
        const existing = await linkByReference(input.paymentId);
        if (!existing) throw error;
        if (existing.amount !== input.amount.amount || existing.currency !== input.amount.currency) {
          throw new ProviderError(
            `Razorpay link ${existing.id} for ${input.paymentId} is for another amount`,
            false,
          );
        }
        link = existing;
      }
      return { sessionId: link.id, url: link.short_url };
    },

    async getPayment(sessionId) {
      const link = await request<PaymentLink>('GET', `/v1/payment_links/${encodeURIComponent(sessionId)}`);
      const payments = link.payments ?? [];
      const last = [...payments].sort((a, b) => (a.created_at ?? 0) - (b.created_at ?? 0)).at(-1);
      const notes = Array.isArray(link.notes) ? {} : (link.notes ?? {});
      const status: ProviderPayment['status'] =
        link.status === 'paid'
          ? 'paid'
          : link.status === 'expired' || link.status === 'cancelled'
            ? 'expired'
            : last?.status === 'failed'
              ? 'failed'
              : 'open';
      let failureReason: string | undefined;
      if (status === 'failed' && last) {
        const payment = await request<{ error_description?: string | null }>(
          'GET',
          `/v1/payments/${encodeURIComponent(last.payment_id)}`,
        );
        failureReason = payment.error_description || 'The payment failed.';
      }
      return {
        sessionId: link.id,
        paymentId: notes.payment_id ?? link.reference_id ?? '',
        status,
        amount: status === 'paid' ? link.amount_paid : link.amount,
        currency: link.currency.toUpperCase(),
        chargeId: payments.find((payment) => payment.status === 'captured')?.payment_id,
        failureReason,
      };
    },

    async readWebhook(rawBody, headers) {
      const signature = headers.get('x-razorpay-signature') ?? '';
      const body = encoder.encode(rawBody);
      // crypto.subtle.verify compares in constant time.
      const valid =
        /^[0-9a-f]{64}$/i.test(signature) &&
        (await crypto.subtle.verify(
          'HMAC',
          await verifier(),
          new Uint8Array(decodeHex(signature.toLowerCase())),
          body,
        ));
      if (!valid) throw new WebhookSignatureError('X-Razorpay-Signature does not match the body');
      const event = JSON.parse(rawBody) as {
        event?: string;
        payload?: { payment_link?: { entity?: { id?: string } } };
      };
      // Razorpay sends the same id with every retry of one event; an event without one is known by its body.
      const eventId =
        headers.get('x-razorpay-event-id') ??
        `sha256:${encodeHexLowerCase(new Uint8Array(await crypto.subtle.digest('SHA-256', body)))}`;
      // payment.failed carries the payment alone (the link stays open for another try), so no session.
      return { eventId, type: event.event ?? '', sessionId: event.payload?.payment_link?.entity?.id };
    },

    sessionFromReturn(query) {
      const linkId = query.get('razorpay_payment_link_id');
      const signature = query.get('razorpay_signature') ?? '';
      if (!linkId || !/^[0-9a-f]{64}$/i.test(signature)) return undefined;
      const signed = [
        linkId,
        query.get('razorpay_payment_link_reference_id') ?? '',
        query.get('razorpay_payment_link_status') ?? '',
        query.get('razorpay_payment_id') ?? '',
      ].join('|');
      // Synchronous HMAC (the port's method is synchronous); crypto.subtle has only a promise.
      const expected = hmac(SHA256, encoder.encode(settings.keySecret), encoder.encode(signed));
      return constantTimeEqual(expected, decodeHex(signature.toLowerCase())) ? linkId : undefined;
    },

    async refund({ chargeId, amount, idempotencyKey }) {
      const refund = await request<{ id: string; status: string }>(
        'POST',
        `/v1/payments/${encodeURIComponent(chargeId)}/refund`,
        { amount, notes: { idempotency_key: idempotencyKey } },
        { 'X-Refund-Idempotency': await refundKey(idempotencyKey) },
      );
      return { refundId: refund.id, status: refundStatus(refund.status) };
    },
  };
}

/** The caller's key as Razorpay's refund idempotency header takes it. */
async function refundKey(key: string): Promise<string> {
  if (/^[A-Za-z0-9_-]{10,40}$/.test(key)) return key;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return encodeHexLowerCase(new Uint8Array(digest)).slice(0, 40);
}

function refundStatus(status: string): ProviderRefund['status'] {
  if (status === 'processed') return 'succeeded';
  if (status === 'failed') return 'failed';
  return 'pending';
}
