import { describe, expect, it } from 'vitest';
import { checkSms, InvalidPhoneNumberError, isE164, SMS_MAX_BYTES } from './notifier';

describe('isE164', () => {
  it.each(['+447700900123', '+14155550123', '+919812345678', '+12', '+123456789012345'])(
    'takes %s',
    (number) => {
      expect(isE164(number)).toBe(true);
    },
  );

  it.each([
    ['no plus', '447700900123'],
    ['a national number', '07700900123'],
    ['spaces', '+44 7700 900123'],
    ['hyphens', '+44-7700-900123'],
    ['brackets', '+1 (415) 555-0123'],
    ['a zero country code', '+0447700900123'],
    ['16 digits', '+1234567890123456'],
    ['one digit', '+1'],
    ['just a plus', '+'],
    ['empty', ''],
    ['a tel: URI', 'tel:+447700900123'],
    ['a trailing newline', '+447700900123\n'],
    ['non-ASCII digits', '+४४७७००९००१२३'],
  ])('refuses %s', (_, number) => {
    expect(isE164(number)).toBe(false);
  });
});

describe('checkSms', () => {
  it('refuses a non-E.164 number with a message for the customer that leaves the number out', () => {
    const attempt = () => checkSms({ to: '07700 900123', text: 'Booking MM-1' });
    expect(attempt).toThrow(InvalidPhoneNumberError);
    expect(attempt).toThrow(/international form: \+ and the country code/);
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain('900123');
    }
  });

  it('refuses empty text and text over the Publish limit, counted in UTF-8 bytes', () => {
    expect(() => checkSms({ to: '+447700900123', text: ' \n' })).toThrow(/needs some text/);
    expect(() => checkSms({ to: '+447700900123', text: 'a'.repeat(SMS_MAX_BYTES) })).not.toThrow();
    expect(() => checkSms({ to: '+447700900123', text: 'é'.repeat(801) })).toThrow(
      'the SMS text is 1602 bytes; one SMS Publish takes at most 1600',
    );
  });
});
