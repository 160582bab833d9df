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

/**
 * The actor, when they hold one of `roles` and `theaterId` is theirs: an admin's whole chain, or a theater
 * assigned to them. Otherwise `forbidden`: a manager of one theater gets nothing of another's.
 */
export function authorizeTheater(actor: SessionUser, theaterId: string, ...roles: Role[]): SessionUser {
  authorize(actor, ...roles);
  if (actor.role !== 'admin' && !actor.theaterIds?.includes(theaterId)) {
    throw new AppError('forbidden', 'That theater is not one of yours.');
  }
  return actor;
}

/** The theaters an actor may act on: undefined for an admin (all of them), else their assigned ones. */
export function theatersOf(actor: SessionUser): string[] | undefined {
  return actor.role === 'admin' ? undefined : (actor.theaterIds ?? []);
}
