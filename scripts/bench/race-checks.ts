/**
 * The checks after a booking race (race.ts): once every hold has expired, no seat is sold twice, fresh
 * buyers can hold every seat not sold, and every booking a buyer was sent to is in the table with that
 * buyer's seats.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { listSeatStates, type SeatState } from '../../src/features/booking/repo';
import { indexLayout, layoutBlocks } from '../../src/features/booking/rules';
import type { ScreenLayout } from '../../src/features/catalog/model';
import type { Db } from '../../src/platform/db/client';
import { newBuyer } from './grand-hall';
import type { Booked } from './race';

/** Seat runs of `seats` that sit next to each other in one block, cut into orders the rules accept. */
export function orders(layout: ScreenLayout, seats: ReadonlySet<string>, maxSeats: number): string[][] {
  const result: string[][] = [];
  for (const row of layoutBlocks(layout)) {
    for (const block of row) {
      let run: string[] = [];
      for (const id of [...block, '']) {
        if (seats.has(id)) {
          run.push(id);
          continue;
        }
        // A whole run strands nobody; a run cut into orders must not leave one seat alone at its end.
        while (run.length > maxSeats) {
          const take = run.length - maxSeats === 1 ? maxSeats - 1 : maxSeats;
          result.push(run.slice(0, take));
          run = run.slice(take);
        }
        if (run.length > 0) result.push(run);
        run = [];
      }
    }
  }
  return result;
}

/** Every booking of a showtime in the table. A bench may scan: the table holds only this run. */
async function bookingsOf(db: Db, showId: string): Promise<Booked[]> {
  const found: Booked[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.table,
        FilterExpression: 'entity = :booking AND showId = :show',
        ExpressionAttributeValues: { ':booking': 'Booking', ':show': showId },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? [])
      found.push({ id: item.id, seats: (item.seats as { id: string }[]).map((seat) => seat.id) });
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

/**
 * Seats sold wrongly: a seat in two bookings, a booking's seat not sold with that booking's id, or a seat
 * sold with no booking that lists it.
 */
function oversold(states: SeatState[], bookings: Booked[]): Set<string> {
  const wrong = new Set<string>();
  const claims = new Map<string, string[]>();
  for (const booking of bookings) {
    for (const seat of booking.seats) claims.set(seat, [...(claims.get(seat) ?? []), booking.id]);
  }
  const soldTo = new Map(states.filter((s) => s.state === 'sold').map((s) => [s.seatId, s.bookingId]));
  for (const [seat, ids] of claims) {
    if (ids.length > 1 || soldTo.get(seat) !== ids[0]) wrong.add(seat);
  }
  for (const [seat, bookingId] of soldTo) {
    if (!bookingId || !claims.get(seat)?.includes(bookingId)) wrong.add(seat);
  }
  return wrong;
}

/**
 * The table after the race, once every hold has expired: the seats sold, the seats oversold, the seats
 * orphaned (still held, or refused to fresh buyers, who hold every seat not sold through `origins`), and
 * the confirmed bookings that are missing from the table or list other seats than their buyer chose.
 */
export async function auditRace(input: {
  db: Db;
  showId: string;
  layout: ScreenLayout;
  maxSeats: number;
  origins: string[];
  cookieName: string;
  /** The bookings the buyers were sent to. */
  confirmed: Booked[];
  /** Told how long the wait for the last hold to expire will be, before it starts. */
  onWait?: (ms: number) => void;
}) {
  const { db, showId } = input;
  // Abandoned holds must come back once they expire: wait past the last one, then read every seat.
  const held = await listSeatStates(db, showId);
  const lastExpiry = Math.max(
    0,
    ...held.filter((s) => s.state === 'held' && s.expiresAt).map((s) => Date.parse(s.expiresAt ?? '')),
  );
  const waitMs = Math.max(0, lastExpiry - Date.now() + 1_000);
  if (waitMs > 0) input.onWait?.(waitMs);
  await new Promise((wake) => setTimeout(wake, waitMs));
  const after = new Date().toISOString();
  const states = await listSeatStates(db, showId);
  const sold = states.filter((s) => s.state === 'sold');
  // A held seat past its expiry is free; a live hold or any other state now is an orphan.
  const stuck = states.filter(
    (s) => s.state !== 'sold' && !(s.state === 'held' && (s.expiresAt ?? '') <= after),
  );
  const soldIds = new Set(sold.map((s) => s.seatId));
  const leftover = new Set([...indexLayout(input.layout).keys()].filter((id) => !soldIds.has(id)));
  // The proof: fresh buyers hold every seat not sold, in orders the rules accept.
  const proofOrders = orders(input.layout, leftover, input.maxSeats);
  const unholdable: string[] = [];
  for (const [n, seats] of proofOrders.entries()) {
    const origin = input.origins[n % input.origins.length] ?? '';
    const cookie = await newBuyer(db, input.cookieName, `bench-prover-${n}`);
    const response = await fetch(`${origin}/showtimes/${showId}/hold`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(seats.map((seat) => ['seat', seat])).toString(),
    });
    await response.text();
    if (response.status !== 303) unholdable.push(...seats);
  }
  const orphaned = new Set([...stuck.map((s) => s.seatId), ...unholdable]);

  const tableBookings = await bookingsOf(db, showId);
  const wrong = oversold(states, tableBookings);
  const seatList = (seats: string[]) => [...seats].sort().join(' ');
  const inTable = new Map(tableBookings.map((b) => [b.id, seatList(b.seats)]));
  // A booking a buyer was sent to must be in the table with the seats that buyer chose.
  const missing = input.confirmed.filter((b) => inTable.get(b.id) !== seatList(b.seats));
  return { sold, leftover, proofOrders, unholdable, orphaned, tableBookings, wrong, missing };
}
