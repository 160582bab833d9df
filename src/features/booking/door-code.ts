/*
 * A booking's door code: eight characters a customer can read out and an usher can type, as well as the
 * signed QR code. It carries nothing itself: the door looks it up (DOORCODE#<code>), and the sale's own
 * transaction writes that lookup on condition it does not exist, so no two bookings share one.
 */

/**
 * Digits 2 to 9 and the letters without I, L, O and U: 0 and O, 1, I and L look alike on a phone screen
 * or a crumpled print, and U is read as V. 30 characters, so 8 of them make about 39 random bits.
 */
export const DOOR_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const DOOR_CODE_LENGTH = 8;

const PATTERN = new RegExp(`^[${DOOR_CODE_ALPHABET}]{${DOOR_CODE_LENGTH}}$`);
// The largest multiple of the alphabet's size a byte can hold: bytes above it are drawn again, so every
// character is equally likely.
const BYTE_LIMIT = 256 - (256 % DOOR_CODE_ALPHABET.length);

/** A new random door code (crypto.getRandomValues), as stored: upper case, no dash. */
export function newDoorCode(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  let code = '';
  while (code.length < DOOR_CODE_LENGTH) {
    for (const byte of random(new Uint8Array(DOOR_CODE_LENGTH * 2))) {
      if (byte < BYTE_LIMIT && code.length < DOOR_CODE_LENGTH)
        code += DOOR_CODE_ALPHABET[byte % DOOR_CODE_ALPHABET.length];
    }
  }
  return code;
}

/**
 * What someone typed as a door code, as stored: spaces and dashes dropped, upper case. Undefined when it
 * is not eight characters of the alphabet, so the door reads it as a QR code's text instead.
 */
export function normalizeDoorCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]+/g, '').toUpperCase();
  return PATTERN.test(code) ? code : undefined;
}

/** "K7MX-3QPA": two groups of four, as the code is shown to be read out. */
export function formatDoorCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
