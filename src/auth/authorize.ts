import { AppError } from '../platform/errors';
import type { Role, SessionUser } from './model';

/**
 * The actor, when they hold one of `roles`; otherwise a `forbidden` AppError. Services that hand out staff
 * or admin data call it themselves, so a route that forgot its check still cannot leak them.
 */
export function authorize(actor: SessionUser, ...roles: Role[]): SessionUser {
  if (!roles.includes(actor.role)) {
    throw new AppError('forbidden', 'Your account does not have access to this page.');
  }
  return actor;
}
