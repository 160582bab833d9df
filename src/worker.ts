/**
 * The Cloudflare Workers entry point: the same app, rendered at the edge. Static assets are served by
 * Workers' asset store (wrangler.toml); the database is always external here.
 */
import type { ExecutionContext } from 'hono';
import { createApp } from './app';
import { loadConfig } from './config';
import { dbForConfig } from './db/client';
import { systemClock } from './deps';
import { portableHasher } from './features/accounts/password-portable';
import { boxOffice } from './features/booking/payments';
import { TtlCache } from './lib/ttl-cache';
import { createLogger } from './log';
import { SesMailer } from './mail/ses';

type Env = Record<string, unknown>;

let app: ReturnType<typeof createApp> | undefined;

function build(env: Env) {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
  const config = loadConfig(strings);
  if (config.database.kind === 'embedded') {
    throw new Error('On Workers set DYNAMODB_ENDPOINT, or AWS_REGION and TABLE_NAME with credentials.');
  }
  const db = dbForConfig(config);
  return createApp(
    {
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
      // Workers cannot load the native argon2; the portable one makes the same hashes.
      passwords: portableHasher,
      payment: boxOffice,
      cache: new TtlCache(config.catalogCacheMs),
    },
    { compress: false, peerAddress: (c) => c.req.header('CF-Connecting-IP') },
  );
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    app ??= build(env);
    return app.fetch(request, env, ctx);
  },
};
