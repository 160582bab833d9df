import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { requireUser } from '../../auth/guards';
import type { SessionUser } from '../../auth/model';
import { clearSessionCookie, setSessionCookie } from '../../auth/session-cookie';
import { invalidateSession, invalidateUserSessions } from '../../auth/sessions';
import { AppError, type FieldErrors } from '../../platform/errors';
import { callingCodeOf, toE164 } from '../../platform/phone';
import { fieldErrors } from '../../web/forms';
import { render } from '../../web/render';
import { safeLocalPath } from '../../web/safe-path';
import { chosenCityId } from '../catalog/city-cookie';
import { findCity } from '../catalog/service';
import { deviceTokens, rememberDevice } from './device-cookie';
import { type AccountPageStatus, mobileRoutes } from './mobile-routes';
import { checkPasswordRules } from './password-rules';
import * as accounts from './service';
import { AccountPage } from './views/account';
import { Notice } from './views/notice';
import { ForgotForm, ResetForm } from './views/password-reset';
import { SignInForm } from './views/sign-in';
import { CheckEmail, EmailConfirmed, SignUpForm } from './views/sign-up';

const email = z
  .string()
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'));
const name = z
  .string()
  .trim()
  .min(1, 'Enter your name.')
  .max(100, 'Keep your name to 100 characters or fewer.');
/**
 * A mobile number as typed, made E.164: a national number takes the country of the visitor's city
 * (`callingCode`), one with `+` or `00` keeps its own. Empty means none.
 */
const mobileFor = (callingCode: string | undefined) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === '') return '';
      const number = toE164(value, callingCode);
      if (number) return number;
      ctx.addIssue({
        code: 'custom',
        message: callingCode
          ? `Enter your mobile number, like 98123 45678, or with its country code, like +${callingCode}9812345678.`
          : 'Enter the number with its country code, like +919812345678.',
      });
      return z.NEVER;
    })
    .optional();
// Bounded before hashing: argon2 on a megabyte of input would be a cheap way to burn our CPU.
const password = z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.');

// The rules that need no context, checked with the other fields so a short password is reported together
// with a bad email rather than on the next try; the service checks every rule again, name and email included.
const newPassword = password.superRefine((value, ctx) => {
  const problem = checkPasswordRules(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The calling code of the visitor's city, for a mobile number typed without one. */
async function cityCallingCode(c: Context): Promise<string | undefined> {
  return callingCodeOf((await findCity(c.var.deps, chosenCityId(c)))?.locale);
}

const signUpSchema = (callingCode: string | undefined) =>
  z.object({
    name,
    email,
    password: newPassword,
    mobile: mobileFor(callingCode),
    smsOptIn: z.literal('yes').optional(),
  });
const signInSchema = z.object({ email, password, next: z.string().optional() });
const profileSchema = (callingCode: string | undefined) =>
  z.object({ name, mobile: mobileFor(callingCode), smsOptIn: z.literal('yes').optional() });
const changeSchema = z.object({ current: password, next: password });
const forgotSchema = z.object({ email });
const resetSchema = z.object({ token: z.string().max(64), password });

const keep = (body: Record<string, unknown>, ...names: string[]) =>
  Object.fromEntries(
    names.map((n) => [n, typeof body[n] === 'string' ? (body[n] as string).slice(0, 300) : undefined]),
  );

function visitorOf(c: Context): accounts.Visitor {
  return { origin: new URL(c.req.url).origin, ip: c.var.clientIp };
}

/**
 * A section a later feature adds to the account page (the user's bookings), so this feature never imports
 * it: app.tsx hands the sections in.
 */
export type AccountSection = (c: Context, user: SessionUser) => Promise<Child>;

export function accountRoutes(options: { accountSections?: AccountSection[] } = {}) {
  const accountSections = options.accountSections ?? [];
  const app = new Hono();

  // `next`, the page the visitor signs up from, is followed through the confirmation link; only a path
  // of this site is kept.
  app.get('/sign-up', (c) => {
    const next = safeLocalPath(c.req.query('next'), '');
    return render(c, 'Create an account', <SignUpForm values={{}} errors={{}} next={next} />);
  });

  app.post('/sign-up', async (c) => {
    const body = await c.req.parseBody();
    const parsed = signUpSchema(await cityCallingCode(c)).safeParse(body);
    const next = safeLocalPath(typeof body.next === 'string' ? body.next : undefined, '');
    const again = (errors: FieldErrors) =>
      render(
        c,
        'Create an account',
        <SignUpForm values={keep(body, 'name', 'email', 'mobile', 'smsOptIn')} errors={errors} next={next} />,
        { status: 400 },
      );
    if (!parsed.success) return again(fieldErrors(parsed.error));
    try {
      await accounts.signUp(
        c.var.deps,
        {
          ...parsed.data,
          mobile: parsed.data.mobile || undefined,
          smsOptIn: parsed.data.smsOptIn === 'yes',
          next: next || undefined,
        },
        visitorOf(c),
      );
    } catch (error) {
      if (AppError.match(error, 'bad_request')) return again(error.fields);
      throw error;
    }
    return render(c, 'Check your email', <CheckEmail email={parsed.data.email} next={next} />);
  });

  app.get('/sign-in', (c) => {
    const next = safeLocalPath(c.req.query('next'), '/account');
    return render(c, 'Sign in', <SignInForm values={{}} errors={{}} next={next} />);
  });

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const parsed = signInSchema.safeParse(body);
    const next = safeLocalPath(typeof body.next === 'string' ? body.next : undefined, '/account');
    const again = (errors: FieldErrors, message?: string) =>
      render(
        c,
        'Sign in',
        <SignInForm values={keep(body, 'email')} errors={errors} next={next} message={message} />,
        {
          status: 400,
        },
      );
    if (!parsed.success) return again(fieldErrors(parsed.error));
    try {
      // A new session on every sign-in, and the old one (if any) ends: no session fixation.
      const previous = c.var.session;
      const { token, deviceToken } = await accounts.signIn(c.var.deps, parsed.data, {
        ip: c.var.clientIp,
        deviceTokens: deviceTokens(c),
      });
      if (previous) await invalidateSession(c.var.deps, previous.id);
      setSessionCookie(c, token);
      rememberDevice(c, deviceToken);
    } catch (error) {
      if (AppError.match(error, 'bad_request')) return again({}, error.message);
      throw error;
    }
    return c.redirect(next, 303);
  });

  app.post('/sign-out', async (c) => {
    if (c.var.session) await invalidateSession(c.var.deps, c.var.session.id);
    clearSessionCookie(c);
    return c.redirect('/', 303);
  });

  app.post('/sign-out-everywhere', async (c) => {
    const user = requireUser(c);
    await invalidateUserSessions(c.var.deps, user.id);
    clearSessionCookie(c);
    return render(
      c,
      'Signed out',
      <Notice title="Signed out everywhere">
        <p>Every device that was signed in to your account has been signed out, this one too.</p>
      </Notice>,
    );
  });

  const accountPage = async (
    c: Context,
    options: {
      profileErrors?: FieldErrors;
      passwordErrors?: FieldErrors;
      mobileErrors?: FieldErrors;
      notice?: string;
      status?: AccountPageStatus;
    } = {},
  ) => {
    const actor = requireUser(c);
    const [user, ...sections] = await Promise.all([
      accounts.getProfile(c.var.deps, actor, actor.id),
      ...accountSections.map((section) => section(c, actor)),
    ]);
    return render(
      c,
      'Your account',
      <AccountPage
        user={user}
        sections={sections}
        profileErrors={options.profileErrors ?? {}}
        passwordErrors={options.passwordErrors ?? {}}
        mobileErrors={options.mobileErrors ?? {}}
        notice={options.notice}
      />,
      { status: options.status ?? 200 },
    );
  };

  app.get('/account', (c) => {
    const notices: Record<string, string> = {
      saved: 'Your profile is saved.',
      password: 'Your password is changed. Your other devices are signed out.',
      sent: 'We sent the confirmation link again.',
      'code-sent': 'We texted a code to your mobile number. Type it below to confirm the number.',
      mobile: 'Your mobile number is confirmed.',
      'confirm-to-book':
        'Booking needs a confirmed email address. Follow the link we emailed you, or send it again below.',
    };
    return accountPage(c, { notice: notices[c.req.query('done') ?? ''] });
  });

  app.post('/account', async (c) => {
    const actor = requireUser(c);
    const parsed = profileSchema(await cityCallingCode(c)).safeParse(await c.req.parseBody());
    if (!parsed.success) return accountPage(c, { profileErrors: fieldErrors(parsed.error), status: 400 });
    await accounts.updateProfile(c.var.deps, actor, actor.id, {
      name: parsed.data.name,
      mobile: parsed.data.mobile || undefined,
      smsOptIn: parsed.data.smsOptIn === 'yes',
    });
    return c.redirect('/account?done=saved', 303);
  });

  app.post('/account/password', async (c) => {
    const actor = requireUser(c);
    const parsed = changeSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return accountPage(c, { passwordErrors: fieldErrors(parsed.error), status: 400 });
    try {
      await accounts.changePassword(c.var.deps, actor, c.var.session?.id ?? '', parsed.data);
    } catch (error) {
      if (AppError.match(error, 'bad_request'))
        return accountPage(c, { passwordErrors: error.fields, status: 400 });
      if (AppError.match(error, 'rate_limited')) {
        // The account page again, the wait beside the field, rather than an error page.
        c.header('Retry-After', String(error.retryAfterSeconds ?? 60));
        return accountPage(c, { passwordErrors: { current: error.message }, status: 429 });
      }
      throw error;
    }
    return c.redirect('/account?done=password', 303);
  });

  app.route('/', mobileRoutes(accountPage));

  app.post('/account/verify', async (c) => {
    const actor = requireUser(c);
    await accounts.resendVerification(c.var.deps, actor.id, visitorOf(c));
    return c.redirect('/account?done=sent', 303);
  });

  app.get('/verify-email', async (c) => {
    const confirmed = await accounts.verifyEmail(c.var.deps, c.req.query('token') ?? '', c.var.clientIp);
    if (!confirmed) {
      return render(
        c,
        'Link not valid',
        <Notice title="This link is not valid">
          <p>
            The confirmation link has expired or was already used. Sign in and ask for a new one from{' '}
            <a class="link" href="/account">
              your account
            </a>
            .
          </p>
        </Notice>,
        { status: 400 },
      );
    }
    const next = safeLocalPath(confirmed.next, '');
    // Signed in as that account in this browser: straight back to the seats, which can now be held.
    if (next && c.var.user?.id === confirmed.userId) return c.redirect(next, 303);
    return render(c, 'Email confirmed', <EmailConfirmed next={next} />);
  });

  app.get('/forgot-password', (c) =>
    render(c, 'Reset your password', <ForgotForm values={{}} errors={{}} sent={false} />),
  );

  app.post('/forgot-password', async (c) => {
    const body = await c.req.parseBody();
    const parsed = forgotSchema.safeParse(body);
    if (!parsed.success) {
      return render(
        c,
        'Reset your password',
        <ForgotForm values={keep(body, 'email')} errors={fieldErrors(parsed.error)} sent={false} />,
        {
          status: 400,
        },
      );
    }
    await accounts.requestPasswordReset(c.var.deps, parsed.data.email, visitorOf(c));
    return render(
      c,
      'Reset your password',
      <ForgotForm values={{ email: parsed.data.email }} errors={{}} sent />,
    );
  });

  const deadLink = (c: Context) =>
    render(
      c,
      'Link not valid',
      <Notice title="This reset link is not valid">
        <p>
          It has expired or was already used.{' '}
          <a class="link" href="/forgot-password">
            Ask for a new link
          </a>
          .
        </p>
      </Notice>,
      { status: 400 },
    );

  app.get('/reset-password', async (c) => {
    const token = c.req.query('token') ?? '';
    if (!(await accounts.resetLinkIsLive(c.var.deps, token))) return deadLink(c);
    return render(c, 'Choose a new password', <ResetForm token={token} errors={{}} />);
  });

  app.post('/reset-password', async (c) => {
    const parsed = resetSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return deadLink(c);
    try {
      await accounts.resetPassword(c.var.deps, parsed.data.token, parsed.data.password);
    } catch (error) {
      if (AppError.match(error, 'bad_request') && error.fields.password) {
        return render(
          c,
          'Choose a new password',
          <ResetForm token={parsed.data.token} errors={error.fields} />,
          {
            status: 400,
          },
        );
      }
      if (AppError.match(error, 'bad_request')) return deadLink(c);
      throw error;
    }
    clearSessionCookie(c);
    return render(
      c,
      'Password changed',
      <Notice title="Your password is changed">
        <p>
          Every device was signed out.{' '}
          <a class="link" href="/sign-in">
            Sign in with your new password
          </a>
          .
        </p>
      </Notice>,
    );
  });

  return app;
}
