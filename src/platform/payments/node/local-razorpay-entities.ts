/**
 * The local Razorpay's entities as the API writes them (notes are `[]` when empty, as Razorpay's PHP
 * writes them), and its error answers.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiAnswer as Answer } from './local-provider';

export type Notes = Record<string, string> | [];

export type Link = {
  id: string;
  amount: number;
  amount_paid: number;
  currency: string;
  accept_partial: false;
  reference_id: string;
  description: string;
  customer: { email?: string };
  notify: { sms: boolean; email: boolean };
  reminder_enable: boolean;
  callback_url: string;
  callback_method: string;
  expire_by: number;
  expired_at: number;
  cancelled_at: number;
  notes: Notes;
  order_id: string;
  payments:
    | {
        payment_id: string;
        plink_id: string;
        amount: number;
        method: string;
        status: string;
        created_at: number;
      }[]
    | null;
  short_url: string;
  status: 'created' | 'paid' | 'expired' | 'cancelled';
  created_at: number;
  updated_at: number;
  upi_link: false;
  user_id: string;
};

export type Payment = {
  id: string;
  entity: 'payment';
  amount: number;
  currency: string;
  status: 'captured' | 'failed';
  order_id: string;
  method: 'card';
  amount_refunded: number;
  refund_status: null | 'partial' | 'full';
  captured: boolean;
  description: string;
  email: string | null;
  notes: Notes;
  error_code: string | null;
  error_description: string | null;
  error_source: string | null;
  error_step: string | null;
  error_reason: string | null;
  created_at: number;
};

export type Refund = {
  id: string;
  entity: 'refund';
  amount: number;
  currency: string;
  payment_id: string;
  notes: Notes;
  receipt: string | null;
  status: 'processed';
  speed_requested: 'normal';
  speed_processed: 'normal';
  created_at: number;
};

export const refuse = (description: string, field?: string, status: ContentfulStatusCode = 400): Answer => ({
  status,
  body: {
    error: {
      code: status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST_ERROR',
      description,
      field,
      source: 'NA',
      step: 'NA',
      reason: 'NA',
      metadata: {},
    },
  },
});
export const missing = () => refuse('The id provided does not exist');
export const notesOf = (value: unknown): Notes =>
  value && typeof value === 'object' && Object.keys(value).length
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))
    : [];
