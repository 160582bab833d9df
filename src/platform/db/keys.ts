/**
 * Key builders for the single table. Every item has generic `pk`/`sk` and, where an access pattern
 * needs it, `gsi1pk`/`gsi1sk` and `gsi2pk`/`gsi2sk`. docs/data-model.md lists them all.
 */
export const keys = {
  cityList: () => 'CITIES',
  city: (cityId: string) => `CITY#${cityId}`,
  theater: (theaterId: string) => `THEATER#${theaterId}`,
  theaterMeta: () => 'THEATER',
  screen: (screenId: string) => `SCREEN#${screenId}`,
  /** The earlier layouts of one screen, each kept while showtimes may still read it. */
  screenVersions: (theaterId: string, screenId: string) => `THEATER#${theaterId}#SCREEN#${screenId}`,
  /** Zero-padded, so the versions of a screen sort in order. */
  screenVersion: (version: number) => `V#${String(version).padStart(6, '0')}`,
  movieList: () => 'MOVIES',
  movie: (movieId: string) => `MOVIE#${movieId}`,
  movieMeta: () => 'MOVIE',
  /** An uploaded poster, named by the hash of its encoded images; one item per width in its partition. */
  poster: (posterId: string) => `POSTER#${posterId}`,
  posterWidth: (width: number) => `WEBP#${width}`,
  show: (showId: string) => `SHOW#${showId}`,
  showMeta: () => 'SHOW',
  /** A theater's price card, in the theater's partition. */
  priceCard: (priceCardId: string) => `PRICECARD#${priceCardId}`,
  /** One screen's schedule: its revision item and a slot per showtime scheduled from the back office. */
  screenSchedule: (theaterId: string, screenId: string) => `SCHEDULE#${theaterId}#${screenId}`,
  scheduleRevision: () => 'REVISION',
  /** A showtime's time on its screen, sorted by start instant within the screen's schedule. */
  scheduleSlot: (startsAt: string, showId: string) => `SLOT#${startsAt}#${showId}`,
  /** Sorts a showtime by its start instant within a movie's or a theater's partition. */
  showByStart: (startsAt: string, showId: string) => `${startsAt}#${showId}`,
  contact: (messageId: string) => `CONTACT#${messageId}`,
  contactMeta: () => 'CONTACT',
  contactList: () => 'CONTACTS',
  user: (userId: string) => `USER#${userId}`,
  userMeta: () => 'USER',
  /** Holds an email address for one account: the uniqueness guard that sign-up writes conditionally. */
  email: (normalizedEmail: string) => `EMAIL#${normalizedEmail}`,
  emailMeta: () => 'EMAIL',
  /** The one live code that would confirm a user's mobile number, in the user's partition. */
  mobileCode: () => 'MOBILECODE',
  session: (sessionId: string) => `SESSION#${sessionId}`,
  sessionMeta: () => 'SESSION',
  userSessions: (userId: string) => `USER#${userId}#SESSIONS`,
  /** A single-use email token (verification or password reset), keyed by the hash of its secret. */
  token: (tokenHash: string) => `TOKEN#${tokenHash}`,
  tokenMeta: () => 'TOKEN',
  /** A fixed-window counter of one rate limit for one subject (an IP, an account); sk is the window start. */
  rate: (limit: string, subject: string) => `RATE#${limit}#${subject}`,
  /** A seat's state, in its showtime's partition: held (with an expiry), sold, or blocked by a manager. */
  seat: (seatId: string) => `SEAT#${seatId}`,
  /** A user's hold on a showtime, in the showtime's partition: one per user and showtime by construction. */
  hold: (userId: string) => `HOLD#${userId}`,
  /** The showtimes a user holds seats for: a fixed number of slots, so the cap is one conditional write. */
  holdSlots: (userId: string) => `USER#${userId}#HOLDS`,
  holdSlot: (slot: number) => `SLOT#${slot}`,
  booking: (bookingId: string) => `BOOKING#${bookingId}`,
  bookingMeta: () => 'BOOKING',
  userBookings: (userId: string) => `USER#${userId}#BOOKINGS`,
  /** A booking's door code: the lookup the door reads, and the uniqueness guard the sale writes. */
  doorCode: (code: string) => `DOORCODE#${code}`,
  doorCodeMeta: () => 'DOORCODE',
  /** A booking's messages for delivery (email, SMS): its confirmation, and news of its showtime's changes. */
  outbox: (bookingId: string) => `OUTBOX#${bookingId}`,
  outboxPending: () => 'OUTBOX#pending',
  /** Messages that used up their attempts, listed for operators (gsi1). */
  outboxFailed: () => 'OUTBOX#failed',
  outboxConfirmation: () => 'booking-confirmation',
  /** The news that the showtime moved, one per move of the booking: `at` is when the booking was moved. */
  outboxShowtimeMoved: (startsAt: string, at: string) => `showtime-moved#${startsAt}#${at}`,
  /** The news that the showtime was cancelled: once per booking, as a booking is cancelled once. */
  outboxShowtimeCancelled: () => 'showtime-cancelled',
  /** The news that the booking was cancelled by its customer or by staff: once, as a booking is cancelled once. */
  outboxBookingCancelled: () => 'booking-cancelled',
  /** The news that staff cancelled some of the booking's seats, one per such change: `at` is when. */
  outboxSeatsCancelled: (at: string) => `seats-cancelled#${at}`,
  /**
   * An online payment (features/payments), under the id of the booking it makes when paid; its refunds
   * sit in the same partition, one per refund key, and gsi1 lists those due for sending.
   */
  payment: (paymentId: string) => `PAY#${paymentId}`,
  paymentMeta: () => 'PAYMENT',
  paymentRefund: (refundKey: string) => `REFUND#${refundKey}`,
  refundsPending: () => 'REFUNDS#pending',
  refundsFailed: () => 'REFUNDS#failed',
  /** A theater's payments and refunds by when they were made (gsi2), for the payments page. */
  theaterPayments: (theaterId: string) => `PAYMENTS#${theaterId}`,
  theaterRefunds: (theaterId: string) => `REFUNDS#${theaterId}`,
  /** A provider's webhook event seen, kept for good so a repeat, however late, changes nothing. */
  webhookEvent: (provider: string, eventId: string) => `WEBHOOK#${provider}#${eventId}`,
  webhookEventMeta: () => 'EVENT',
  /**
   * An audit entry of a back-office change, in its theater's partition (or the chain's, for changes that
   * belong to no theater); gsi1 lists every entry for admins.
   */
  audit: (scope: string) => `AUDIT#${scope}`,
  auditAll: () => 'AUDIT',
  meta: () => 'META',
  demoMarker: () => 'DEMO',
} as const;

export const SCHEMA_VERSION = 1;

/** The attribute DynamoDB's TTL deletes expired items by (epoch seconds). Conditions never rely on it. */
export const TTL_ATTRIBUTE = 'ttl';
