import type { Money } from '../../platform/money';
import type { PaymentStatus } from '../../platform/payments/payment-provider';
import type { CancellationPolicy } from '../catalog/model';

/** One line of the price breakdown: tickets of one category. */
export type TicketLine = { category: string; name: string; count: number; unitPrice: number; amount: number };

/** What a booking costs, all in minor units of one currency, computed by the server from the showtime. */
export type PriceBreakdown = {
  currency: string;
  tickets: TicketLine[];
  /** Convenience fee per ticket times the number of tickets. */
  fee: number;
  feePerTicket: number;
  /** Tax on the fee, named as the city names it (GST, VAT). */
  tax: number;
  taxName: string;
  taxBasisPoints: number;
  total: number;
};

/** A user's hold on seats of one showtime. One per user and showtime: its key is (showtime, user). */
export type Hold = {
  holdId: string;
  showId: string;
  userId: string;
  seats: string[];
  createdAt: string;
  /** Set when the hold is first placed; changing its seats keeps it, so a hold cannot be renewed. */
  expiresAt: string;
  /** Set when paying online stretched `expiresAt` (booking/hold-extension.ts): that happens once. */
  extendedAt?: string;
  /** Which of the user's hold slots it occupies (see `HoldSlot`); absent on holds placed before slots. */
  slot?: number;
  /**
   * The showtime's seat layout version the seats were checked against (Showtime.layoutVersion); the hold
   * and its sale are refused once the showtime has another. Absent on older holds: version 1.
   */
  layoutVersion?: number;
};

/**
 * One of the few showtimes a user may hold seats for at a time: slot n is free when absent, expired, or
 * already this showtime's. Claimed in the transaction that places the hold; let go when the hold is
 * released or sold.
 */
export type HoldSlot = { slot: number; showId: string; expiresAt: string };

export type Booking = {
  id: string;
  userId: string;
  showId: string;
  movieId: string;
  movieTitle: string;
  /** The film's running time when booked: how long the calendar event lasts. Older bookings lack it. */
  runtimeMinutes?: number;
  theaterId: string;
  theaterName: string;
  theaterAddress: string;
  timeZone: string;
  /** How the theater's city writes dates and money (BCP 47); older bookings lack it and read en-IN. */
  locale?: string;
  screenName: string;
  startsAt: string;
  seats: { id: string; category: string; categoryName: string }[];
  price: PriceBreakdown;
  payment: {
    provider: string;
    status: PaymentStatus;
    /** The provider's id of the money taken (a Stripe payment intent, a Razorpay payment). */
    reference?: string | undefined;
    /** Paid online: the provider's session the buyer paid on, and what it charged. */
    sessionId?: string;
    charged?: Money;
    /**
     * Unpaid at the box office: when its seats go back on sale unless paid by then (booking/unpaid.ts).
     * The seats carry the same instant as `unpaidUntil`, which every hold's condition reads.
     */
    releaseAt?: string;
    /** Set when door staff took an unpaid booking's money: when, and who. */
    collectedAt?: string;
    collectedBy?: string;
  };
  createdAt: string;
  /**
   * The eight characters staff may type at the door instead of scanning (booking/door-code.ts), unique
   * through its DOORCODE item. Bookings made before door codes lack it: their QR code still admits.
   */
  doorCode?: string;
  /** Set once at the door by the staff member who scanned the ticket. */
  admittedAt?: string;
  admittedBy?: string;
  /** Set when the showtime moved: when, and the start it had before. Its ticket code is then a new one. */
  movedAt?: string;
  previousStartsAt?: string;
  /**
   * Set when the booking was cancelled (its showtime was, or its customer or staff cancelled it): its seats
   * are freed and its tickets admit no one. `cancellation` says who and what was refunded; absent for a
   * cancelled showtime before that was recorded.
   */
  cancelledAt?: string;
  cancellation?: {
    by: 'customer' | 'staff' | 'theater';
    byUserId?: string;
    reason?: string;
    /** Minor units given back through the provider; 0 for a booking not paid online. */
    refund: number;
  };
  /**
   * Seats staff cancelled out of the booking while keeping the rest (bookings/cancel-seats.ts), oldest
   * first. `seats` and `price` are then what is left; `payment.charged` stays what was charged.
   */
  seatCancellations?: SeatCancellation[];
  /** Minor units refunded so far by cancelling some seats: later refunds give back at most the rest. */
  refunded?: number;
  /** The theater's cancellation policy when the booking was bought (booking/cancellation-policy.ts). */
  cancellationPolicy?: CancellationPolicy;
};

/** Some seats of a booking cancelled by staff: which, when, by whom, why, and what was refunded for them. */
export type SeatCancellation = {
  at: string;
  byUserId: string;
  reason: string;
  seats: Booking['seats'];
  /** Minor units given back through the provider for these seats; 0 when nothing was paid online. */
  refund: number;
};

export const money = (amount: number, currency: string): Money => ({ amount, currency });
