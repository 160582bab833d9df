import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { authorize } from '../../auth/authorize';
import { requireRole } from '../../auth/guards';
import { ROLES, type SessionUser } from '../../auth/model';
import { AppError, type FieldErrors } from '../../platform/errors';
import { statusFor } from '../../web/error-pages';
import { type FormValues, fieldErrors } from '../../web/forms';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { changeRole } from '../accounts/operator-accounts';
import { addCity, addTheater } from '../catalog/back-office';
import { citiesWithTheaters } from '../catalog/service';
import { citySchema, theaterSchema } from './catalog-forms';
import * as admin from './service';
import { AdminPage } from './views/admin-page';
import { AuditLogPage } from './views/audit-page';
import { type TheaterForm, TheatersPage } from './views/theaters-page';

const roleSchema = z.object({
  email: z
    .string('Enter the email address of the account.')
    .trim()
    .min(1, 'Enter the email address of the account.')
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter an email address like name@example.com.')),
  role: z.enum(ROLES, 'Choose customer, staff, manager or admin.'),
  theaters: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : [value].flat()))
    .pipe(z.array(z.string().max(100)).max(500, 'Choose fewer theaters.')),
});

const notices: Record<string, string> = {
  role: "The role is saved. It applies from that user's next page load.",
};

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 300) : undefined);

export function adminRoutes() {
  const app = new Hono();

  const adminPage = async (
    c: Context,
    actor: SessionUser,
    options: { values?: FormValues; chosen?: string[]; errors?: FieldErrors; status?: 200 | 400 } = {},
  ) => {
    const { messages, failedConfirmations, canSetRoles, theaters, progress } = await admin.adminOverview(
      c.var.deps,
      actor,
      c.req.method === 'GET' ? c.req.query('before') : undefined,
    );
    // Visitors' names, addresses and messages: nothing for a shared browser's cache to keep.
    return noStore(
      render(
        c,
        'Admin',
        <AdminPage
          messages={messages}
          failedConfirmations={failedConfirmations}
          progress={progress}
          roleForm={
            canSetRoles
              ? {
                  values: options.values ?? {},
                  errors: options.errors ?? {},
                  theaters,
                  chosen: options.chosen ?? [],
                }
              : undefined
          }
          notice={notices[c.req.query('done') ?? '']}
        />,
        { status: options.status ?? 200 },
      ),
    );
  };

  app.get('/admin', (c) => adminPage(c, requireRole(c, 'staff', 'manager', 'admin')));

  app.get('/admin/audit', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    // A manager reads one of their theaters' logs: the first of theirs unless they name another.
    const theaterId = c.req.query('theater') || (actor.role === 'admin' ? undefined : actor.theaterIds?.[0]);
    if (!theaterId && actor.role !== 'admin') {
      throw new AppError('forbidden', 'No theater is assigned to your account yet. Ask an admin.');
    }
    const { page, theater } = await admin.auditView(c.var.deps, actor, {
      theaterId,
      before: c.req.query('before'),
    });
    return noStore(render(c, 'Audit log', <AuditLogPage page={page} theater={theater} />));
  });

  const empty: TheaterForm = { values: {}, errors: {} };
  const theatersPage = async (
    c: Context,
    actor: SessionUser,
    forms: { theater?: TheaterForm; city?: TheaterForm } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    authorize(actor, 'admin');
    const chain = await citiesWithTheaters(c.var.deps);
    const done = c.req.query('done');
    const notice =
      done === 'theater' ? 'The theater is added.' : done === 'city' ? 'The city is added.' : undefined;
    return noStore(
      render(
        c,
        'Theaters',
        <TheatersPage
          chain={chain}
          form={forms.theater ?? empty}
          cityForm={forms.city ?? empty}
          notice={notice}
        />,
        { status },
      ),
    );
  };

  app.post('/admin/cities', async (c) => {
    const actor = requireRole(c, 'admin');
    const body = await c.req.parseBody();
    const names = ['name', 'id', 'timeZone', 'currency', 'locale', 'fee', 'taxRate', 'taxName'];
    const values = Object.fromEntries(names.map((n) => [n, text(body[n])]));
    const parsed = citySchema.safeParse(body);
    if (!parsed.success) {
      return theatersPage(c, actor, { city: { values, errors: fieldErrors(parsed.error) } }, 400);
    }
    try {
      await addCity(c.var.deps, actor, parsed.data);
    } catch (error) {
      if (!AppError.match(error, 'conflict')) throw error;
      return theatersPage(c, actor, { city: { values, errors: error.fields } }, 409);
    }
    return c.redirect('/admin/theaters?done=city', 303);
  });

  app.get('/admin/theaters', (c) => theatersPage(c, requireRole(c, 'admin')));

  app.post('/admin/theaters', async (c) => {
    const actor = requireRole(c, 'admin');
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      ['name', 'id', 'cityId', 'address', 'timeZone'].map((n) => [n, text(body[n])]),
    );
    const parsed = theaterSchema.safeParse(body);
    if (!parsed.success)
      return theatersPage(c, actor, { theater: { values, errors: fieldErrors(parsed.error) } }, 400);
    try {
      await addTheater(c.var.deps, actor, parsed.data);
    } catch (error) {
      if (AppError.match(error, 'bad_request') || AppError.match(error, 'conflict')) {
        return theatersPage(
          c,
          actor,
          { theater: { values, errors: error.fields } },
          statusFor(error) as 400 | 409,
        );
      }
      throw error;
    }
    return c.redirect('/admin/theaters?done=theater', 303);
  });

  app.post('/admin/roles', async (c) => {
    const actor = requireRole(c, 'admin');
    const body = await c.req.parseBody({ all: true });
    const values = { email: text(body.email), role: text(body.role) };
    const chosen = [body.theaters ?? []].flat().filter((v): v is string => typeof v === 'string');
    const parsed = roleSchema.safeParse(body);
    if (!parsed.success)
      return adminPage(c, actor, { values, chosen, errors: fieldErrors(parsed.error), status: 400 });
    try {
      await changeRole(c.var.deps, actor, { ...parsed.data, theaterIds: parsed.data.theaters });
    } catch (error) {
      if (AppError.match(error, 'bad_request')) {
        return adminPage(c, actor, { values, chosen, errors: error.fields, status: 400 });
      }
      throw error;
    }
    return c.redirect('/admin?done=role', 303);
  });

  return app;
}
