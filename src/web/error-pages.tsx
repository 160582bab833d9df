import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, type ErrorCode } from '../platform/errors';
import { render } from './render';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;

/** The one place an error code becomes an HTTP status (`onError` sends `unauthorized` to sign-in instead). */
const statusOf: Record<ErrorCode, ErrorStatus> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * The status for a coded failure that a handler answers with a page of its own (a form shown again with
 * the message): the same table `onError` uses, so no handler picks a number itself.
 */
export function statusFor(error: AppError): ErrorStatus {
  return statusOf[error.code];
}

const titles: Record<number, string> = {
  400: 'Please check your request',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'That changed in the meantime',
  413: 'That was too much to send',
  429: 'Too many requests',
  500: 'Something went wrong',
  503: 'We are having trouble right now',
};

function ErrorContent({ status, message }: { status: number; message: string }) {
  return (
    <section aria-labelledby="error-title" class="card max-w-xl">
      <h1 id="error-title" class="mt-0 text-2xl font-bold">
        {titles[status] ?? 'Something went wrong'}
      </h1>
      <p>{message}</p>
      <p>
        <a class="link" href="/">
          Go to the home page
        </a>{' '}
        or{' '}
        <a class="link" href="/search">
          search for a movie
        </a>
        .
      </p>
    </section>
  );
}

export function errorPage(c: Context, status: ErrorStatus, message: string) {
  return render(c, titles[status] ?? 'Error', <ErrorContent status={status} message={message} />, {
    status,
    fragment: <ErrorContent status={status} message={message} />,
  });
}

export function notFound(c: Context) {
  return errorPage(
    c,
    404,
    'We could not find the page you asked for. It may have moved, or the link may be mistyped.',
  );
}

/** The one place that turns errors into responses: coded AppErrors get their status, anything else a logged 500. */
export async function onError(error: Error, c: Context) {
  if (AppError.match(error, 'unauthorized')) {
    // Signing in is the way through: send the visitor there, and back here afterwards.
    const back = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/';
    return c.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
  }
  if (AppError.match(error) && error.retryAfterSeconds) {
    c.header('Retry-After', String(error.retryAfterSeconds));
  }
  if (AppError.match(error, 'unavailable') && error.cause) {
    // An outage (the SDK's error is its cause): the message names the service and what it did, for
    // operators; visitors get the plain version. Other `unavailable` errors (a busy password check)
    // speak to the visitor already.
    c.var.deps?.log.warn('service unavailable', {
      method: c.req.method,
      path: c.req.path,
      error: error.message,
    });
    // The header's tools read the database too: waiting for it a second time would double the wait.
    c.set('headerTools', undefined);
    return errorPage(
      c,
      statusFor(error),
      'We cannot reach part of our system right now. Please try again in a few seconds.',
    );
  }
  if (AppError.match(error)) return errorPage(c, statusFor(error), error.message);
  if (error instanceof HTTPException && error.status < 500) {
    const known = [400, 403, 404, 413, 429] as const;
    const status = known.find((code) => code === error.status) ?? 400;
    const message =
      status === 403 ? 'This request came from another site, so we did not act on it.' : error.message;
    return errorPage(c, status, message || 'The request could not be understood.');
  }
  c.var.deps?.log.error('unhandled error', {
    method: c.req.method,
    path: c.req.path,
    error: error.message,
    stack: error.stack,
  });
  return errorPage(c, 500, 'Something went wrong on our side. Please try again in a moment.');
}
