import { formatLongDay, formatTime, localDate, zoneName } from '../../../platform/time';
import type { Hold } from '../model';
import { plural } from '../wording';

/** "7:42 pm (8 minutes)": when a hold ends, in the theater's zone, and how long that is from now. */
export function heldUntil(
  hold: Pick<Hold, 'expiresAt'>,
  timeZone: string,
  now: Date,
  locale: string,
): string {
  const ends = new Date(hold.expiresAt);
  const minutes = Math.max(1, Math.ceil((ends.getTime() - now.getTime()) / 60_000));
  return `${formatTime(ends, timeZone, locale)} (${plural(minutes, 'minute')})`;
}

export function When({
  startsAt,
  timeZone,
  locale,
}: {
  startsAt: string;
  timeZone: string;
  locale?: string;
}) {
  const at = new Date(startsAt);
  return (
    <>
      {formatLongDay(localDate(at, timeZone), locale)},{' '}
      <time datetime={startsAt}>
        {formatTime(at, timeZone, locale)} {zoneName(at, timeZone, locale)}
      </time>
    </>
  );
}
