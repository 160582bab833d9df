/** A booking's confirmation waiting in the outbox, or sent, or failed for good (docs/decisions/009). */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

export type OutboxMessage = {
  bookingId: string;
  userId: string;
  kind: 'booking-confirmation';
  status: OutboxStatus;
  /** Claims so far, including the one under way. */
  attempts: number;
  createdAt: string;
  /** Not to be tried before this instant (backoff); absent means now. */
  dueAt?: string;
  leaseOwner?: string;
  leaseUntil?: string;
  /** Each channel is recorded as soon as it went out, so a retry never sends it again. */
  emailSentAt?: string;
  emailMessageId?: string;
  smsSentAt?: string;
  smsMessageId?: string;
  /** Why SMS was not sent when it was not: no number, no opt-in. */
  smsSkipped?: string;
  sentAt?: string;
  failedAt?: string;
  lastError?: string;
};
