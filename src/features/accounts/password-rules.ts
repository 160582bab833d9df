import { COMMON_PASSWORDS } from '../../generated/common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;
/** Built on first use: splitting 10,000 lines costs a little, and most requests never check a password. */
function isCommon(lowercased: string): boolean {
  common ??= new Set(COMMON_PASSWORDS.split('\n'));
  return common.has(lowercased);
}

/**
 * Why a new password is refused, as a message for the user, or undefined when it is acceptable.
 * Rules follow NIST SP 800-63B: a length range counted in code points, any characters, no composition
 * rules, and no password that is common or is the user's own email or name.
 */
export function checkPasswordRules(
  password: string,
  context: { email?: string; name?: string } = {},
): string | undefined {
  const normalized = password.normalize('NFKC');
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lowered = normalized.toLowerCase();
  if (isCommon(lowered)) return 'This password is too common. Choose one that would be harder to guess.';
  const email = context.email?.normalize('NFKC').trim().toLowerCase();
  if (email) {
    const at = email.lastIndexOf('@');
    if (lowered === email || (at > 0 && lowered === email.slice(0, at))) {
      return 'Do not use your email address as your password.';
    }
  }
  const name = context.name?.normalize('NFKC').trim().toLowerCase();
  if (name && lowered === name) return 'Do not use your name as your password.';
  return undefined;
}
