import { describe, expect, it } from 'vitest';
import { isTimeZone } from '../../catalog/transfer-schema';
import { ZONES } from './theaters-page';

describe('the time zone list', () => {
  it("offers today's IANA names, each one the runtime accepts, once", () => {
    for (const zone of ['Asia/Kolkata', 'Asia/Dubai', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh', 'America/New_York'])
      expect(ZONES).toContain(zone);
    for (const old of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'Africa/Asmera'])
      expect(ZONES).not.toContain(old);
    expect(ZONES.filter((zone) => !isTimeZone(zone))).toEqual([]);
    expect(new Set(ZONES).size).toBe(ZONES.length);
  });
});
