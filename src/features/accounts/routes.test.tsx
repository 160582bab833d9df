import { describe, expect, it } from 'vitest';
import { appWithoutDatabase } from '../../../tests/support/db';
import { fieldRow, postForm, signInPath } from '../../../tests/support/routes';

// Nothing listens on this app's database endpoint: a handler that reached the database would answer 500,
// so a 400 or a redirect here proves the request was answered before that.
const app = appWithoutDatabase();

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(app, path, fields, { headers });

/** The value of the sign-in form's hidden `next` field. */
function nextField(html: string): string | undefined {
  return /<input type="hidden" name="next" value="([^"]*)"\/>/.exec(html)?.[1];
}

describe('the account forms', () => {
  it.each([
    [
      '/sign-up',
      'Create an account',
      {
        'sign-up-name': 'Your name',
        'sign-up-email': 'Email address',
        'sign-up-password': 'Password',
        'sign-up-mobile': 'Mobile number (optional)',
      },
    ],
    ['/sign-in', 'Sign in', { 'sign-in-email': 'Email address', 'sign-in-password': 'Password' }],
    ['/forgot-password', 'Reset your password', { 'forgot-email': 'Email address' }],
  ])('%s shows every field with a label tied to it, and no errors yet', async (path, title, labels) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<title>${title} · Movie Magic</title>`);
    expect(html).toContain(`<form method="post" action="${path}"`);
    for (const [id, label] of Object.entries(labels)) {
      const row = fieldRow(html, id);
      expect(row).toContain(`>${label}</label>`);
      expect(row).toMatch(new RegExp(`<input id="${id}" name="[a-z]+"`));
    }
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('aria-invalid');
  });

  it('ties the password hint on sign-up to its input', async () => {
    const row = fieldRow(await (await app.request('/sign-up')).text(), 'sign-up-password');
    expect(row).toContain('<p id="sign-up-password-hint"');
    expect(row).toContain('aria-describedby="sign-up-password-hint"');
    expect(row).toContain('type="password"');
  });
});

describe('where sign-in goes afterwards', () => {
  it('goes to the account page when no page is named', async () => {
    expect(nextField(await (await app.request('/sign-in')).text())).toBe('/account');
  });

  it('keeps a local path with its query', async () => {
    const res = await app.request(`/sign-in?next=${encodeURIComponent('/showtimes/abc-1?seats=C7,C8')}`);
    expect(nextField(await res.text())).toBe('/showtimes/abc-1?seats=C7,C8');
  });

  it.each([
    ['an absolute URL', 'https://evil.example/account'],
    ['a scheme-relative URL', '//evil.example'],
    ['a backslash trick', '/\\evil.example'],
    ['a script URL', 'javascript:alert(1)'],
    ['a relative path', 'account'],
    ['a path that normalises to scheme-relative', '/.//evil.example/path'],
    ['a parent step that normalises to scheme-relative', '/..//evil.example/path'],
  ])('goes to the account page instead of %s', async (_what, next) => {
    const res = await app.request(`/sign-in?next=${encodeURIComponent(next)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(nextField(html)).toBe('/account');
    expect(html).not.toContain('evil.example');
  });

  it('keeps markup in a local path encoded, so it cannot leave the hidden field', async () => {
    const res = await app.request(
      `/sign-in?next=${encodeURIComponent('/search?q="><script>alert(1)</script>')}`,
    );
    const html = await res.text();
    expect(nextField(html)).toBe('/search?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
    expect(html).not.toContain('<script>alert');
  });
});

describe('sign-up with invalid fields', () => {
  it('answers 400 with each error beside its own field', async () => {
    const res = await post('/sign-up', {
      name: '',
      email: 'not-an-email',
      password: 'short',
      mobile: '12345',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please correct the 4 fields marked below.');
    const errors = {
      name: 'Enter your name.',
      email: 'Enter an email address like name@example.com.',
      password: 'Use at least 8 characters.',
      mobile: 'Enter the number with its country code, like +919812345678.',
    };
    for (const [field, message] of Object.entries(errors)) {
      const row = fieldRow(html, `sign-up-${field}`);
      expect(row).toContain(`<p id="sign-up-${field}-error" class="field-error">${message}</p>`);
      expect(row).toContain('aria-invalid="true"');
      expect(row).toMatch(new RegExp(`aria-describedby="[^"]*\\bsign-up-${field}-error"`));
    }
  });

  it('shows again the name, email and mobile as typed, but never the password', async () => {
    const res = await post('/sign-up', {
      name: 'Asha <Rao>',
      email: 'asha@',
      password: 'correct horse battery staple',
      mobile: '+91 98123',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldRow(html, 'sign-up-name')).toContain('value="Asha &lt;Rao&gt;"');
    expect(fieldRow(html, 'sign-up-email')).toContain('value="asha@"');
    expect(fieldRow(html, 'sign-up-mobile')).toContain('value="+91 98123"');
    expect(fieldRow(html, 'sign-up-password')).not.toContain('value=');
    expect(html).not.toContain('correct horse');
  });

  it('marks only the fields that failed, and accepts a mobile number written with spaces and brackets', async () => {
    const res = await post('/sign-up', {
      name: '   ',
      email: 'asha@example.com',
      password: 'a long enough passphrase',
      mobile: '+91 (981) 234-5678',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please correct the field marked below.');
    expect(fieldRow(html, 'sign-up-name')).toContain('Enter your name.');
    for (const field of ['email', 'password', 'mobile']) {
      expect(fieldRow(html, `sign-up-${field}`)).not.toContain('aria-invalid');
    }
  });

  it('refuses a name over 100 characters', async () => {
    const res = await post('/sign-up', {
      name: 'n'.repeat(101),
      email: 'asha@example.com',
      password: 'a long enough passphrase',
    });
    expect(res.status).toBe(400);
    expect(fieldRow(await res.text(), 'sign-up-name')).toContain(
      'Keep your name to 100 characters or fewer.',
    );
  });
});

describe('the password rules on sign-up', () => {
  const signUpWith = (password: string) =>
    post('/sign-up', { name: 'Asha', email: 'asha@example.com', password, mobile: '' });

  it.each([
    ['too short', 'seven77', 'Use at least 8 characters.'],
    ['too long', 'p'.repeat(129), 'Use at most 128 characters.'],
    ['too common', 'password', 'This password is too common. Choose one that would be harder to guess.'],
    ['too common in other letter cases', 'PassWord', 'This password is too common.'],
  ])('reports a password that is %s before the database is used', async (_what, password, message) => {
    const res = await signUpWith(password);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldRow(html, 'sign-up-password')).toContain(message);
    expect(fieldRow(html, 'sign-up-email')).toContain('value="asha@example.com"');
    expect(html).not.toContain(`value="${password}"`);
  });

  it('reports a short password together with a bad email, not one at a time', async () => {
    const res = await post('/sign-up', { name: 'Asha', email: 'asha', password: 'short' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Please correct the 2 fields marked below.');
    expect(fieldRow(html, 'sign-up-email')).toContain('Enter an email address like name@example.com.');
    expect(fieldRow(html, 'sign-up-password')).toContain('Use at least 8 characters.');
  });
});

describe('sign-in with a malformed form', () => {
  it('answers 400 with the errors beside the fields, without touching the database', async () => {
    const res = await post('/sign-in', { email: 'asha.example.com', password: '' });
    expect(res.status).toBe(400);
    expect(res.headers.get('Set-Cookie')).toBeNull();
    const html = await res.text();
    expect(html).toContain('Please correct the 2 fields marked below.');
    const email = fieldRow(html, 'sign-in-email');
    expect(email).toContain('Enter an email address like name@example.com.');
    expect(email).toContain('aria-describedby="sign-in-email-error"');
    expect(email).toContain('value="asha.example.com"');
    expect(fieldRow(html, 'sign-in-password')).toContain('Enter your password.');
  });

  it('never shows the password again', async () => {
    const res = await post('/sign-in', { email: 'not-an-email', password: 'my secret phrase' });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('my secret phrase');
  });

  it('keeps a local next page in the form, and drops one on another site', async () => {
    const local = await post('/sign-in', { email: 'x', password: 'p', next: '/bookings?done=1' });
    expect(nextField(await local.text())).toBe('/bookings?done=1');
    const offsite = await post('/sign-in', { email: 'x', password: 'p', next: '//evil.example' });
    expect(nextField(await offsite.text())).toBe('/account');
  });

  it('is refused with 403 when posted from another site', async () => {
    const res = await post(
      '/sign-in',
      { email: 'asha@example.com', password: 'p' },
      { Origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('forgot password with a malformed email', () => {
  it('answers 400 with the error beside the field and the address kept', async () => {
    const res = await post('/forgot-password', { email: 'asha@' });
    expect(res.status).toBe(400);
    const row = fieldRow(await res.text(), 'forgot-email');
    expect(row).toContain('<p id="forgot-email-error" class="field-error">');
    expect(row).toContain('aria-invalid="true"');
    expect(row).toContain('value="asha@"');
  });
});

describe('pages that need a signed-in user', () => {
  it('sends the account page to sign in, coming back to it with its query', async () => {
    const plain = await app.request('/account');
    expect(plain.status).toBe(303);
    expect(plain.headers.get('Location')).toBe(signInPath('/account'));
    const notice = await app.request('/account?done=saved');
    expect(notice.headers.get('Location')).toBe(signInPath('/account?done=saved'));
  });

  it.each([
    ['/account', { name: '', mobile: 'nonsense' }],
    ['/account/password', { current: '', next: 'x' }],
    ['/account/verify', {}],
    ['/sign-out-everywhere', {}],
  ])(
    'sends a POST to %s to sign in, back to the home page, before judging the form',
    async (path, fields) => {
      const res = await post(path, fields);
      expect(res.status).toBe(303);
      expect(res.headers.get('Location')).toBe(signInPath('/'));
      expect(res.headers.get('Set-Cookie')).toBeNull();
    },
  );
});

describe('signing out without a session', () => {
  it('redirects home and clears only the session cookie', async () => {
    const res = await post('/sign-out', {}, { Cookie: 'city=mumbai' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/');
    const cleared = res.headers.getSetCookie();
    expect(cleared).toEqual([expect.stringMatching(/^session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/)]);
    expect(cleared.join('\n')).not.toContain('city');
  });

  it('is refused with 403 from another site, clearing nothing', async () => {
    const res = await post('/sign-out', {}, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('a reset link that is not valid', () => {
  const expectDeadLink = async (res: Response) => {
    expect(res.status).toBe(400);
    expect(res.headers.get('Set-Cookie')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<title>Link not valid · Movie Magic</title>');
    expect(html).toContain('This reset link is not valid');
    expect(html).toContain('href="/forgot-password"');
    expect(html).not.toContain('name="password"');
  };

  it.each([
    ['no token', ''],
    ['a token of the wrong shape', '?token=abc'],
    ['a token in capitals', `?token=${'A'.repeat(32)}`],
  ])('opens to the "link not valid" page for %s', async (_what, query) => {
    await expectDeadLink(await app.request(`/reset-password${query}`));
  });

  it.each([
    ['no token', { password: 'a new passphrase' }],
    ['a token over 64 characters', { token: 'a'.repeat(65), password: 'a new passphrase' }],
    ['no password', { token: 'a'.repeat(32) }],
    ['a token of the wrong shape', { token: 'not-a-token', password: 'a new passphrase' }],
  ])('answers a new password sent with %s with the "link not valid" page', async (_what, fields) => {
    await expectDeadLink(await post('/reset-password', fields));
  });
});
