import type { Config } from './config';
import type { Clock } from './platform/clock';
import type { Db } from './platform/db/client';
import type { ImageEncoder } from './platform/images/image-encoder';
import type { Logger } from './platform/log';
import type { Mailer } from './platform/mail/mailer';
import type { PasswordHasher } from './platform/passwords/password-hasher';
import type { OnlineProvider } from './platform/payments/online';
import type { PaymentProvider } from './platform/payments/payment-provider';
import type { Notifier } from './platform/sms/notifier';
import type { TicketKeys } from './platform/ticket-keys/ticket-keys';
import type { TtlCache } from './platform/ttl-cache';

/** Everything a service may use, injected by the runtime entry point (node.ts, worker.ts) or a test. */
export type Deps = {
  config: Config;
  clock: Clock;
  db: Db;
  log: Logger;
  mailer: Mailer;
  /** SMS: SNS in production, the log in local mode, a recording one in tests. */
  notifier: Notifier;
  /** The Ed25519 keys that sign ticket codes and those still accepted at the door. */
  tickets: TicketKeys;
  passwords: PasswordHasher;
  payment: PaymentProvider;
  /** The online providers configured (Stripe, Razorpay, or the local payment server's stand-ins); may be none. */
  onlinePayments: OnlineProvider[];
  cache: TtlCache;
  /** Sessions with their users, by session id, for `config.sessionCacheMs` (auth/sessions.ts). */
  sessionCache: TtlCache;
  /** Each showtime's seat states, shared by its seat maps and polls for `config.seatMapCacheMs` (booking/recent-seats.ts). */
  seatStates: TtlCache;
  /** Reads and re-encodes uploaded images (sharp on Node); absent on Workers, where uploads are refused. */
  images?: ImageEncoder | undefined;
};
