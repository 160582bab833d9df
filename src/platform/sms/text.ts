/**
 * How long a text is as SMS. Carriers bill and deliver per segment: 160 GSM-7 characters, or 70
 * UTF-16 units once any character falls outside GSM-7 (one `…`, `₹` or emoji turns the whole
 * message to UCS-2), and a message that needs more is split into parts of 153 or 67, the rest
 * going to the header that joins them again.
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Sent as an escape and the character: two septets each. */
const GSM7_EXTENDED = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extended = new Set(GSM7_EXTENDED);

/** The segments `text` costs as one SMS (0 for no text). */
export function smsSegments(text: string): number {
  const chars = Array.from(text);
  if (chars.every((char) => basic.has(char) || extended.has(char))) {
    return segments(
      chars.map((char) => (extended.has(char) ? 2 : 1)),
      160,
      153,
    );
  }
  // UCS-2 in name, UTF-16 in practice: a character outside the BMP takes two units.
  return segments(
    chars.map((char) => char.length),
    70,
    67,
  );
}

/** Parts are filled greedily because a character (an escape pair, a surrogate pair) never spans two. */
function segments(costs: number[], single: number, part: number): number {
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  if (total === 0) return 0;
  if (total <= single) return 1;
  let count = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      count += 1;
      used = 0;
    }
    used += cost;
  }
  return count;
}

/**
 * `text` unchanged when it fits in `maxSegments`, else cut (at a space when one is near) and ended
 * with `...`: three GSM-7 dots, since `…` would make the whole message UCS-2 and more than double
 * its segments.
 */
export function fitSms(text: string, maxSegments = 3): string {
  if (!Number.isInteger(maxSegments) || maxSegments < 1) {
    throw new Error(`maxSegments must be a whole number from 1, not ${maxSegments}`);
  }
  if (smsSegments(text) <= maxSegments) return text;
  const chars = Array.from(text);
  const cut = (n: number) => `${chars.slice(0, n).join('').trimEnd()}...`;
  // The cost of cut(n) never falls as n grows, so the longest prefix that fits is a binary search.
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (smsSegments(cut(mid)) <= maxSegments) low = mid;
    else high = mid - 1;
  }
  let end = low;
  const space = /\s/;
  if (!space.test(chars[end] ?? ' ')) {
    for (let at = end - 1; at > 0 && at >= end - 20; at--) {
      if (space.test(chars[at] ?? '')) {
        end = at;
        break;
      }
    }
  }
  return `${chars
    .slice(0, end)
    .join('')
    .replace(/[\s,;:.-]+$/, '')}...`;
}
