export type TokenPurpose = 'verify-email' | 'reset-password';

export type EmailToken = {
  purpose: TokenPurpose;
  userId: string;
  /** The email the token was sent to: a verification is void once the address changes. */
  email: string;
  expiresAt: string;
  /** When it was issued: a reset link is void once the password changed after it (absent on old tokens). */
  issuedAt?: string;
  /**
   * A verification's way back: the same-origin path the visitor was on when they signed up (the seat map
   * with their seats), kept here rather than in the emailed link so the link cannot be edited to change it.
   */
  next?: string;
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A texted code that would confirm `mobile` for its user: stored hashed, tried a few times at most. */
export type MobileCode = { codeHash: string; mobile: string; expiresAt: string; attempts: number };
