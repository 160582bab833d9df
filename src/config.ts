import { z } from 'zod';

/** Where the app's DynamoDB table lives: an embedded DynamoDB Local we start, or an endpoint/AWS we are given. */
export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string | null }
  | { kind: 'external'; endpoint: string | undefined };

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** `address@domain` or `Display Name <address@domain>`: what SES takes as FromEmailAddress. */
const mailbox = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;
const LOCAL_MAIL_FROM = 'Movie Magic <tickets@moviemagic.local>';

/** Each provider's keys come together: one of them set makes the others required. */
const PROVIDER_KEYS = {
  Stripe: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
  Razorpay: ['RAZORPAY_KEY_ID', 'RAZORPAY_KEY_SECRET', 'RAZORPAY_WEBHOOK_SECRET'],
} as const;

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).optional(),
    TABLE_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be 3-255 letters, digits, _ . or -')
      .optional(),
    AWS_REGION: z.string().min(1).optional(),
    AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
    AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    AWS_SESSION_TOKEN: z.string().min(1).optional(),
    DYNAMODB_ENDPOINT: z.url().optional(),
    DYNAMODB_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1024).optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    DB_IN_MEMORY: boolean.default(false),
    DEMO_DATA: boolean.optional(),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
    CATALOG_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
    PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(600).default(5),
    SEAT_MAP_CACHE_SECONDS: z.coerce.number().min(0).max(5).default(0.5),
    SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(10).default(2),
    HOLD_MINUTES: z.coerce.number().min(0.05).max(60).default(8),
    MAX_SEATS_PER_ORDER: z.coerce.number().int().min(1).max(50).default(10),
    MAX_HOLDS_PER_ACCOUNT: z.coerce.number().int().min(1).max(10).default(2),
    SALES_CLOSE_MINUTES: z.coerce.number().min(0).max(240).default(10),
    UNPAID_RELEASE_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
    UNPAID_SEATS_PER_SHOWTIME: z.coerce.number().int().min(0).max(50).default(6),
    UNPAID_BOOKINGS_OPEN: z.coerce.number().int().min(0).max(100).default(3),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    MAIL_FROM: z
      .string()
      .trim()
      .regex(mailbox, 'must be an email address, optionally with a name: Movie Magic <tickets@example.com>')
      .optional(),
    SES_ENDPOINT: z.url().optional(),
    CLIENT_IP_HEADER: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name such as X-Forwarded-For')
      .optional(),
    PUBLIC_ORIGIN: z
      .url()
      .transform((url) => new URL(url).origin)
      .optional(),
    SES_CONFIGURATION_SET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
      .optional(),
    SNS_ENDPOINT: z.url().optional(),
    SMS_SENDER_ID: z
      .string()
      .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, 'must be 1-11 letters and digits, at least one a letter')
      .optional(),
    OUTBOX_POLL_SECONDS: z.coerce.number().min(0.1).max(300).default(2),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    OUTBOX_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
    OUTBOX_RETRY_BASE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
    TICKET_DOOR_OPENS_MINUTES: z.coerce.number().int().min(0).max(10_080).default(180),
    TICKET_DOOR_CLOSES_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
    TICKET_SIGNING_KEY: z.string().min(1).optional(),
    TICKET_VERIFY_KEYS: z.string().min(1).optional(),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(
        /^(sk|rk)_(test|live)_\S+$/,
        'must be a Stripe secret key: sk_test_…, sk_live_… or a restricted rk_…',
      )
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\S+$/, "must be the webhook endpoint's signing secret, whsec_…")
      .optional(),
    STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
    RAZORPAY_KEY_ID: z
      .string()
      .regex(/^rzp_(test|live)_[A-Za-z0-9]+$/, 'must be a Razorpay key id: rzp_test_… or rzp_live_…')
      .optional(),
    RAZORPAY_KEY_SECRET: z.string().min(1).optional(),
    RAZORPAY_WEBHOOK_SECRET: z.string().min(1).optional(),
    RAZORPAY_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine(
    (env, ctx) => {
      for (const [provider, keys] of Object.entries(PROVIDER_KEYS)) {
        const given = keys.filter((key) => env[key]);
        if (given.length === 0 || given.length === keys.length) continue;
        for (const key of keys.filter((key) => !env[key])) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `is required with ${given.join(' and ')}: ${provider} takes payments once ${keys.join(', ')} are all set`,
          });
        }
      }
    },
    { when: () => true },
  )
  .refine((env) => env.TICKET_SIGNING_KEY || !(env.AWS_REGION && env.TABLE_NAME), {
    path: ['TICKET_SIGNING_KEY'],
    message:
      'is required on AWS: the Ed25519 key that signs ticket codes, shared by every process ' +
      '(npm run ticket-keys prints a new one)',
    when: () => true,
  })
  .refine((env) => env.MAIL_FROM || !(env.AWS_REGION && env.TABLE_NAME), {
    path: ['MAIL_FROM'],
    message:
      'is required on AWS (AWS_REGION and TABLE_NAME are set): a sender SES has verified, ' +
      'for example Movie Magic <tickets@example.com>',
    // Checked even when other variables are bad, so one start-up names every problem.
    when: () => true,
  })
  .refine((env) => env.PUBLIC_ORIGIN || !(env.AWS_REGION && env.TABLE_NAME), {
    path: ['PUBLIC_ORIGIN'],
    message:
      'is required on AWS: the https origin links in emails point to, for example https://tickets.example.com ' +
      '(taking it from the request would let a forged Host header aim reset links elsewhere)',
    when: () => true,
  })
  .transform((env) => {
    const aws = Boolean(env.AWS_REGION && env.TABLE_NAME);
    const external = Boolean(env.DYNAMODB_ENDPOINT) || aws;
    const database: DatabaseTarget = external
      ? { kind: 'external', endpoint: env.DYNAMODB_ENDPOINT }
      : { kind: 'embedded', dataDir: env.DB_IN_MEMORY ? null : env.DATA_DIR };
    return {
      port: env.PORT,
      /** Locally the loopback interface only: the demo accounts' passwords are in the README. */
      host: env.HOST ?? (aws ? '0.0.0.0' : '127.0.0.1'),
      /** Local mode: we run the database ourselves; anything that only makes sense on a laptop keys off this. */
      local: !aws,
      database,
      /**
       * DynamoDB requests one process sends at once (platform/db/in-flight.ts). DynamoDB Local works
       * through them a few at a time on this machine's cores, and more only queue inside it, where the
       * call's time limit runs; Amazon's service answers each in milliseconds whatever the crowd.
       */
      dynamoInFlight: env.DYNAMODB_MAX_IN_FLIGHT ?? (env.DYNAMODB_ENDPOINT || !aws ? 8 : 64),
      tableName: env.TABLE_NAME ?? 'movie-magic',
      region: env.AWS_REGION ?? 'us-east-1',
      credentials:
        env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
          ? {
              accessKeyId: env.AWS_ACCESS_KEY_ID,
              secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
              sessionToken: env.AWS_SESSION_TOKEN,
            }
          : aws
            ? undefined // the SDK's default chain: instance role on EC2
            : { accessKeyId: 'local', secretAccessKey: 'local' },
      demoData: env.DEMO_DATA ?? !aws,
      maxBodyBytes: env.MAX_BODY_BYTES,
      catalogCacheMs: env.CATALOG_CACHE_SECONDS * 1000,
      pageCacheMs: env.PAGE_CACHE_SECONDS * 1000,
      /** How long one process reuses a showtime's seat states for everyone polling its seat map. */
      seatMapCacheMs: env.SEAT_MAP_CACHE_SECONDS * 1000,
      /**
       * How long one process trusts a session and its user as read: a sign-out, password reset or role
       * change made by another process takes effect here within this bound (in this process, at once).
       */
      sessionCacheMs: env.SESSION_CACHE_SECONDS * 1000,
      holdMs: Math.round(env.HOLD_MINUTES * 60_000),
      maxSeatsPerOrder: env.MAX_SEATS_PER_ORDER,
      maxHoldsPerAccount: env.MAX_HOLDS_PER_ACCOUNT,
      salesCloseMs: Math.round(env.SALES_CLOSE_MINUTES * 60_000),
      /** An unpaid box-office booking's seats go back on sale this long before the show. */
      unpaidReleaseMs: env.UNPAID_RELEASE_MINUTES * 60_000,
      /** Per customer: seats of one showtime, and bookings in all, that may wait to be paid at the box office. */
      unpaidSeatsPerShowtime: env.UNPAID_SEATS_PER_SHOWTIME,
      unpaidBookingsOpen: env.UNPAID_BOOKINGS_OPEN,
      logLevel: env.LOG_LEVEL,
      mailFrom: env.MAIL_FROM ?? LOCAL_MAIL_FROM,
      /** Unset in local mode means node.ts starts a local SES server; unset on AWS means the region's SES. */
      sesEndpoint: env.SES_ENDPOINT,
      sesConfigurationSet: env.SES_CONFIGURATION_SET,
      /** Where links in emails point; in local mode, when unset, the origin of the request. */
      publicOrigin: env.PUBLIC_ORIGIN,
      /** Set behind a proxy or load balancer: the header whose last entry is the client's address. */
      clientIpHeader: env.CLIENT_IP_HEADER,
      /** Unset means the region's SNS; tests point it at a local endpoint. */
      snsEndpoint: env.SNS_ENDPOINT,
      smsSenderId: env.SMS_SENDER_ID,
      outboxPollMs: env.OUTBOX_POLL_SECONDS * 1000,
      outboxMaxAttempts: env.OUTBOX_MAX_ATTEMPTS,
      /** How long a claim lasts: longer than a send takes (SES and SNS time out after 10 s, 3 attempts). */
      outboxLeaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
      outboxRetryBaseMs: env.OUTBOX_RETRY_BASE_SECONDS * 1000,
      /** A ticket's entry window, signed into its code: from this long before the start... */
      ticketOpensMs: env.TICKET_DOOR_OPENS_MINUTES * 60_000,
      /** ...until this long after it. */
      ticketClosesMs: env.TICKET_DOOR_CLOSES_MINUTES * 60_000,
      /** Where local mode keeps what must outlive a restart (DynamoDB Local's files, the ticket keys). */
      dataDir: env.DB_IN_MEMORY ? null : env.DATA_DIR,
      /** Unset in local mode means a key kept in DATA_DIR (or made per run in memory). */
      ticketSigningKey: env.TICKET_SIGNING_KEY,
      /** Older public keys still accepted at the door after a rotation, comma-separated. */
      ticketVerifyKeys: env.TICKET_VERIFY_KEYS,
      /** Card payments through Stripe Checkout, when its keys are set; `apiUrl` unset means Stripe's own. */
      stripe:
        env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
          ? {
              secretKey: env.STRIPE_SECRET_KEY,
              webhookSecret: env.STRIPE_WEBHOOK_SECRET,
              apiUrl: env.STRIPE_API_URL,
            }
          : undefined,
      /** UPI, cards, net banking and wallets through Razorpay Payment Links, when its keys are set. */
      razorpay:
        env.RAZORPAY_KEY_ID && env.RAZORPAY_KEY_SECRET && env.RAZORPAY_WEBHOOK_SECRET
          ? {
              keyId: env.RAZORPAY_KEY_ID,
              keySecret: env.RAZORPAY_KEY_SECRET,
              webhookSecret: env.RAZORPAY_WEBHOOK_SECRET,
              apiUrl: env.RAZORPAY_API_URL,
            }
          : undefined,
    };
  });

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates configuration once; throws a ConfigError that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  ${issue.path.join('.') || 'config'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}
