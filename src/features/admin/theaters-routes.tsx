import { type Context, Hono } from 'hono';
import { requireRole } from '../../auth/guards';
import type { SessionUser } from '../../auth/model';
import { AppError } from '../../platform/errors';
import { minorDigits } from '../../platform/money';
import { statusFor } from '../../web/error-pages';
import { type FormValues, fieldErrors } from '../../web/forms';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { cityToEdit, editCity, editTheater, theaterToEdit } from '../catalog/back-office';
import type { City, Theater } from '../catalog/model';
import { citySchema, theaterEditSchema } from './catalog-forms';
import { paymentFields, theaterPaymentSchema, theaterPaymentValues } from './theater-payment-form';
import { CityEditPage, TheaterEditPage } from './views/catalog-edit-pages';
import type { TheaterForm } from './views/theaters-page';

/*
 * Editing a theater or a city (admins): the form starts from what is stored, saves on condition that
 * nothing changed meanwhile, and comes back with "saved" or with the errors beside the fields.
 */

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 300) : undefined);
const pick = (body: Record<string, unknown>, names: string[]): FormValues =>
  Object.fromEntries(names.map((name) => [name, text(body[name])]));

const theaterValues = (theater: Theater): FormValues => ({
  name: theater.name,
  address: theater.address,
  timeZone: theater.timeZone,
  cleaningGapMinutes: theater.cleaningGapMinutes?.toString(),
  ...theaterPaymentValues(theater),
});

const cityValues = (city: City): FormValues => {
  const digits = minorDigits(city.currency);
  return {
    name: city.name,
    timeZone: city.timeZone,
    locale: city.locale,
    fee: city.fees ? (city.fees.perTicket / 10 ** digits).toFixed(digits) : '',
    taxRate: city.fees ? String(city.fees.taxBasisPoints / 100) : '',
    taxName: city.fees?.taxName ?? '',
  };
};

type Status = 200 | 400 | 409;

export function theaterEditRoutes() {
  const app = new Hono();
  const cacheSeconds = (c: Context) => Math.round(c.var.deps.config.catalogCacheMs / 1000);

  const theaterPage = async (
    c: Context,
    actor: SessionUser,
    id: string,
    form?: TheaterForm,
    status: Status = 200,
    alert?: string,
  ) => {
    const { theater, city } = await theaterToEdit(c.var.deps, actor, id);
    return noStore(
      render(
        c,
        `Edit ${theater.name}`,
        <TheaterEditPage
          theater={theater}
          city={city}
          form={form ?? { values: theaterValues(theater), errors: {} }}
          notice={c.req.query('done') === 'saved' ? 'The theater is saved.' : undefined}
          cacheSeconds={cacheSeconds(c)}
          alert={alert}
        />,
        { status },
      ),
    );
  };

  app.get('/admin/theaters/:id', (c) => theaterPage(c, requireRole(c, 'admin'), c.req.param('id')));

  app.post('/admin/theaters/:id', async (c) => {
    const actor = requireRole(c, 'admin');
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const payment = paymentFields(body);
    const values = {
      ...pick(body, ['name', 'address', 'timeZone', 'cleaningGapMinutes']),
      ...payment.values,
    };
    const parsed = theaterEditSchema.safeParse({
      ...values,
      cleaningGapMinutes: values.cleaningGapMinutes ?? '',
    });
    // A form without these fields (opened before they existed) leaves them as they are.
    const withPayments = body.paymentSettings === 'on';
    const paying = withPayments
      ? theaterPaymentSchema.safeParse(payment.input)
      : ({ success: true, data: {} } as const);
    if (!parsed.success || !paying.success) {
      const errors = {
        ...(parsed.success ? {} : fieldErrors(parsed.error)),
        ...(paying.success ? {} : fieldErrors(paying.error)),
      };
      return theaterPage(c, actor, id, { values, errors }, 400);
    }
    try {
      await editTheater(c.var.deps, actor, id, { ...parsed.data, ...paying.data });
    } catch (error) {
      // Changed meanwhile: the form starts again from what is saved now, with the reason on top.
      if (AppError.match(error, 'conflict')) return theaterPage(c, actor, id, undefined, 409, error.message);
      throw error;
    }
    return c.redirect(`/admin/theaters/${id}?done=saved`, 303);
  });

  const cityPage = async (
    c: Context,
    actor: SessionUser,
    id: string,
    form?: TheaterForm,
    status: Status = 200,
    alert?: string,
  ) => {
    const city = await cityToEdit(c.var.deps, actor, id);
    return noStore(
      render(
        c,
        `Edit ${city.name}`,
        <CityEditPage
          city={city}
          form={form ?? { values: cityValues(city), errors: {} }}
          notice={c.req.query('done') === 'saved' ? 'The city is saved.' : undefined}
          cacheSeconds={cacheSeconds(c)}
          alert={alert}
        />,
        { status },
      ),
    );
  };

  app.get('/admin/cities/:id', (c) => cityPage(c, requireRole(c, 'admin'), c.req.param('id')));

  app.post('/admin/cities/:id', async (c) => {
    const actor = requireRole(c, 'admin');
    const id = c.req.param('id');
    const stored = await cityToEdit(c.var.deps, actor, id);
    const body = await c.req.parseBody();
    const values = pick(body, ['name', 'timeZone', 'locale', 'fee', 'taxRate', 'taxName']);
    const parsed = citySchema.safeParse({ ...values, id, currency: stored.currency });
    if (!parsed.success) return cityPage(c, actor, id, { values, errors: fieldErrors(parsed.error) }, 400);
    try {
      await editCity(c.var.deps, actor, parsed.data);
    } catch (error) {
      if (AppError.match(error, 'bad_request')) {
        return cityPage(c, actor, id, { values, errors: error.fields }, statusFor(error) as Status);
      }
      if (AppError.match(error, 'conflict')) return cityPage(c, actor, id, undefined, 409, error.message);
      throw error;
    }
    return c.redirect(`/admin/cities/${id}?done=saved`, 303);
  });

  return app;
}
