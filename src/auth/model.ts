/** Every role, least privileged first: what forms offer and what input is validated against. */
export const ROLES = ['customer', 'staff', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type User = {
  id: string;
  /** Lower-cased and trimmed: the form used for uniqueness and sign-in. */
  email: string;
  name: string;
  /** E.164, for SMS confirmations when the user opts in. */
  mobile?: string | undefined;
  /** The number a texted code confirmed; booking texts go only to `mobile` when it equals this. */
  mobileVerified?: string | undefined;
  smsOptIn: boolean;
  role: Role;
  /** The theaters a manager runs or a member of staff works at; admins have the whole chain. */
  theaterIds?: string[] | undefined;
  passwordHash: string;
  /** When the password was last set by reset or change: every reset link issued before it is void. */
  passwordChangedAt?: string | undefined;
  emailVerifiedAt?: string | undefined;
  createdAt: string;
};

/** What the rest of the app may know of the signed-in user: never the password hash. */
export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'emailVerifiedAt' | 'theaterIds'>;

export type Session = {
  id: string;
  userId: string;
  /** SHA-256 of the token's secret, base64; the secret itself is only ever in the visitor's cookie. */
  secretHash: string;
  createdAt: string;
  /** When the session was last found in use; drives the sliding expiry. */
  lastVerifiedAt: string;
  expiresAt: string;
};

export function toSessionUser(user: User): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerifiedAt: user.emailVerifiedAt,
    ...(user.theaterIds?.length ? { theaterIds: user.theaterIds } : {}),
  };
}
