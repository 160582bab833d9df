/** A booking's message waiting in the outbox, or sent, or failed for good (docs/decisions/009). */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

/**
 * What a message tells the customer: the booking's confirmation (written with the booking), or that its
 * showtime moved or was cancelled (written with that change of the booking, docs/decisions/019), or that
 * the booking itself was cancelled by its customer or by staff, or staff cancelled some of its seats (with
 * what is refunded).
 */
export type OutboxKind =
  | 'booking-confirmation'
  | 'showtime-moved'
  | 'showtime-cancelled'
  | 'booking-cancelled'
  | 'seats-cancelled';

/** Which message of a booking: its kind and, for a move, the start it announces and when it was made. */
export type OutboxRef = {
  bookingId: string;
  kind: OutboxKind;
  /** For 'showtime-moved': the new start it announces. */
  startsAt?: string | undefined;
  /**
   * For 'showtime-moved': when the booking was moved, which tells two moves to the same time apart. For
   * 'seats-cancelled': when the seats were cancelled, which names the change (Booking.seatCancellations).
   */
  changedAt?: string | undefined;
};

export type OutboxMessage = OutboxRef & {
  userId: string;
  status: OutboxStatus;
  /** Claims so far, including the one under way. */
  attempts: number;
  createdAt: string;
  /** For 'showtime-moved': the start the booking had before. */
  previousStartsAt?: string;
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
  /** Why nothing was sent when the message had become pointless: a later move or a cancellation. */
  skipped?: string;
  sentAt?: string;
  failedAt?: string;
  lastError?: string;
};
