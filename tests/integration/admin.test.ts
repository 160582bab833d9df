import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  AdminCreateError,
  describeResult,
  parseArgs,
  readPassword,
  UsageError,
} from '../../scripts/admin-create';
import { type Role, type SessionUser, toSessionUser } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { randomString } from '../../src/auth/tokens';
import { loadConfig } from '../../src/config';
import { DEMO_USERS, loadDemoUsers } from '../../src/demo/users';
import { normalizeEmail } from '../../src/features/accounts/model';
import { changeRole, ensureAdmin } from '../../src/features/accounts/operator-accounts';
import { checkPasswordRules } from '../../src/features/accounts/password-rules';
import * as repo from '../../src/features/accounts/repo';
import * as admin from '../../src/features/admin/service';
import { putContactMessage } from '../../src/features/site/repo';
import { submitContact } from '../../src/features/site/service';
import { AppError } from '../../src/platform/errors';
import { nodeHasher } from '../../src/platform/passwords/node/argon2-native';
import { fixedClock, freshTable, testApp } from '../support/db';
import { recordingMailer } from '../support/mail';

const clock = fixedClock('2026-11-24T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];

const origin = 'http://localhost';
const password = 'correct horse battery';
// One hash for every fixture account: argon2 is slow on purpose, and these tests are not about it.
let passwordHash: string;

async function makeUser(email: string, role: Role, name = 'Test User'): Promise<SessionUser> {
  const user = {
    id: randomString(),
    email: normalizeEmail(email),
    name,
    smsOptIn: false,
    role,
    passwordHash,
    emailVerifiedAt: clock.now().toISOString(),
    createdAt: clock.now().toISOString(),
  };
  await repo.createUser(db, user);
  return toSessionUser(user);
}

async function cookieFor(user: SessionUser): Promise<string> {
  const { token } = await createSession(deps, user.id);
  return `session=${token}`;
}

const get = (path: string, cookie?: string) =>
  app.request(path, { headers: cookie ? { Cookie: cookie } : {} });
const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: origin,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });

const roleOf = async (email: string) => (await repo.findUserByEmail(db, email))?.role;

let customer: SessionUser;
let staff: SessionUser;
let adminUser: SessionUser;

beforeAll(async () => {
  db = await freshTable();
  ({ app, deps } = testApp(db, clock, { mailer: recordingMailer() }));
  passwordHash = await nodeHasher.hash(password);
  [customer, staff, adminUser] = await Promise.all([
    makeUser('customer@example.com', 'customer', 'Cora Customer'),
    makeUser('staff@example.com', 'staff', 'Sam Staff'),
    makeUser('admin@example.com', 'admin', 'Ada Admin'),
  ]);
  await submitContact(
    deps,
    {
      name: 'Meera Iyer',
      email: 'meera@example.com',
      topic: 'accessibility',
      message: 'The seat map <b>skips</b> row C\nwith a screen reader.',
    },
    '192.0.2.1',
  );
  clock.set('2026-11-24T10:30:00Z');
  await submitContact(
    deps,
    {
      name: 'Tom Brown',
      email: 'tom@example.com',
      topic: 'refund',
      message: 'Please refund my tickets for last night.',
    },
    '192.0.2.2',
  );
  clock.set('2026-11-24T09:00:00Z');
});
afterAll(() => db.drop());

describe('roles on the admin page', () => {
  it('sends a signed-out visitor to sign in, and back to /admin afterwards', async () => {
    const res = await get('/admin');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/sign-in?next=%2Fadmin');
    const write = await post('/admin/roles', { email: 'customer@example.com', role: 'admin' });
    expect(write.status).toBe(303);
    expect(write.headers.get('Location')).toMatch(/^\/sign-in\?next=/);
    expect(await roleOf('customer@example.com')).toBe('customer');
  });

  it('refuses a customer with 403, reading and writing', async () => {
    const cookie = await cookieFor(customer);
    const page = await get('/admin', cookie);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain('Not allowed');
    expect(html).not.toContain('meera@example.com');

    const write = await post('/admin/roles', { email: 'customer@example.com', role: 'admin' }, cookie);
    expect(write.status).toBe(403);
    expect(await roleOf('customer@example.com')).toBe('customer');
  });

  it('shows staff the newest contact messages in a table, without the role form', async () => {
    const res = await get('/admin', await cookieFor(staff));
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<th scope="col" class="py-2 pr-4">Received</th>');
    expect(html).toContain('<caption');
    // Newest first.
    expect(html.indexOf('tom@example.com')).toBeLessThan(html.indexOf('meera@example.com'));
    expect(html).toContain('<time datetime="2026-11-24T10:30:00.000Z">');
    expect(html).toContain('Meera Iyer');
    expect(html).toContain('href="mailto:meera@example.com"');
    expect(html).toContain('Accessibility');
    expect(html).toContain('Refunds and cancellations');
    // A visitor's text is text, never markup.
    expect(html).toContain('The seat map &lt;b&gt;skips&lt;/b&gt; row C');
    expect(html).not.toContain('action="/admin/roles"');
  });

  it('refuses staff a role change with 403', async () => {
    const write = await post(
      '/admin/roles',
      { email: 'staff@example.com', role: 'admin' },
      await cookieFor(staff),
    );
    expect(write.status).toBe(403);
    expect(await roleOf('staff@example.com')).toBe('staff');
  });

  it('lets an admin promote a customer to staff, with a notice, effective on their next request', async () => {
    const cookie = await cookieFor(adminUser);
    const page = await get('/admin', cookie);
    expect(await page.text()).toContain('action="/admin/roles"');

    const promoted = await makeUser('promote.me@example.com', 'customer');
    const theirCookie = await cookieFor(promoted);
    expect((await get('/admin', theirCookie)).status).toBe(403);

    const res = await post('/admin/roles', { email: ' Promote.Me@Example.com ', role: 'staff' }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin?done=role');
    expect(await roleOf('promote.me@example.com')).toBe('staff');

    const after = await get('/admin?done=role', cookie);
    expect(await after.text()).toMatch(/<p role="status"[^>]*>The role is saved\./);
    expect((await get('/admin', theirCookie)).status).toBe(200);
  });

  it('shows errors beside the fields with 400 and writes nothing for bad input', async () => {
    const cookie = await cookieFor(adminUser);
    const before = await roles();

    const bad = await post('/admin/roles', { email: 'not-an-email', role: 'superuser' }, cookie);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="role-email-error"');
    expect(html).toContain('id="role-role-error"');
    expect(html).toContain('aria-describedby="role-email-error"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('Please correct the 2 fields marked below.');

    const missing = await post('/admin/roles', {}, cookie);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('id="role-email-error"');

    const unknown = await post('/admin/roles', { email: 'ghost@example.com', role: 'staff' }, cookie);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/id="role-email-error"[^>]*>No account uses that email address\./);

    const self = await post('/admin/roles', { email: 'admin@example.com', role: 'customer' }, cookie);
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('id="role-role-error"');

    expect(await roles()).toEqual(before);
  });
});

/** Every user's role, by email: to prove a refused request wrote nothing. */
async function roles(): Promise<Record<string, unknown>> {
  const { Items = [] } = await db.doc.send(
    new ScanCommand({
      TableName: db.table,
      FilterExpression: 'entity = :user',
      ExpressionAttributeValues: { ':user': 'User' },
    }),
  );
  return Object.fromEntries(Items.map((item) => [item.email, item.role]));
}

describe('authorization in the admin service', () => {
  it('refuses a customer actor, and staff a role change, with forbidden', async () => {
    await expect(admin.adminOverview(deps, customer)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      changeRole(deps, customer, { email: 'customer@example.com', role: 'admin' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      changeRole(deps, staff, { email: 'staff@example.com', role: 'admin' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await roleOf('customer@example.com')).toBe('customer');
    expect(await roleOf('staff@example.com')).toBe('staff');
    const overview = await admin.adminOverview(deps, staff);
    expect(overview.canSetRoles).toBe(false);
    expect(overview.messages.messages.map((m) => m.email)).toEqual(['tom@example.com', 'meera@example.com']);
  });
});

describe('contact messages for staff', () => {
  it('pages through every message, 50 at a time, newest first, each exactly once', async () => {
    const pagingDb = await freshTable();
    try {
      const paging = testApp(pagingDb, clock).app;
      const { token } = await createSession({ ...deps, db: pagingDb }, staff.id);
      const staffAccount = await repo.findUserByEmail(db, 'staff@example.com');
      if (!staffAccount) throw new Error('fixture missing');
      await repo.createUser(pagingDb, staffAccount);
      const stored: string[] = [];
      for (let i = 0; i < 120; i++) {
        const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        const receivedAt = new Date(Date.parse('2026-11-20T00:00:00Z') + i * 60_000).toISOString();
        await putContactMessage(pagingDb, {
          id,
          name: `Sender ${i}`,
          email: `sender${i}@example.com`,
          topic: 'other',
          message: `Message ${i}`,
          receivedAt,
        });
        stored.unshift(`sender${i}@example.com`);
      }
      const seen: string[] = [];
      let path: string | undefined = '/admin';
      let pages = 0;
      while (path) {
        const res = await paging.request(path, { headers: { Cookie: `session=${token}` } });
        expect(res.status).toBe(200);
        const html = await res.text();
        seen.push(...[...html.matchAll(/href="mailto:([^"]+)"/g)].map((m) => m[1] ?? ''));
        path = /href="(\/admin\?before=[^"#]+)#admin-messages-title">Older messages/
          .exec(html)?.[1]
          ?.replaceAll('&amp;', '&');
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(stored);

      const bad = await paging.request('/admin?before=not-a-cursor', {
        headers: { Cookie: `session=${token}` },
      });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('That page of contact messages does not exist.');
    } finally {
      await pagingDb.drop();
    }
  });
});

describe('demo accounts', () => {
  it('creates a verified demo admin and customer once, with passwords that verify and pass the rules', async () => {
    const demoDb = await freshTable();
    try {
      const demoDeps = { db: demoDb, clock, passwords: nodeHasher, config: { local: true } };
      const first = await loadDemoUsers(demoDeps);
      expect(first.map((a) => [a.email, a.role, a.state])).toEqual([
        ['admin@moviemagic.local', 'admin', 'created'],
        ['customer@moviemagic.local', 'customer', 'created'],
      ]);
      const hashes: string[] = [];
      for (const demo of DEMO_USERS) {
        expect(checkPasswordRules(demo.password, { email: demo.email, name: demo.name })).toBeUndefined();
        const user = await repo.findUserByEmail(demoDb, demo.email);
        expect(user?.role).toBe(demo.role);
        expect(user?.emailVerifiedAt).toBe('2026-11-24T09:00:00.000Z');
        expect(await nodeHasher.verify(user?.passwordHash ?? '', demo.password)).toBe(true);
        hashes.push(user?.passwordHash ?? '');
      }

      const hash = vi.spyOn(nodeHasher, 'hash');
      const second = await loadDemoUsers(demoDeps);
      hash.mockRestore();
      expect(second.map((a) => a.state)).toEqual(['present', 'present']);
      expect(hash).not.toHaveBeenCalled();
      for (const [i, demo] of DEMO_USERS.entries()) {
        expect((await repo.findUserByEmail(demoDb, demo.email))?.passwordHash).toBe(hashes[i]);
      }
      const { Items = [] } = await demoDb.doc.send(
        new ScanCommand({
          TableName: demoDb.table,
          FilterExpression: 'entity = :user',
          ExpressionAttributeValues: { ':user': 'User' },
        }),
      );
      expect(Items).toHaveLength(2);
    } finally {
      await demoDb.drop();
    }
  });

  it('never creates them outside local mode', async () => {
    const awsDb = await freshTable();
    try {
      const config = loadConfig({
        AWS_REGION: 'ap-south-1',
        TABLE_NAME: awsDb.table,
        MAIL_FROM: 'tickets@example.com',
        PUBLIC_ORIGIN: 'https://tickets.example.com',
        TICKET_SIGNING_KEY: 'set',
      });
      expect(config.local).toBe(false);
      expect(await loadDemoUsers({ db: awsDb, clock, passwords: nodeHasher, config })).toEqual([]);
      expect(await repo.findUserByEmail(awsDb, 'admin@moviemagic.local')).toBeUndefined();
    } finally {
      await awsDb.drop();
    }
  });
});

describe('npm run admin:create', () => {
  const scriptDeps = () => ({ db, clock, passwords: nodeHasher });
  const never = async (): Promise<string> => {
    throw new Error('the password should not have been asked for');
  };

  it('creates a verified admin with the given password', async () => {
    const result = await ensureAdmin(
      scriptDeps(),
      { email: 'Root@Example.com', name: 'Site Admin', resetPassword: false },
      async () => 'a long admin passphrase',
    );
    expect(result.outcome).toBe('created');
    expect(describeResult(result)).toBe('Created the admin account root@example.com, email verified.');
    const user = await repo.findUserByEmail(db, 'root@example.com');
    expect(user).toMatchObject({
      role: 'admin',
      name: 'Site Admin',
      emailVerifiedAt: '2026-11-24T09:00:00.000Z',
    });
    expect(await nodeHasher.verify(user?.passwordHash ?? '', 'a long admin passphrase')).toBe(true);
  });

  it('promotes an existing account without touching its password, and says so', async () => {
    const existing = await makeUser('existing@example.com', 'customer');
    const cookie = await cookieFor(existing);
    const result = await ensureAdmin(
      scriptDeps(),
      { email: 'existing@example.com', name: 'Ignored Name', resetPassword: false },
      never,
    );
    expect(result).toMatchObject({ outcome: 'promoted', previousRole: 'customer', passwordChanged: false });
    expect(describeResult(result)).toBe(
      'existing@example.com already had an account (customer): promoted it to admin; ' +
        'its password is unchanged (add --reset-password to set a new one).',
    );
    const user = await repo.findUserByEmail(db, 'existing@example.com');
    expect(user).toMatchObject({ role: 'admin', name: 'Test User', passwordHash });
    // The account's own session carries on, now with admin rights.
    expect((await get('/admin', cookie)).status).toBe(200);

    const again = await ensureAdmin(
      scriptDeps(),
      { email: 'existing@example.com', name: undefined, resetPassword: false },
      never,
    );
    expect(again.outcome).toBe('already-admin');
  });

  it('with --reset-password sets the new password and ends the account’s sessions', async () => {
    const existing = await makeUser('forgetful@example.com', 'staff');
    const cookie = await cookieFor(existing);
    const result = await ensureAdmin(
      scriptDeps(),
      { email: 'forgetful@example.com', name: undefined, resetPassword: true },
      async () => 'a fresh admin passphrase',
    );
    expect(result).toMatchObject({ outcome: 'promoted', passwordChanged: true, sessionsEnded: 1 });
    const user = await repo.findUserByEmail(db, 'forgetful@example.com');
    expect(await nodeHasher.verify(user?.passwordHash ?? '', 'a fresh admin passphrase')).toBe(true);
    expect((await get('/admin', cookie)).status).toBe(303);
  });

  it('refuses a password that breaks the rules and writes nothing', async () => {
    const before = await roles();
    await expect(
      ensureAdmin(
        scriptDeps(),
        { email: 'weak@example.com', name: undefined, resetPassword: false },
        async () => 'password123',
      ),
    ).rejects.toThrow(
      new AppError(
        'bad_request',
        'Password refused: This password is too common. Choose one that would be harder to guess.',
        { password: 'This password is too common. Choose one that would be harder to guess.' },
      ),
    );
    await expect(
      ensureAdmin(
        scriptDeps(),
        { email: 'customer@example.com', name: undefined, resetPassword: true },
        async () => 'customer@example.com',
      ),
    ).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^Password refused: /) });
    expect(await roles()).toEqual(before);
    expect((await repo.findUserByEmail(db, 'customer@example.com'))?.passwordHash).toBe(passwordHash);
  });

  it('parses its arguments and refuses bad ones as usage errors', () => {
    expect(parseArgs(['--email', ' Admin@Example.com', '--name', 'Site Admin'])).toEqual({
      email: 'admin@example.com',
      name: 'Site Admin',
      resetPassword: false,
    });
    expect(parseArgs(['--email=a@example.com', '--reset-password'])?.resetPassword).toBe(true);
    expect(parseArgs(['--help'])).toBeUndefined();
    for (const argv of [
      [],
      ['--email', 'nope'],
      ['--email', 'a@example.com', '--password', 'x'],
      ['a@example.com'],
    ]) {
      expect(() => parseArgs(argv)).toThrow(UsageError);
    }
  });

  it('reads the password from ADMIN_PASSWORD, or twice from a terminal without echo, never from a pipe', async () => {
    const pipe = Object.assign(new PassThrough(), { isTTY: false });
    expect(
      await readPassword({ env: { ADMIN_PASSWORD: 'from the env' }, input: pipe, output: new PassThrough() }),
    ).toBe('from the env');
    await expect(readPassword({ env: {}, input: pipe, output: new PassThrough() })).rejects.toBeInstanceOf(
      UsageError,
    );

    const typed = async (lines: string[]) => {
      const input = Object.assign(new PassThrough(), { isTTY: true });
      const output = new PassThrough();
      let shown = '';
      const queue = [...lines];
      // Types the next line only once its prompt is on screen, and a moment later, as a person would.
      output.on('data', (chunk: Buffer) => {
        shown += chunk.toString();
        if (chunk.toString().endsWith(': ')) setImmediate(() => input.write(`${queue.shift()}\r`));
      });
      const result = readPassword({ env: {}, input, output });
      return { result, shown: () => shown };
    };
    const same = await typed(['hidden passphrase', 'hidden passphrase']);
    expect(await same.result).toBe('hidden passphrase');
    expect(same.shown()).toContain('Password for the admin account:');
    expect(same.shown()).toContain('The same password again:');
    expect(same.shown()).not.toContain('hidden');

    const differ = await typed(['hidden passphrase', 'something else']);
    await expect(differ.result).rejects.toBeInstanceOf(AdminCreateError);
  });

  it('runs as a command with one line of output and exit codes 0, 1 and 2', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const run = (args: string[], extra: Record<string, string> = {}) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
        execFile(
          process.execPath,
          [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/admin-create.ts'), ...args],
          {
            cwd: root,
            env: {
              PATH: process.env.PATH ?? '',
              DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
              TABLE_NAME: db.table,
              ...extra,
            },
          },
          (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });

    const created = await run(['--email', 'cli@example.com', '--name', 'Cli Admin'], {
      ADMIN_PASSWORD: 'a command line passphrase',
    });
    expect(created).toEqual({
      code: 0,
      stdout: 'Created the admin account cli@example.com, email verified.\n',
      stderr: '',
    });
    expect(await roleOf('cli@example.com')).toBe('admin');

    const usage = await run(['--email']);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);

    // No terminal (execFile's stdin is a pipe) and no ADMIN_PASSWORD.
    const noTty = await run(['--email', 'nobody@example.com']);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/^admin:create: No terminal to ask for the password on: set ADMIN_PASSWORD/);

    const weak = await run(['--email', 'weak@example.com'], { ADMIN_PASSWORD: 'short' });
    expect(weak).toMatchObject({ code: 1, stdout: '' });
    expect(weak.stderr).toBe('admin:create: Password refused: Use at least 8 characters.\n');
    expect(await repo.findUserByEmail(db, 'weak@example.com')).toBeUndefined();

    const badConfig = await run(['--email', 'x@example.com'], { PORT: 'many' });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/^admin:create: invalid configuration: PORT: /);
  });
});
