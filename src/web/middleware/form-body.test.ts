import { describe, expect, it } from 'vitest';
import { testApp } from '../../../tests/support/db';
import { recordingLogger } from '../../../tests/support/log';
import { loadConfig } from '../../config';
import { systemClock } from '../../platform/clock';
import { dbForConfig } from '../../platform/db/client';

// Nothing listens on this database endpoint: a route that got as far as the database would answer 500.
const config = loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' });
const log = recordingLogger();
const { app } = testApp(dbForConfig(config), systemClock, { config, log });

/** Every POST route the app has: each reads a form, so each must refuse a broken one the same way. */
const formRoutes = [...new Set(app.routes.filter((r) => r.method === 'POST').map((r) => r.path))].map(
  (path) => path.replace(/:[a-zA-Z]+/g, 'x1'),
);

const broken: [string, string, string][] = [
  ['a body that never opens its boundary', 'multipart/form-data; boundary=abc', 'not multipart at all'],
  [
    'a part that never ends',
    'multipart/form-data; boundary=abc',
    '--abc\r\nContent-Disposition: form-data; name="email"\r\n\r\nx@example.com',
  ],
  ['no boundary at all', 'multipart/form-data', '--abc\r\n\r\n--abc--\r\n'],
];

describe('a form post whose body cannot be read', () => {
  it('there are form routes to try', () => {
    expect(formRoutes.length).toBeGreaterThanOrEqual(16);
  });

  it.each(broken)('answers 400 with a plain message, on every form route: %s', async (_what, type, body) => {
    const answers = await Promise.all(
      formRoutes.map(async (path) => {
        const res = await app.request(path, {
          method: 'POST',
          headers: { 'Content-Type': type, Origin: 'http://localhost' },
          body,
        });
        return { path, status: res.status, text: await res.text() };
      }),
    );
    for (const answer of answers) {
      expect({ path: answer.path, status: answer.status }).toEqual({ path: answer.path, status: 400 });
      expect(answer.text).toContain('We could not read the form you sent.');
      expect(answer.text).not.toMatch(/at .*\.(js|ts):\d+/);
    }
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(
      log.lines.some((line) => line.level === 'warn' && line.message === 'form body could not be read'),
    ).toBe(true);
  });

  it('still reads a well-formed multipart form', async () => {
    const form = new FormData();
    form.set('email', 'not-an-email');
    form.set('password', 'x');
    const res = await app.request('/sign-in', {
      method: 'POST',
      headers: { Origin: 'http://localhost' },
      body: form,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Enter an email address like name@example.com.');
  });
});
