import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { App } from '../../src/app';
import type { Role, SessionUser } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { loadDemoData } from '../../src/demo/seed';
import type { Deps } from '../../src/deps';
import { createUser, markEmailVerified } from '../../src/features/accounts/repo';
import type { Clock } from '../../src/platform/clock';
import type { Db } from '../../src/platform/db/client';
import { freshTable, testApp } from './db';

/*
 * What the showtime change tests share: people of each role, form posts with their cookie, and table
 * handles that let something happen "in between" (another manager's change, a crash) at the exact moment
 * a transaction is about to be sent.
 */

export type Person = { user: SessionUser; cookie: string };

let people = 0;

/** A person of `role` with a confirmed email (and, when given, a confirmed mobile number opted in to texts). */
export async function person(
  deps: Pick<Deps, 'db' | 'clock'>,
  role: Role,
  options: { theaterIds?: string[]; mobile?: string } = {},
): Promise<Person> {
  people++;
  const id = `change-${role}-${people}`;
  const email = `${id}@example.com`;
  const name = `${role === 'customer' ? 'Customer' : 'Manager'} ${people}`;
  const now = deps.clock.now().toISOString();
  await createUser(deps.db, {
    id,
    email,
    name,
    mobile: options.mobile,
    mobileVerified: options.mobile,
    smsOptIn: options.mobile !== undefined,
    role,
    theaterIds: options.theaterIds,
    passwordHash: 'unused',
    createdAt: now,
  });
  await markEmailVerified(deps.db, id, email, now);
  const user: SessionUser = { id, email, name, role, emailVerifiedAt: now, theaterIds: options.theaterIds };
  return { user, cookie: `session=${(await createSession(deps, id)).token}` };
}

/**
 * A table of its own with the demo catalogue loaded as of `now`, the app on it, a manager of
 * `theaterId` and an admin.
 */
export async function demoWorld(now: Date, clock: Clock, theaterId: string) {
  const db = await freshTable();
  await loadDemoData(db, now);
  const { deps, app } = testApp(db, clock);
  const manager = await person(deps, 'manager', { theaterIds: [theaterId] });
  const admin = await person(deps, 'admin');
  return { db, deps, app, manager, admin };
}

/** A GET as `who`. */
export const getAs = (app: App, who: Person | undefined, path: string) =>
  app.request(path, { headers: who ? { Cookie: who.cookie } : {} });

/** A form post as `who`, from our own origin. */
export const postAs = (app: App, who: Person | undefined, path: string, fields: [string, string][] = []) =>
  app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost',
      ...(who ? { Cookie: who.cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Which transactions a hook is for, by what they write. */
export const writes = {
  /** A hold being placed (booking/repo.placeHold). */
  hold: (item: TransactItem) => item.Put?.Item?.entity === 'Hold',
  /** A sale being confirmed (booking/repo.confirmHold). */
  sale: (item: TransactItem) => item.Put?.Item?.entity === 'Booking',
  /** Bookings being moved (showtime-changes/repo.moveBookings). */
  bookingMove: (item: TransactItem) => Boolean(item.Update?.UpdateExpression?.includes('movedAt')),
  /** Bookings being cancelled (showtime-changes/repo.cancelBookings). */
  bookingCancel: (item: TransactItem) =>
    item.Update?.UpdateExpression === 'SET cancelledAt = :at, cancellation = :cancellation' &&
    String(item.Update.Key?.pk).startsWith('BOOKING#'),
};

/**
 * The table, except that before the `nth` (1-based) transaction with an item that `matches`, `before`
 * runs; when `before` throws, the transaction is never sent (a process that died just then).
 */
export function hookedDb(
  db: Db,
  matches: (item: TransactItem) => boolean,
  before: () => Promise<void>,
  nth = 1,
): Db & { seen: () => number } {
  let seen = 0;
  const send = async (command: unknown) => {
    if (command instanceof TransactWriteCommand && command.input.TransactItems?.some(matches)) {
      seen++;
      if (seen === nth) await before();
    }
    return db.doc.send(command as TransactWriteCommand);
  };
  return { table: db.table, doc: { send } as unknown as DynamoDBDocumentClient, seen: () => seen };
}

/** What a simulated crash throws. */
export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

/** The visible text of some HTML: tags dropped, spaces collapsed. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
