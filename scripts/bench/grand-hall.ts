/**
 * What the benchmarks that load a Grand Hall seat map share: the showtime they pick and the signed-in
 * customers they make. Used by `make bench` and `make bench-booking`.
 */
import { createSession } from '../../src/auth/sessions';
import { screens, theaters } from '../../src/demo/catalog';
import { demoShowtimes } from '../../src/demo/seed';
import { createUser } from '../../src/features/accounts/repo';
import { systemClock } from '../../src/platform/clock';
import type { Db } from '../../src/platform/db/client';

/**
 * The first demo showtime of a Grand Hall (the 254-seat screen of each theater, whose id ends in `-1`)
 * that starts at least `leadMs` after `now`, so its sales stay open through a run; with its screen and
 * theater. Undefined when the demo data has none.
 */
export function grandHallShowtime(now: Date, leadMs: number) {
  const show = demoShowtimes(now).find(
    (s) => s.screenId.endsWith('-1') && Date.parse(s.startsAt) - now.getTime() >= leadMs,
  );
  const screen = screens.find((s) => s.id === show?.screenId);
  const theater = theaters.find((t) => t.id === show?.theaterId);
  return show && screen && theater ? { show, screen, theater } : undefined;
}

/**
 * A verified customer with a live session, made directly in the table: signing hundreds in through the
 * password form would measure argon2, not booking. Returns the Cookie header that carries the session.
 */
export async function newBuyer(db: Db, cookieName: string, name: string): Promise<string> {
  const now = systemClock.now().toISOString();
  await createUser(db, {
    id: name,
    email: `${name}@example.com`,
    name,
    smsOptIn: false,
    role: 'customer',
    passwordHash: 'unused',
    emailVerifiedAt: now,
    createdAt: now,
  });
  const { token } = await createSession({ db, clock: systemClock }, name);
  return `${cookieName}=${token}`;
}
