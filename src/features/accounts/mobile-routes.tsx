import { type Context, Hono } from 'hono';
import { requireUser } from '../../auth/guards';
import { AppError, type FieldErrors } from '../../platform/errors';
import { statusFor } from '../../web/error-pages';
import { confirmMobile, sendMobileCode } from './mobile';

export type AccountPageStatus = 200 | 400 | 429 | 503;

/** The account page, shown again with a message beside the mobile code field. */
type AccountPage = (
  c: Context,
  options: { mobileErrors: FieldErrors; status: AccountPageStatus },
) => Promise<Response>;

/** Confirming a mobile number by a texted code: send one, then type it in. */
export function mobileRoutes(accountPage: AccountPage) {
  const app = new Hono();

  /** A refusal the visitor can act on, beside the code field; anything else goes to the error page. */
  const again = (c: Context, error: unknown) => {
    if (!AppError.match(error) || !['bad_request', 'rate_limited', 'unavailable'].includes(error.code))
      throw error;
    if (error.retryAfterSeconds) c.header('Retry-After', String(error.retryAfterSeconds));
    return accountPage(c, {
      mobileErrors: { code: error.message },
      status: statusFor(error) as AccountPageStatus,
    });
  };

  app.post('/account/mobile/code', async (c) => {
    const actor = requireUser(c);
    try {
      await sendMobileCode(c.var.deps, actor);
    } catch (error) {
      return again(c, error);
    }
    return c.redirect('/account?done=code-sent#mobile-title', 303);
  });

  app.post('/account/mobile/verify', async (c) => {
    const actor = requireUser(c);
    const body = await c.req.parseBody();
    const code = typeof body.code === 'string' ? body.code.replace(/[\s-]/g, '').slice(0, 12) : '';
    try {
      await confirmMobile(c.var.deps, actor, code);
    } catch (error) {
      return again(c, error);
    }
    return c.redirect('/account?done=mobile#mobile-title', 303);
  });

  return app;
}
