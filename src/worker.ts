/**
 * The Cloudflare Workers entry point: the same app, rendered at the edge. Static assets are served by
 * Workers' asset store (wrangler.toml); the database is always external here. A cron trigger
 * (wrangler.toml) runs the outbox dispatcher, since a Worker has no process to run it in between requests.
 */
import type { ExecutionContext } from 'hono';
import { createApp } from './app';
import { loadConfig } from './config';
import type { Deps } from './deps';
import { recentSeatStates } from './features/booking/recent-seats';
import { DISPATCH_BATCH, dispatchDue } from './features/confirmations/dispatcher';
import { dispatchRefunds } from './features/payments/refunds';
import { systemClock } from './platform/clock';
import { dbForConfig } from './platform/db/client';
import { createLogger } from './platform/log';
import { SesMailer } from './platform/mail/ses';
import { portableHasher } from './platform/passwords/argon2-portable';
import { gatedHasher } from './platform/passwords/hash-gate';
import { onlineProviders } from './platform/payments/online-providers';
import { boxOffice } from './platform/payments/payment-provider';
import { SnsNotifier } from './platform/sms/sns';
import { ticketKeysFrom } from './platform/ticket-keys/ticket-keys';
import { TtlCache } from './platform/ttl-cache';

type Env = Record<string, unknown>;

let built: Promise<{ app: ReturnType<typeof createApp>; deps: Deps }> | undefined;

async function build(env: Env) {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
  const config = loadConfig(strings);
  if (config.database.kind === 'embedded') {
    throw new Error('On Workers set DYNAMODB_ENDPOINT, or AWS_REGION and TABLE_NAME with credentials.');
  }
  // Each isolate would make its own key, and codes signed by one would fail at the door in another.
  if (!config.ticketSigningKey) throw new Error('On Workers set TICKET_SIGNING_KEY (npm run ticket-keys).');
  const db = dbForConfig(config);
  const deps: Deps = {
    config,
    clock: systemClock,
    db,
    log: createLogger(config.logLevel),
    // No local SES server here: SES_ENDPOINT, or the region's SES with the Worker's own keys.
    mailer: new SesMailer({
      region: config.region,
      endpoint: config.sesEndpoint,
      credentials: config.credentials,
      from: config.mailFrom,
      configurationSet: config.sesConfigurationSet,
    }),
    notifier: new SnsNotifier({
      region: config.region,
      endpoint: config.snsEndpoint,
      credentials: config.credentials,
      senderId: config.smsSenderId,
    }),
    tickets: await ticketKeysFrom({
      signingKey: config.ticketSigningKey,
      verifyKeys: config.ticketVerifyKeys,
    }),
    // Workers cannot load the native argon2; the portable one makes the same hashes, on the isolate's one
    // thread: one at a time, a few waiting, the rest turned away.
    passwords: gatedHasher(portableHasher, { concurrency: 1, maxWaiting: 8 }),
    payment: boxOffice,
    // Stripe and Razorpay when their keys are set; both adapters speak fetch and Web Crypto only.
    onlinePayments: onlineProviders(config),
    cache: new TtlCache(config.catalogCacheMs),
    sessionCache: new TtlCache(config.sessionCacheMs),
    // No refresh ahead: an isolate may cancel a read its request left running (recent-seats.ts).
    seatStates: recentSeatStates(db, config.seatMapCacheMs, Date.now, { refreshAhead: false }),
    // No image encoder: sharp's native library cannot load in an isolate. Poster uploads are refused
    // with a message pointing to the Node server; stored posters are served from the table as on Node.
    images: undefined,
  };
  const app = createApp(deps, { compress: false, peerAddress: (c) => c.req.header('CF-Connecting-IP') });
  return { app, deps };
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    built ??= build(env);
    const { app } = await built;
    return app.fetch(request, env, ctx);
  },
  /**
   * The cron trigger: outbox rounds under a fresh owner id, again while a round comes back full and the
   * invocation is young, so a busy minute does not leave a backlog behind; then a round of refunds.
   */
  async scheduled(_event: unknown, env: Env, ctx: ExecutionContext) {
    built ??= build(env);
    const { deps } = await built;
    const owner = crypto.randomUUID();
    const started = Date.now();
    ctx.waitUntil(
      (async () => {
        while ((await dispatchDue(deps, owner)).listed === DISPATCH_BATCH && Date.now() - started < 20_000);
        await dispatchRefunds(deps, owner);
      })(),
    );
  },
};
