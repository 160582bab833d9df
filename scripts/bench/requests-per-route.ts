/**
 * `make bench-requests`: how many DynamoDB requests each step of the booking journey makes, by command,
 * signed out and signed in. Each step is asked twice in a row and the second is counted, so what a page
 * costs once the per-process caches are warm is what is printed: the figure a rush of visitors sees.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sessionCookieName } from '../../src/auth/session-cookie';
import { createSession } from '../../src/auth/sessions';
import { loadConfig } from '../../src/config';
import { demoShowtimes } from '../../src/demo/seed';
import { createUser } from '../../src/features/accounts/repo';
import { createNodeApp } from '../../src/node';
import { systemClock } from '../../src/platform/clock';
import { silentLogger } from '../../src/platform/log';
import { runBenchmark } from './database';
import { benchServices } from './services';

type Step = { name: string; path: string; method?: 'POST'; body?: string; signedIn: boolean };

const config = loadConfig({ DB_IN_MEMORY: 'true', LOG_LEVEL: 'warn' });

await runBenchmark(config, async ({ db }, now) => {
  let server: ReturnType<typeof serve> | undefined;
  try {
    let counts: Record<string, number> = {};
    db.doc.middlewareStack.add(
      (next, context) => (args) => {
        const name = (context.commandName ?? '?').replace(/Command$/, '');
        counts[name] = (counts[name] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const app = createNodeApp(config, db, silentLogger, await benchServices());
    const port = await new Promise<number>((done) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        done(info.port),
      );
    });
    const base = `http://127.0.0.1:${port}`;
    const at = now.toISOString();
    await createUser(db, {
      id: 'counted-buyer',
      email: 'counted-buyer@example.com',
      name: 'Counted Buyer',
      smsOptIn: false,
      role: 'customer',
      passwordHash: 'unused',
      emailVerifiedAt: at,
      createdAt: at,
    });
    const { token } = await createSession({ db, clock: systemClock }, 'counted-buyer');
    const cookie = `${sessionCookieName(config.local)}=${token}; city=mumbai`;
    const show = demoShowtimes(now).find(
      (s) => s.screenId.endsWith('-1') && Date.parse(s.startsAt) - now.getTime() >= 2 * 3_600_000,
    );
    if (!show) throw new Error('No Grand Hall showtime in the coming week: the demo data has changed.');

    const ask = async (step: Step) => {
      const res = await fetch(`${base}${step.path}`, {
        method: step.method ?? 'GET',
        redirect: 'manual',
        headers: {
          cookie: step.signedIn ? cookie : 'city=mumbai',
          origin: base,
          ...(step.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: step.body,
      });
      await res.arrayBuffer();
      return res.status;
    };
    const steps: Step[] = [
      { name: 'home', path: '/', signedIn: false },
      { name: 'movie page', path: `/movies/${show.movieId}`, signedIn: false },
      { name: 'seat page (254 seats)', path: `/showtimes/${show.id}`, signedIn: false },
      { name: 'seat poll', path: `/showtimes/${show.id}/seats`, signedIn: false },
      { name: 'home', path: '/', signedIn: true },
      { name: 'seat page (254 seats)', path: `/showtimes/${show.id}`, signedIn: true },
    ];
    console.log('DynamoDB requests per HTTP request, caches warm (the second of two asks)');
    console.log('| step | signed in | status | requests | by command |');
    console.log('|---|---|---|---|---|');
    const print = (step: Step, status: number) => {
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      const by = Object.entries(counts)
        .sort(([, a], [, b]) => b - a)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');
      console.log(`| ${step.name} | ${step.signedIn ? 'yes' : 'no'} | ${status} | ${total} | ${by} |`);
    };
    for (const step of steps) {
      await ask(step);
      counts = {};
      print(step, await ask(step));
    }
    // The booking itself happens once: hold, checkout, confirm, each counted as it is.
    const once: Step[] = [
      {
        name: 'hold',
        path: `/showtimes/${show.id}/hold`,
        method: 'POST',
        body: 'seat=F9&seat=F10',
        signedIn: true,
      },
      { name: 'checkout', path: `/checkout/${show.id}`, signedIn: true },
    ];
    for (const step of once) {
      counts = {};
      print(step, await ask(step));
    }
    const checkout = await (await fetch(`${base}/checkout/${show.id}`, { headers: { cookie } })).text();
    const key = /name="key" value="([^"]+)"/.exec(checkout)?.[1] ?? '';
    counts = {};
    print(
      { name: 'confirm (box office)', path: '', signedIn: true },
      await ask({
        name: 'confirm',
        path: `/checkout/${show.id}/confirm`,
        method: 'POST',
        body: new URLSearchParams({ key, method: 'box-office' }).toString(),
        signedIn: true,
      }),
    );
  } finally {
    server?.close();
  }
  return 0;
});
