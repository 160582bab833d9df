/**
 * The local Stripe's objects as the API writes them, its error answers, and its form encoding read back.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiAnswer as Answer } from './local-provider';

/** The API version the events say they were rendered with: the one stripe@23 pins. */
export const API_VERSION = '2026-10-28.endive';

export type Session = {
  id: string;
  object: 'checkout.session';
  mode: 'payment';
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  payment_status: 'unpaid' | 'paid';
  status: 'open' | 'complete' | 'expired';
  payment_intent: string | null;
  success_url: string;
  cancel_url: string | null;
  expires_at: number;
  created: number;
  livemode: false;
  url: string | null;
  /** Not in Stripe's JSON: the line item's name, for the page. */
  description: string;
};

export type Intent = {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: 'requires_payment_method' | 'succeeded';
  last_payment_error: { type: string; code: string; decline_code: string; message: string } | null;
  latest_charge: string | null;
  created: number;
  livemode: false;
};

export type Refund = {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  charge: string | null;
  status: 'succeeded';
  created: number;
};

type StripeErrorBody = { type: string; message: string; code?: string; param?: string };

export const fail = (status: ContentfulStatusCode, error: StripeErrorBody): Answer => ({
  status,
  body: { error },
});
export const invalid = (message: string, param?: string, code?: string): Answer =>
  fail(400, { type: 'invalid_request_error', message, ...(param && { param }), ...(code && { code }) });

/** Stripe's form encoding (`line_items[0][price_data][currency]=inr`) read back into nested objects. */
export function readStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replaceAll(']', '').split('[');
    const last = path.pop() ?? '';
    let node = root;
    for (const part of path) {
      node[part] ??= Object.create(null);
      node = node[part] as Record<string, unknown>;
    }
    node[last] = value;
  }
  return root;
}

export const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
export const integer = (value: unknown) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
export const object = (value: unknown) =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
