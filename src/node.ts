/**
 * The Node.js entry point: one process that serves the app and, in local mode, runs DynamoDB Local,
 * a local SES server and a local payment server beside it. Everything runtime-specific for Node lives here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app';
import { type Config, ConfigError, loadConfig } from './config';
import { loadDemoData } from './demo/seed';
import { type DemoAccount, formatDemoAccounts, loadDemoUsers } from './demo/users';
import { recentSeatStates } from './features/booking/recent-seats';
import { startDispatcher } from './features/confirmations/dispatcher';
import { startRefunds } from './features/payments/refunds';
import { SETUP_CALLS } from './platform/aws-calls';
import { systemClock } from './platform/clock';
import { type Db, dbForConfig } from './platform/db/client';
import { JavaMissingError, type LocalDynamo, startLocalDynamo } from './platform/db/node/dynamodb-local';
import { ensureTable } from './platform/db/table';
import { sharpImages } from './platform/images/node/sharp-images';
import { createLogger, type Logger } from './platform/log';
import type { Mailer } from './platform/mail/mailer';
import { type LocalSes, startLocalSes } from './platform/mail/node/local-ses';
import { SesMailer } from './platform/mail/ses';
import { gatedHasher } from './platform/passwords/hash-gate';
import { nodeHasher } from './platform/passwords/node/argon2-native';
import type { PasswordHasher } from './platform/passwords/password-hasher';
import { type LocalPayments, startLocalPayments } from './platform/payments/node/local-payments';
import type { OnlineProvider } from './platform/payments/online';
import { onlineProviders } from './platform/payments/online-providers';
import { boxOffice } from './platform/payments/payment-provider';
import { logNotifier } from './platform/sms/log-notifier';
import type { Notifier } from './platform/sms/notifier';
import { SnsNotifier } from './platform/sms/sns';
import { loadOrCreateLocalTicketKeys } from './platform/ticket-keys/node/local-ticket-keys';
import { type TicketKeys, ticketKeysFrom } from './platform/ticket-keys/ticket-keys';
import { TtlCache } from './platform/ttl-cache';
import type { AssetFile } from './web/middleware/serve-assets';

const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

/** Loads public/assets (built by scripts/build-assets.ts) into memory, with its .gz and .br twins. */
export function loadAssets(
  dir = fileURLToPath(new URL('../public/assets/', import.meta.url)),
): Map<string, AssetFile> {
  const files = new Map<string, AssetFile>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.gz') || name.endsWith('.br')) continue;
    const read = (suffix: string) =>
      existsSync(dir + name + suffix) ? readFileSync(dir + name + suffix) : undefined;
    const body = readFileSync(dir + name);
    files.set(`/assets/${name}`, {
      type: types[name.split('.').at(-1) ?? ''] ?? 'application/octet-stream',
      body,
      gzip: read('.gz'),
      brotli: read('.br'),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
    });
  }
  return files;
}

/** SMS through SNS; in local mode without SNS_ENDPOINT, into the log. */
export function notifierFor(config: Config, log: Logger): Notifier {
  if (config.local && !config.snsEndpoint) return logNotifier(log);
  return new SnsNotifier({
    region: config.region,
    endpoint: config.snsEndpoint,
    credentials: config.credentials,
    senderId: config.smsSenderId,
  });
}

/**
 * The ticket keys: from TICKET_SIGNING_KEY (and TICKET_VERIFY_KEYS) when set (required on AWS); in local
 * mode otherwise a pair kept in DATA_DIR, or made for this run with DB_IN_MEMORY.
 */
export async function ticketKeysFor(config: Config): Promise<TicketKeys> {
  if (config.ticketSigningKey) {
    return ticketKeysFrom({ signingKey: config.ticketSigningKey, verifyKeys: config.ticketVerifyKeys });
  }
  // Also with DYNAMODB_ENDPOINT: tickets already sent must still scan after a restart.
  return loadOrCreateLocalTicketKeys(config.dataDir);
}

export type NodeServices = {
  mailer: Mailer;
  notifier: Notifier;
  tickets: TicketKeys;
  /** Stripe and Razorpay, or the local payment server's; none for tools such as the benchmarks. */
  onlinePayments?: OnlineProvider[];
};

/**
 * Stripe and Razorpay as configured; in local mode with neither configured, both on a local payment
 * server started here (its webhook URLs are set once the app listens).
 */
export async function onlinePaymentsFor(
  config: Config,
): Promise<{ providers: OnlineProvider[]; local?: LocalPayments }> {
  if (!config.local || config.stripe || config.razorpay) return { providers: onlineProviders(config) };
  const local = await startLocalPayments();
  const { secrets } = local;
  const providers = onlineProviders({
    stripe: {
      secretKey: secrets.stripeSecretKey,
      webhookSecret: secrets.stripeWebhookSecret,
      apiUrl: local.stripeApiUrl,
    },
    razorpay: {
      keyId: secrets.razorpayKeyId,
      keySecret: secrets.razorpayKeySecret,
      webhookSecret: secrets.razorpayWebhookSecret,
      apiUrl: local.razorpayBaseUrl,
    },
  });
  return { providers, local };
}

/**
 * Native argon2 behind the gate: half the cores' worth of hashes at once, so a flood of password checks
 * leaves the pages a core (decision 014).
 */
export function nodePasswords(): PasswordHasher {
  return gatedHasher(nodeHasher, {
    concurrency: Math.max(1, Math.floor(availableParallelism() / 2)),
    maxWaiting: 64,
  });
}

/**
 * The app exactly as the Node server runs it, so tools such as the benchmark measure the real thing.
 * `passwords` is for a benchmark that compares the gate with none.
 */
export function createNodeApp(
  config: Config,
  db: Db,
  log: Logger,
  services: NodeServices,
  passwords: PasswordHasher = nodePasswords(),
) {
  return createApp(
    {
      config,
      clock: systemClock,
      db,
      log,
      ...services,
      passwords,
      payment: boxOffice,
      onlinePayments: services.onlinePayments ?? [],
      cache: new TtlCache(config.catalogCacheMs),
      sessionCache: new TtlCache(config.sessionCacheMs),
      seatStates: recentSeatStates(db, config.seatMapCacheMs),
      images: sharpImages,
    },
    { assets: loadAssets(), peerAddress: (c) => getConnInfo(c).remote.address },
  );
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);

  let local: LocalDynamo | undefined;
  let localSes: LocalSes | undefined;
  // Registered before either starts: a failed start-up must not leave DynamoDB Local or the SES
  // server running on their own.
  process.on('exit', () => {
    void local?.stop();
    void localSes?.stop();
  });
  if (config.database.kind === 'embedded') {
    try {
      local = await startLocalDynamo({ dataDir: config.database.dataDir });
    } catch (error) {
      if (error instanceof JavaMissingError) {
        console.error(error.message);
        process.exit(3);
      }
      throw error;
    }
    log.info('started DynamoDB Local', {
      endpoint: local.endpoint,
      storage: config.database.dataDir ?? 'in memory',
      listensOn: local.loopbackOnly ? '127.0.0.1' : 'every interface',
    });
    if (!local.loopbackOnly) {
      log.warn(
        'DynamoDB Local listens on every interface: this Java lacks the jdk.compiler module that runs its ' +
          'loopback launcher; install openjdk-17-jdk-headless, or keep this machine off shared networks',
      );
    }
  }

  if (config.local && !config.sesEndpoint) {
    localSes = await startLocalSes();
    log.info('local SES viewer', { url: localSes.viewerUrl, endpoint: localSes.endpoint });
  }
  const mailer = new SesMailer({
    region: config.region,
    endpoint: localSes?.endpoint ?? config.sesEndpoint,
    credentials: config.credentials,
    from: config.mailFrom,
    configurationSet: config.sesConfigurationSet,
  });

  const db = dbForConfig(config, local?.endpoint);
  // Start-up work gets longer per call than a page does: nobody is waiting, and the engine may be slow.
  const setup = dbForConfig(config, local?.endpoint, SETUP_CALLS);
  const table = await ensureTable(setup);
  log.info('table ready', { table: config.tableName, state: table });
  let demoAccounts: DemoAccount[] = [];
  if (config.demoData) {
    const demo = await loadDemoData(setup, new Date());
    log.info('demo data ready', demo);
    demoAccounts = await loadDemoUsers({ db: setup, config, clock: systemClock, passwords: nodeHasher });
  }
  setup.doc.destroy();

  const payments = await onlinePaymentsFor(config);
  const localPayments = payments.local;
  if (localPayments) {
    log.info('local payment server', {
      url: localPayments.url,
      stripe: localPayments.stripeApiUrl,
      razorpay: localPayments.razorpayBaseUrl,
    });
  }
  const services: NodeServices = {
    mailer,
    notifier: notifierFor(config, log),
    tickets: await ticketKeysFor(config),
    onlinePayments: payments.providers,
  };
  const app = createNodeApp(config, db, log, services);
  // Delivers what bookings leave in the outbox, in this same process.
  const dispatcher = startDispatcher(
    { config, clock: systemClock, db, log, ...services },
    config.outboxPollMs,
  );
  // And sends the refunds that payments queue, the same way.
  const refunds = startRefunds(
    { config, clock: systemClock, db, log, mailer, onlinePayments: payments.providers },
    config.outboxPollMs,
  );
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    log.info('listening', { url: `http://${host}:${info.port}` });
    const origin = config.publicOrigin ?? `http://${host}:${info.port}`;
    localPayments?.setWebhookUrls({
      stripe: `${origin}/payments/webhooks/stripe`,
      razorpay: `${origin}/payments/webhooks/razorpay`,
    });
    const mail = localSes ? `  Emails it sends:          ${localSes.viewerUrl}\n` : '';
    const pay = localPayments ? `  Payments it takes:        ${localPayments.url}\n` : '';
    const demo = demoAccounts.length
      ? `  Demo accounts:            ${formatDemoAccounts(demoAccounts, ' '.repeat(28))}\n`
      : '';
    console.log(`\n  Movie Magic is running at http://${host}:${info.port}\n${mail}${pay}${demo}`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    const forced = setTimeout(() => process.exit(1), 10_000);
    forced.unref();
    await new Promise<void>((done) => server.close(() => done()));
    await Promise.all([dispatcher.stop(), refunds.stop()]);
    await Promise.all([local?.stop(), localSes?.stop(), localPayments?.stop()]);
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: Error) => {
    console.error(`Movie Magic failed to start: ${error.message}`);
    process.exit(1);
  });
}
