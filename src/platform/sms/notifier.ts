/**
 * The outgoing-SMS port. Features build an `Sms` and hand it to whichever `Notifier` the runtime
 * injected (SNS in production, a recording one in tests), so nothing outside src/platform/sms knows how a
 * text message leaves the process.
 */

/** `to` is an E.164 number (`+` and the country code, digits only); `text` is the whole message. */
export type Sms = { to: string; text: string };

export type Notifier = { sendSms(sms: Sms): Promise<{ messageId: string }> };

/** SNS refuses a single SMS Publish over 1,600 characters; counting UTF-8 bytes keeps well inside that. */
export const SMS_MAX_BYTES = 1600;

/** `+`, a country code that does not start with 0, and at most 15 digits in all (ITU-T E.164). */
export function isE164(number: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(number);
}

/**
 * A number SMS cannot be sent to. The message is meant for the customer; it leaves the number out
 * so that logging the error does not log the number.
 */
export class InvalidPhoneNumberError extends Error {
  override name = 'InvalidPhoneNumberError';
  constructor() {
    super(
      'Enter the mobile number in international form: + and the country code, then digits only, ' +
        'with no spaces (like +14155550123).',
    );
  }
}

/**
 * What every Notifier checks before any network call: a refused number is the customer's to fix
 * (`InvalidPhoneNumberError`); empty or oversize text is the caller's bug (a plain `Error`).
 */
export function checkSms(sms: Sms): void {
  if (!isE164(sms.to)) throw new InvalidPhoneNumberError();
  if (!sms.text.trim()) throw new Error('an SMS needs some text');
  const bytes = new TextEncoder().encode(sms.text).length;
  if (bytes > SMS_MAX_BYTES) {
    throw new Error(`the SMS text is ${bytes} bytes; one SMS Publish takes at most ${SMS_MAX_BYTES}`);
  }
}
