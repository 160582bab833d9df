import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser } from '../../src/auth/repo';
import { loadConfig } from '../../src/config';
import * as repo from '../../src/features/accounts/repo';
import * as accounts from '../../src/features/accounts/service';
import { putCatalog } from '../../src/features/catalog/bulk-writes';
import { fixedClock, freshTable, testApp } from '../support/db';
import { type RecordingMailer, recordingMailer } from '../support/mail';
import { type RecordingNotifier, recordingNotifier } from '../support/sms';

const clock = fixedClock('2026-11-24T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let mailer: RecordingMailer;
let notifier: RecordingNotifier;

const origin = 'http://localhost';
let nextAddress = 0;
/** Each request from its own address unless one is given: rate limits are tested on their own below. */
const address = () => `198.51.100.${++nextAddress % 250}`;
const post = (path: string, fields: Record<string, string>, cookie?: string, ip = address()) =>
  app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: origin,
      'X-Forwarded-For': ip,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
const sessionCookie = (res: Response) =>
  res.headers.get('Set-Cookie')?.match(/(?:^|,\s*)(session=[^;]*)/)?.[1];
const linkIn = (text: string | undefined, path: string) =>
  text?.match(new RegExp(`http://localhost${path}\\?token=([a-z2-7]+)`))?.[1];
const password = 'correct horse battery';

async function signUp(email: string, name = 'Asha') {
  return post('/sign-up', { name, email, password });
}
async function signIn(email: string, pw = password, cookie?: string) {
  return post('/sign-in', { email, password: pw, next: '/account' }, cookie);
}

beforeAll(async () => {
  db = await freshTable();
  mailer = recordingMailer();
  notifier = recordingNotifier();
  ({ app, deps } = testApp(db, clock, { mailer, notifier }));
});
afterAll(() => db.drop());

describe('sign-up and email verification', () => {
  it('creates the account, emails a single-use link, and marks the email verified once', async () => {
    const res = await signUp('Asha@Example.com ');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your email');
    const user = await repo.findUserByEmail(db, 'asha@example.com');
    expect(user?.emailVerifiedAt).toBeUndefined();
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const token = linkIn(mailer.lastTo('asha@example.com')?.text, '/verify-email');
    expect(token).toBeTruthy();
    const verified = await app.request(`/verify-email?token=${token}`);
    expect(verified.status).toBe(200);
    expect((await getUser(db, user?.id ?? ''))?.emailVerifiedAt).toBe('2026-11-24T09:00:00.000Z');
    const reused = await app.request(`/verify-email?token=${token}`);
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain('This link is not valid');
  });

  it('keeps the input and shows errors beside the fields', async () => {
    const res = await post('/sign-up', {
      name: 'Ravi',
      email: 'ravi@example.com',
      password: 'password123',
      mobile: '98123',
    });
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain('id="sign-up-mobile-error"');
    expect(html).toContain('value="ravi@example.com"');
    expect(html).not.toContain('password123');
    const common = await post('/sign-up', {
      name: 'Ravi',
      email: 'ravi@example.com',
      password: 'password123',
    });
    expect(common.status).toBe(400);
    expect(await common.text()).toContain('id="sign-up-password-error"');
    expect(await repo.findUserByEmail(db, 'ravi@example.com')).toBeUndefined();
  });

  it('answers a taken email exactly as a new one, and tells the owner instead', async () => {
    const fresh = await (await signUp('new.person@example.com', 'Same Name')).text();
    const taken = await (await signUp('asha@example.com', 'Same Name')).text();
    expect(taken.replace('asha@example.com', 'EMAIL')).toBe(fresh.replace('new.person@example.com', 'EMAIL'));
    expect(mailer.lastTo('asha@example.com')?.subject).toBe('Someone tried to sign up with your email');
  });

  it('creates exactly one account from 50 simultaneous sign-ups with one email', async () => {
    const email = 'race@example.com';
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => signUp(email, `Racer ${i}`)));
    expect(results.every((res) => res.status === 200)).toBe(true);
    const { Items = [] } = await db.doc.send(
      new ScanCommand({
        TableName: db.table,
        FilterExpression: 'entity = :user AND email = :email',
        ExpressionAttributeValues: { ':user': 'User', ':email': email },
      }),
    );
    expect(Items).toHaveLength(1);
    expect(mailer.sent.filter((m) => m.to === email && m.subject.startsWith('Confirm'))).toHaveLength(1);
  });
});

describe('sessions', () => {
  it('signs in with a new session each time, in an HttpOnly SameSite=Lax cookie', async () => {
    const first = await signIn('asha@example.com');
    expect(first.status).toBe(303);
    expect(first.headers.get('Location')).toBe('/account');
    const [session, device] = first.headers.getSetCookie();
    expect(session).toMatch(
      /^session=[a-z2-7]{24}_[a-z2-7]{24}\.[a-z2-7]{24}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    // The device cookie: this browser keeps signing in while strangers' guesses slow the account.
    expect(device).toMatch(/^device=[^;]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = sessionCookie(first) ?? '';

    const account = await app.request('/account', { headers: { Cookie: cookie } });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('Signed in as <strong>asha@example.com</strong>');

    // Signing in again, even from a signed-in browser, gives a new session id and ends the old one.
    const second = await signIn('asha@example.com', password, cookie);
    const next = sessionCookie(second) ?? '';
    expect(next.split('.')[0]).not.toBe(cookie.split('.')[0]);
    expect((await app.request('/account', { headers: { Cookie: cookie } })).status).toBe(303);
    expect((await app.request('/account', { headers: { Cookie: next } })).status).toBe(200);
  });

  it('uses a Secure __Host- cookie outside local mode', async () => {
    const config = loadConfig({
      AWS_REGION: 'ap-south-1',
      TABLE_NAME: db.table,
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
      MAIL_FROM: 'tickets@example.com',
      PUBLIC_ORIGIN: 'https://tickets.example.com',
      TICKET_SIGNING_KEY: 'set',
    });
    const { app: aws } = testApp(db, clock, { config, mailer });
    const res = await aws.request('https://tickets.example.com/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://tickets.example.com' },
      body: new URLSearchParams({ email: 'asha@example.com', password }).toString(),
    });
    expect(res.headers.get('Strict-Transport-Security')).toBe('max-age=63072000; includeSubDomains');
    const [session, device] = res.headers.getSetCookie();
    expect(session).toMatch(
      /^__Host-session=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(device).toMatch(
      /^__Host-device=[^;]+; Max-Age=31536000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrong = await signIn('asha@example.com', 'not the password');
    const unknown = await signIn('nobody@example.com', 'not the password');
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const scrub = (html: string) => html.replace(/asha@example\.com|nobody@example\.com/g, 'EMAIL');
    expect(scrub(await wrong.text())).toBe(scrub(await unknown.text()));
  });

  it('rejects forged and malformed tokens and clears their cookie', async () => {
    const signedIn = sessionCookie(await signIn('asha@example.com')) ?? '';
    const [id] = signedIn.replace('session=', '').split('.');
    for (const token of [`${id}.${'a'.repeat(24)}`, 'garbage', `${id}`, `${id}.x.y`]) {
      const res = await app.request('/account', { headers: { Cookie: `session=${token}` } });
      expect(res.status).toBe(303);
      expect(res.headers.get('Set-Cookie')).toMatch(/^session=; Max-Age=0/);
    }
  });

  it('slides the expiry of a session in use and ends one left unused for 30 days', async () => {
    const cookie = sessionCookie(await signIn('asha@example.com')) ?? '';
    clock.set('2026-12-20T09:00:00Z');
    const used = await app.request('/account', { headers: { Cookie: cookie } });
    expect(used.status).toBe(200);
    expect(used.headers.get('Set-Cookie')).toMatch(/^session=.*Max-Age=2592000/);
    clock.set('2027-01-18T09:00:00Z'); // 29 days after its last use
    expect((await app.request('/account', { headers: { Cookie: cookie } })).status).toBe(200);
    clock.set('2027-03-01T09:00:00Z');
    expect((await app.request('/account', { headers: { Cookie: cookie } })).status).toBe(303);
    clock.set('2026-11-24T09:00:00Z');
  });

  it('signs out by POST only, and "everywhere" ends every session', async () => {
    const a = sessionCookie(await signIn('asha@example.com')) ?? '';
    const b = sessionCookie(await signIn('asha@example.com')) ?? '';
    expect((await app.request('/sign-out', { headers: { Cookie: a } })).status).toBe(404);
    const out = await post('/sign-out', {}, a);
    expect(out.status).toBe(303);
    expect((await app.request('/account', { headers: { Cookie: a } })).status).toBe(303);
    expect((await app.request('/account', { headers: { Cookie: b } })).status).toBe(200);

    const c = sessionCookie(await signIn('asha@example.com')) ?? '';
    expect((await post('/sign-out-everywhere', {}, c)).status).toBe(200);
    for (const cookie of [b, c])
      expect((await app.request('/account', { headers: { Cookie: cookie } })).status).toBe(303);
  });

  it('sends a signed-out visitor to sign in and back', async () => {
    const res = await app.request('/account?x=1');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/sign-in?next=%2Faccount%3Fx%3D1');
    const evil = await signIn('asha@example.com');
    expect(evil.headers.get('Location')).toBe('/account');
    const offsite = await post('/sign-in', { email: 'asha@example.com', password, next: '//evil.example' });
    expect(offsite.headers.get('Location')).toBe('/account');
  });
});

describe('password reset', () => {
  it('resets once through an emailed link, ends every session, and the link cannot be reused', async () => {
    const before = sessionCookie(await signIn('asha@example.com')) ?? '';
    const forgot = await post('/forgot-password', { email: 'asha@example.com' });
    expect(forgot.status).toBe(200);
    const token = linkIn(mailer.lastTo('asha@example.com')?.text, '/reset-password');
    expect(token).toBeTruthy();
    expect((await app.request(`/reset-password?token=${token}`)).status).toBe(200);

    const reset = await post('/reset-password', { token: token ?? '', password: 'a brand new passphrase' });
    expect(reset.status).toBe(200);
    expect((await app.request('/account', { headers: { Cookie: before } })).status).toBe(303);
    expect((await signIn('asha@example.com', password)).status).toBe(400);
    expect((await signIn('asha@example.com', 'a brand new passphrase')).status).toBe(303);

    const again = await post('/reset-password', { token: token ?? '', password: 'yet another passphrase' });
    expect(again.status).toBe(400);
    expect((await signIn('asha@example.com', 'yet another passphrase')).status).toBe(400);
  });

  it('expires a reset link after 30 minutes', async () => {
    await post('/forgot-password', { email: 'new.person@example.com' });
    const token = linkIn(mailer.lastTo('new.person@example.com')?.text, '/reset-password');
    clock.set('2026-11-24T09:31:00Z');
    expect((await app.request(`/reset-password?token=${token}`)).status).toBe(400);
    expect(
      (await post('/reset-password', { token: token ?? '', password: 'too late passphrase' })).status,
    ).toBe(400);
    clock.set('2026-11-24T09:00:00Z');
  });

  it('ends every older reset link when one is used, and when the password is changed', async () => {
    await signUp('two.links@example.com', 'Meera');
    const linkAt = async (at: string) => {
      clock.set(at);
      await post('/forgot-password', { email: 'two.links@example.com' });
      return linkIn(mailer.lastTo('two.links@example.com')?.text, '/reset-password') ?? '';
    };
    const older = await linkAt('2026-11-24T10:00:00Z');
    const newer = await linkAt('2026-11-24T10:01:00Z');
    clock.set('2026-11-24T10:02:00Z');
    expect((await post('/reset-password', { token: newer, password: 'the newer passphrase' })).status).toBe(
      200,
    );

    clock.set('2026-11-24T10:03:00Z');
    const page = await app.request(`/reset-password?token=${older}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('This reset link is not valid');
    expect((await post('/reset-password', { token: older, password: 'the older passphrase' })).status).toBe(
      400,
    );
    expect((await signIn('two.links@example.com', 'the older passphrase')).status).toBe(400);
    expect((await signIn('two.links@example.com', 'the newer passphrase')).status).toBe(303);

    // A change on the account page ends links sent before it too.
    const unused = await linkAt('2026-11-24T10:04:00Z');
    clock.set('2026-11-24T10:05:00Z');
    const cookie = sessionCookie(await signIn('two.links@example.com', 'the newer passphrase')) ?? '';
    const changed = await post(
      '/account/password',
      { current: 'the newer passphrase', next: 'changed on the account page' },
      cookie,
    );
    expect(changed.status).toBe(303);
    expect((await post('/reset-password', { token: unused, password: 'from an old mail' })).status).toBe(400);
    expect((await signIn('two.links@example.com', 'changed on the account page')).status).toBe(303);
    clock.set('2026-11-24T09:00:00Z');
  });

  it('answers the same whether or not the email has an account', async () => {
    const known = await (await post('/forgot-password', { email: 'asha@example.com' })).text();
    const unknown = await (await post('/forgot-password', { email: 'ghost@example.com' })).text();
    expect(known.replace('asha@example.com', 'EMAIL')).toBe(unknown.replace('ghost@example.com', 'EMAIL'));
    expect(mailer.lastTo('ghost@example.com')).toBeUndefined();
  });
});

describe("a mobile number typed in the city's national form", () => {
  it("takes the country of the visitor's city at sign-up and on the account page, and says how otherwise", async () => {
    await putCatalog(deps, {
      cities: [{ id: 'mumbai', name: 'Mumbai', timeZone: 'Asia/Kolkata', currency: 'INR', locale: 'en-IN' }],
    });
    const joined = await post(
      '/sign-up',
      { name: 'Meera', email: 'national.number@example.com', password, mobile: '98123 45678' },
      'city=mumbai',
    );
    expect(joined.status).toBe(200);
    expect((await repo.findUserByEmail(db, 'national.number@example.com'))?.mobile).toBe('+919812345678');

    await signUp('no.city@example.com', 'Arun');
    const cookie = sessionCookie(await signIn('no.city@example.com')) ?? '';
    const refused = await post('/account', { name: 'Arun', mobile: '9812345678' }, cookie);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Enter the number with its country code, like +919812345678.');
    const saved = await post('/account', { name: 'Arun', mobile: '098123-45678' }, `${cookie}; city=mumbai`);
    expect(saved.status).toBe(303);
    expect((await repo.findUserByEmail(db, 'no.city@example.com'))?.mobile).toBe('+919812345678');
  });
});

describe('the SMS tickets opt-in', () => {
  const optIn = (html: string) =>
    /<input id="(?:sign-up|profile)-sms" type="checkbox" name="smsOptIn" value="yes"([^>]*)>/.exec(html)?.[1];

  it('is offered beside the mobile number at sign-up, off unless ticked, and stored as the account page stores it', async () => {
    const form = await (await app.request('/sign-up')).text();
    expect(optIn(form)).toBeDefined();
    expect(optIn(form)).not.toContain('checked');
    expect(form).toContain('<label for="sign-up-sms">Send my tickets by SMS too</label>');
    expect(form.indexOf('name="mobile"')).toBeLessThan(form.indexOf('name="smsOptIn"'));

    const mobile = '+919812300001';
    await post('/sign-up', { name: 'Dev', email: 'sms.yes@example.com', password, mobile, smsOptIn: 'yes' });
    await post('/sign-up', { name: 'Dev', email: 'sms.no@example.com', password, mobile });
    await post('/sign-up', { name: 'Dev', email: 'sms.nonumber@example.com', password, smsOptIn: 'yes' });
    expect(await repo.findUserByEmail(db, 'sms.yes@example.com')).toMatchObject({ mobile, smsOptIn: true });
    expect(await repo.findUserByEmail(db, 'sms.no@example.com')).toMatchObject({ mobile, smsOptIn: false });
    // No number, nothing to text: the tick is not kept.
    expect((await repo.findUserByEmail(db, 'sms.nonumber@example.com'))?.smsOptIn).toBe(false);

    // A form sent back with an error keeps the tick.
    const again = await post('/sign-up', {
      name: 'Dev',
      email: 'sms.again@example.com',
      password,
      mobile: '12',
      smsOptIn: 'yes',
    });
    expect(again.status).toBe(400);
    expect(optIn(await again.text())).toContain('checked');

    // The account page offers the same choice, in the same words, as it was made.
    const cookie = sessionCookie(await signIn('sms.yes@example.com')) ?? '';
    const account = await (await app.request('/account', { headers: { Cookie: cookie } })).text();
    expect(account).toContain('<label for="profile-sms">Send my tickets by SMS too</label>');
    expect(optIn(account)).toContain('checked');
  });
});

describe('confirming a mobile number', () => {
  const mobile = '+919812345678';
  const codeIn = (text: string | undefined) => /code is (\d{6})\./.exec(text ?? '')?.[1] ?? '';

  it('texts a code, refuses a wrong one, confirms the right one, and asks again after the number changes', async () => {
    clock.set('2026-11-24T11:00:00Z');
    await signUp('mobile.owner@example.com', 'Kiran');
    const cookie = sessionCookie(await signIn('mobile.owner@example.com')) ?? '';
    expect((await post('/account', { name: 'Kiran', mobile, smsOptIn: 'yes' }, cookie)).status).toBe(303);
    const page = await (await app.request('/account', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('Confirm your mobile number');
    expect(page).toContain('autocomplete="one-time-code"');

    const sent = await post('/account/mobile/code', {}, cookie);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('Location')).toBe('/account?done=code-sent#mobile-title');
    const code = codeIn(notifier.lastTo(mobile)?.text);
    expect(code).toMatch(/^\d{6}$/);

    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await post('/account/mobile/verify', { code: wrongCode }, cookie);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('That code is not right.');
    const right = await post(
      '/account/mobile/verify',
      { code: `${code.slice(0, 3)} ${code.slice(3)}` },
      cookie,
    );
    expect(right.status).toBe(303);
    const user = await repo.findUserByEmail(db, 'mobile.owner@example.com');
    expect(user?.mobileVerified).toBe(mobile);
    expect(await (await app.request('/account', { headers: { Cookie: cookie } })).text()).toContain(
      'is confirmed: booking confirmations are texted to it too.',
    );

    await post('/account', { name: 'Kiran', mobile: '+919812300000', smsOptIn: 'yes' }, cookie);
    expect(await (await app.request('/account', { headers: { Cookie: cookie } })).text()).toContain(
      'Confirm your mobile number',
    );
    // The old number's code cannot confirm the new number.
    expect((await post('/account/mobile/verify', { code }, cookie)).status).toBe(400);
  });

  it('allows 5 tries of a code, and 3 codes an hour per account', async () => {
    clock.set('2026-11-24T12:00:00Z');
    await signUp('mobile.guess@example.com', 'Guess');
    const cookie = sessionCookie(await signIn('mobile.guess@example.com')) ?? '';
    await post('/account', { name: 'Guess', mobile: '+919800000001' }, cookie);
    await post('/account/mobile/code', {}, cookie);
    const code = codeIn(notifier.lastTo('+919800000001')?.text);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await post('/account/mobile/verify', { code: wrongCode }, cookie)).status).toBe(400);
    const spent = await post('/account/mobile/verify', { code }, cookie);
    expect(spent.status).toBe(400);
    expect(await spent.text()).toContain('That code has expired or was tried too many times.');

    expect((await post('/account/mobile/code', {}, cookie)).status).toBe(303);
    expect((await post('/account/mobile/code', {}, cookie)).status).toBe(303);
    const fourth = await post('/account/mobile/code', {}, cookie);
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('Retry-After')).toBeTruthy();
    expect(await fourth.text()).toContain('Too many attempts.');
    expect(notifier.sent.filter((sms) => sms.to === '+919800000001')).toHaveLength(3);
  });

  it('limits codes per number too, across accounts', async () => {
    clock.set('2026-11-24T13:00:00Z');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      await signUp(`shared.number${i}@example.com`, 'Shared');
      const cookie = sessionCookie(await signIn(`shared.number${i}@example.com`)) ?? '';
      await post('/account', { name: 'Shared', mobile: '+919800000002' }, cookie);
      statuses.push((await post('/account/mobile/code', {}, cookie)).status);
    }
    expect(statuses).toEqual([303, 303, 303, 429]);
    clock.set('2026-11-24T09:00:00Z');
  });
});

describe('authorization in services', () => {
  it("refuses to read or change another user's profile", async () => {
    const asha = await repo.findUserByEmail(db, 'asha@example.com');
    const other = await repo.findUserByEmail(db, 'new.person@example.com');
    if (!asha || !other) throw new Error('fixtures missing');
    const actor = { id: asha.id, email: asha.email, name: asha.name, role: 'customer' as const };
    await expect(accounts.getProfile(deps, actor, other.id)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      accounts.updateProfile(deps, actor, other.id, {
        name: 'x',
        mobile: undefined,
        smsOptIn: false,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
