/**
 * `make bench-units`: what each step of a booking costs in DynamoDB capacity units, partition by
 * partition, and the sizes of the items behind it, by the rules AWS publishes (capacity.ts). Runs the real
 * app against DynamoDB Local in memory, as `make bench-requests` does, and sizes what it reads and writes;
 * then sells a Grand Hall showtime to the last seat and sizes the Query every seat map is built from at
 * each quarter. docs/scaling.md works from these figures.
 */
import type { AddressInfo } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { toSessionUser } from '../../src/auth/model';
import { sessionCookieName } from '../../src/auth/session-cookie';
import { createSession } from '../../src/auth/sessions';
import { randomString } from '../../src/auth/tokens';
import { loadConfig } from '../../src/config';
import { screens } from '../../src/demo/catalog';
import { demoShowtimes } from '../../src/demo/seed';
import { createUser } from '../../src/features/accounts/repo';
import * as repo from '../../src/features/booking/repo';
import { layoutBlocks } from '../../src/features/booking/rules';
import { confirmBooking, holdSeats } from '../../src/features/booking/service';
import { dispatchDue } from '../../src/features/confirmations/dispatcher';
import * as limit from '../../src/features/limits/service';
import { limits } from '../../src/features/limits/service';
import { createNodeApp } from '../../src/node';
import { systemClock } from '../../src/platform/clock';
import { keys } from '../../src/platform/db/keys';
import { silentLogger } from '../../src/platform/log';
import { boxOffice } from '../../src/platform/payments/payment-provider';
import { TtlCache } from '../../src/platform/ttl-cache';
import { type Item, itemSize, READ_UNIT_BYTES, readUnits, WRITE_UNIT_BYTES, writeUnits } from './capacity';
import { runBenchmark } from './database';
import { Meter, printUnits } from './partition-meter';
import { benchServices } from './services';

const config = loadConfig({ DB_IN_MEMORY: 'true', LOG_LEVEL: 'warn' });

await runBenchmark(config, async ({ db }, now) => {
  let server: ReturnType<typeof serve> | undefined;
  try {
    const meter = new Meter(db);
    const raw = async (pk: string, sk: string): Promise<Item | undefined> =>
      (
        await db.doc.send(
          new GetItemCommand({
            TableName: db.table,
            Key: { pk: { S: pk }, sk: { S: sk } },
            ConsistentRead: true,
          }),
        )
      ).Item;

    const grand = demoShowtimes(now).filter(
      (s) => s.screenId.endsWith('-1') && Date.parse(s.startsAt) - now.getTime() >= 2 * 3_600_000,
    );
    const [show, full] = grand;
    const screen = screens.find((s) => s.id === show?.screenId);
    if (!show || !full || !screen)
      throw new Error('No Grand Hall showtimes in the coming week: the demo data changed.');
    // The demo load was written before the meter watched: the ledger learns the showtime items that holds and
    // sales check, as stored, so that their condition checks are charged by their real size.
    for (const s of [show, full]) {
      const item = await raw(keys.show(s.id), keys.showMeta());
      meter.ledger.charge('PutItemCommand', { TableName: db.table, Item: item }, 'ok');
    }

    const at = now.toISOString();
    // A user as sign-up stores one: an argon2id hash of the usual length, so the user item has its real size.
    const newBuyer = async (id: string) => {
      const user = {
        id,
        email: `${id}@example.com`,
        name: 'Counted Buyer',
        smsOptIn: false,
        role: 'customer' as const,
        passwordHash:
          '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI',
        emailVerifiedAt: at,
        createdAt: at,
      };
      await createUser(db, user);
      return user;
    };
    const buyer = await newBuyer(randomString());
    const { session, token } = await createSession({ db, clock: systemClock }, buyer.id);
    const cookie = `${sessionCookieName(config.local)}=${token}; city=mumbai`;

    const services = await benchServices();
    const app = createNodeApp(config, db, silentLogger, services);
    const port = await new Promise<number>((done) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        done(info.port),
      );
    });
    const base = `http://127.0.0.1:${port}`;
    let status = 0;
    const ask = async (path: string, form?: URLSearchParams) => {
      const res = await fetch(`${base}${path}`, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie,
          origin: base,
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form?.toString(),
      });
      status = res.status;
      return res.text();
    };
    const step = async (name: string, run: () => Promise<unknown>) => {
      meter.start();
      status = 0;
      await run();
      printUnits(status ? `${name} (${status})` : name, meter.take());
    };

    console.log(`One buyer, ${show.id} (${screen.name}), 2 seats; R = read units, W = write units`);
    console.log('| step | requests | units by partition |');
    console.log('|---|---|---|');
    await step('seat page, every cache of the process empty', () => ask(`/showtimes/${show.id}`));
    await new Promise((wake) => setTimeout(wake, config.seatMapCacheMs + 100));
    await step('seat poll, the shared seat read older than 0.5 s', () => ask(`/showtimes/${show.id}/seats`));
    await step('seat poll again at once (the shared read)', () => ask(`/showtimes/${show.id}/seats`));
    await step('hold', () => ask(`/showtimes/${show.id}/hold`, new URLSearchParams('seat=F9&seat=F10')));
    const heldSeat = await raw(keys.show(show.id), keys.seat('F9'));
    const holdItem = await raw(keys.show(show.id), keys.hold(buyer.id));
    const slot = await raw(keys.holdSlots(buyer.id), keys.holdSlot(0));
    const { windowMs } = limits.newHoldsPerAccount;
    const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
    const rate = await raw(keys.rate(limits.newHoldsPerAccount.name, buyer.id), windowStart.toISOString());
    let checkout = '';
    await step('checkout page', async () => {
      checkout = await ask(`/checkout/${show.id}`);
    });
    const key = /name="key" value="([^"]+)"/.exec(checkout)?.[1] ?? '';
    await step('confirm (box office)', () =>
      ask(`/checkout/${show.id}/confirm`, new URLSearchParams({ key, method: 'box-office' })),
    );
    const soldSeat = await raw(keys.show(show.id), keys.seat('F9'));
    const bookingId = soldSeat?.bookingId?.S ?? '';
    const booking = await raw(keys.booking(bookingId), keys.bookingMeta());
    const outbox = await raw(keys.outbox(bookingId), keys.outboxConfirmation());
    const doorCode = await raw(keys.doorCode(booking?.doorCode?.S ?? ''), keys.doorCodeMeta());

    // A hold that loses a race: another buyer's transaction for the same seats, cancelled at the seats.
    const racer = randomString();
    const deps = {
      db,
      clock: systemClock,
      config,
      log: silentLogger,
      cache: new TtlCache(config.catalogCacheMs),
      payment: boxOffice,
      ...services,
    };
    await step('a hold that loses a race (cancelled transaction, upper bound)', async () => {
      const expiresAt = new Date(now.getTime() + config.holdMs).toISOString();
      await repo
        .placeHold(
          db,
          {
            holdId: crypto.randomUUID(),
            showId: show.id,
            userId: racer,
            seats: ['F9', 'F10'],
            createdAt: at,
            expiresAt,
            slot: 0,
            layoutVersion: 1,
          },
          undefined,
          new Date().toISOString(),
          limit.hitWithTransaction(deps, limits.newHoldsPerAccount, racer).item,
        )
        .catch(() => undefined);
    });
    await step('confirmation sent by the dispatcher (email, SMS skipped)', () =>
      dispatchDue(deps, crypto.randomUUID()),
    );
    const outboxSent = await raw(keys.outbox(bookingId), keys.outboxConfirmation());

    const sizes: [string, Item | undefined][] = [
      ['SeatState, held', heldSeat],
      ['SeatState, sold at the box office (with unpaidUntil)', soldSeat],
      ['Hold', holdItem],
      ['HoldSlot', slot],
      ['Showtime (demo Grand Hall)', await raw(keys.show(show.id), keys.showMeta())],
      ['Booking (2 seats)', booking],
      ['OutboxMessage, pending', outbox],
      ['OutboxMessage, sent', outboxSent],
      ['DoorCode', doorCode],
      ['Session', await raw(keys.session(session.id), keys.sessionMeta())],
      ['User', await raw(keys.user(buyer.id), keys.userMeta())],
      ['RateCounter (new holds)', rate],
    ];
    console.log(
      "\nItem sizes by DynamoDB's rules (names and values; the 100 bytes of storage overhead left out)",
    );
    console.log('| item | bytes | write units (1 KB) | read units (4 KB, strong) |');
    console.log('|---|---|---|---|');
    for (const [name, item] of sizes) {
      const bytes = itemSize(item);
      console.log(`| ${name} | ${bytes} | ${writeUnits(bytes)} | ${readUnits(bytes, true)} |`);
    }
    const unpaidBytes = 'unpaidUntil'.length + (soldSeat?.unpaidUntil?.S?.length ?? 0);

    // The whole house, as every seat map and poll reads it (pattern 31), at each quarter sold.
    const blocks = layoutBlocks(screen.layout).flat();
    const parties = blocks.flatMap((block) => {
      const groups: string[][] = [];
      for (let i = 0; i < block.length; ) {
        const size = block.length - i === 3 ? 3 : Math.min(2, block.length - i);
        groups.push(block.slice(i, i + size));
        i += size;
      }
      return groups;
    });
    const seatCount = blocks.reduce((sum, block) => sum + block.length, 0);
    console.log(
      `\nThe Query of a showtime's seat states (pattern 31, strongly consistent), ${full.id}, ${seatCount} seats`,
    );
    console.log(
      `| seats sold | bytes read | read units | sold online instead (no unpaidUntil, ${unpaidBytes} bytes less a seat) |`,
    );
    console.log('|---|---|---|---|');
    let sold = 0;
    const measure = async () => {
      meter.start();
      await repo.listSeatStates(db, full.id);
      const { queryBytes } = meter.take();
      const online = queryBytes - sold * unpaidBytes;
      console.log(
        `| ${sold} | ${queryBytes} | ${readUnits(queryBytes, true)} | ${online} bytes, ${readUnits(online, true)} units |`,
      );
    };
    await measure();
    let quarter = 1;
    for (const party of parties) {
      const user = toSessionUser(await newBuyer(randomString()));
      await holdSeats(deps, user, full.id, party);
      await confirmBooking(deps, user, full.id, crypto.randomUUID());
      sold += party.length;
      if (sold >= (seatCount * quarter) / 4) {
        await measure();
        quarter++;
      }
    }
    console.log(
      `\n(${READ_UNIT_BYTES} bytes a read unit, ${WRITE_UNIT_BYTES} a write unit; ${parties.length} bookings filled the house.)`,
    );
    if (meter.unsized.length) console.log(`Not sized: ${[...new Set(meter.unsized)].join('; ')}`);
  } finally {
    server?.close();
  }
  return 0;
});
