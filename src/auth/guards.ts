import type { Context } from 'hono';
import { AppError } from '../platform/errors';
import { authorize } from './authorize';
import type { Role, SessionUser } from './model';

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export function requireUser(c: Context): SessionUser {
  const user = c.var.user;
  if (!user) throw new AppError('unauthorized', 'Please sign in to continue.');
  return user;
}

/** The signed-in user when they hold one of `roles`: signed out goes to sign-in, any other role gets 403. */
export function requireRole(c: Context, ...roles: Role[]): SessionUser {
  return authorize(requireUser(c), ...roles);
}
