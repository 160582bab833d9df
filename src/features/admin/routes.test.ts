import { describe, expect, it } from 'vitest';
import { appWithoutDatabase } from '../../../tests/support/db';
import { postForm } from '../../../tests/support/routes';

const app = appWithoutDatabase();

const postRoles = (fields: Record<string, string>, origin = 'http://localhost') =>
  postForm(app, '/admin/roles', fields, { origin });

describe('the admin page for a signed-out visitor', () => {
  it('sends them to sign in, and back to /admin afterwards', async () => {
    const res = await app.request('/admin');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/sign-in?next=%2Fadmin');
  });

  it('keeps the query string in the way back, so a notice is not lost', async () => {
    const res = await app.request('/admin?done=role');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/sign-in?next=${encodeURIComponent('/admin?done=role')}`);
  });

  it('sends a role change to sign in, back to the home page since a form post cannot be repeated', async () => {
    const res = await postRoles({ email: 'someone@example.com', role: 'admin' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/sign-in?next=%2F');
  });

  it('asks for sign-in before judging the form, so a stranger learns nothing from its errors', async () => {
    const res = await postRoles({ email: 'not-an-email', role: 'superuser' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/sign-in?next=%2F');
  });
});

describe('a role change from another site', () => {
  it('is refused with 403 and says why, without sending anyone to sign in', async () => {
    const res = await postRoles({ email: 'someone@example.com', role: 'admin' }, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('Location')).toBeNull();
    expect(await res.text()).toContain('This request came from another site, so we did not act on it.');
  });
});
