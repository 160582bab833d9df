import { describe, expect, it } from 'vitest';
import { callingCodeOf, toE164 } from './phone';

describe('mobile numbers as typed', () => {
  it("takes a national number in the city's country, with or without its trunk 0 and spaces", () => {
    expect(toE164('98123 45678', '91')).toBe('+919812345678');
    expect(toE164('098123-45678', '91')).toBe('+919812345678');
    expect(toE164('050 123 4567', '971')).toBe('+971501234567');
  });

  it('keeps a number given with + or 00 whatever the city', () => {
    expect(toE164('+44 7700 900123', '91')).toBe('+447700900123');
    expect(toE164('0044 7700 900123', undefined)).toBe('+447700900123');
  });

  it('refuses a national number without a country, and what is not a number', () => {
    expect(toE164('9812345678', undefined)).toBeUndefined();
    expect(toE164('call me', '91')).toBeUndefined();
    expect(toE164('+0123456789', '91')).toBeUndefined();
    expect(toE164('12', '91')).toBeUndefined();
  });

  it("finds the calling code from a city's locale", () => {
    expect(callingCodeOf('en-IN')).toBe('91');
    expect(callingCodeOf('en-AE')).toBe('971');
    expect(callingCodeOf('ar')).toBeUndefined(); // Egypt: not a region we list
    expect(callingCodeOf('not a locale!')).toBeUndefined();
  });
});
