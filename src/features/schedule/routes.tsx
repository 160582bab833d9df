import { type Context, Hono } from 'hono';
import { requireRole } from '../../auth/guards';
import type { SessionUser } from '../../auth/model';
import { AppError } from '../../platform/errors';
import { addDays, localDate } from '../../platform/time';
import { type FormValues, fieldErrors } from '../../web/forms';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { addPriceCard, editPriceCard, priceCardOf } from '../catalog/price-cards';
import { BATCH_FIELDS, batchSchema, majorUnits, priceCardSchema, priceField } from './forms';
import * as schedule from './service';
import type { BatchFormState } from './views/batch-form';
import type { CardForm } from './views/price-card-form';
import { EditPriceCardPage, PriceCardsPage } from './views/price-cards-page';
import { SchedulePage } from './views/schedule-page';

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 300) : undefined);
const texts = (value: unknown) => [value ?? []].flat().filter((v): v is string => typeof v === 'string');

const cardNotices: Record<string, string> = {
  added: 'The price card is added.',
  saved: 'The price card is saved.',
};

/** The back office's scheduling: price cards, and showtimes previewed and created in batches. */
export function scheduleRoutes() {
  const app = new Hono();

  const schedulePage = async (
    c: Context,
    actor: SessionUser,
    theaterId: string | undefined,
    form: (page: schedule.SchedulePage) => BatchFormState,
    status: 200 | 400 = 200,
  ) => {
    const page = await schedule.schedulePage(c.var.deps, actor, { theaterId, from: c.req.query('from') });
    const cacheSeconds = c.var.deps.config.catalogCacheMs / 1000;
    return noStore(
      render(c, 'Showtimes', <SchedulePage page={page} form={form(page)} cacheSeconds={cacheSeconds} />, {
        status,
      }),
    );
  };

  app.get('/admin/showtimes', (c) =>
    schedulePage(c, requireRole(c, 'manager', 'admin'), c.req.query('theater'), (page) => {
      // A first form offers the coming week, every day, in 2D.
      const today = localDate(c.var.deps.clock.now(), page.setup.theater.timeZone);
      return {
        values: { from: today, to: addDays(today, 6), format: '2D' },
        weekdays: ['1', '2', '3', '4', '5', '6', '7'],
        errors: {},
      };
    }),
  );

  app.post('/admin/showtimes', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const body = await c.req.parseBody({ all: true });
    const values: FormValues = Object.fromEntries(BATCH_FIELDS.map((name) => [name, text(body[name])]));
    const weekdays = texts(body.weekdays);
    const theaterId = text(body.theater);
    const parsed = batchSchema.safeParse(body);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return schedulePage(c, actor, theaterId, () => ({ values, weekdays, errors }), 400);
    }
    const { action, ...request } = parsed.data;
    try {
      const result =
        action === 'create'
          ? await schedule.createBatch(c.var.deps, actor, request)
          : await schedule.previewBatch(c.var.deps, actor, request);
      // The result is shown rather than redirected to: sent again, the same batch makes nothing twice.
      return schedulePage(c, actor, theaterId, () => ({
        values,
        weekdays,
        errors: {},
        outcome: { result, mode: action },
      }));
    } catch (error) {
      if (!AppError.match(error, 'bad_request')) throw error;
      const message = Object.keys(error.fields).length > 0 ? undefined : error.message;
      return schedulePage(
        c,
        actor,
        theaterId,
        () => ({ values, weekdays, errors: error.fields, message }),
        400,
      );
    }
  });

  const cardsPage = async (
    c: Context,
    actor: SessionUser,
    theaterId: string | undefined,
    form: CardForm = { values: {}, errors: {} },
    status: 200 | 400 | 409 = 200,
  ) => {
    const { theaters, setup } = await schedule.priceCardsPage(c.var.deps, actor, theaterId);
    const notice = cardNotices[c.req.query('done') ?? ''];
    return noStore(
      render(
        c,
        'Price cards',
        <PriceCardsPage theaters={theaters} setup={setup} form={form} notice={notice} />,
        {
          status,
        },
      ),
    );
  };

  app.get('/admin/price-cards', (c) =>
    cardsPage(c, requireRole(c, 'manager', 'admin'), c.req.query('theater')),
  );

  app.post('/admin/price-cards', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const body = await c.req.parseBody();
    const theaterId = text(body.theater);
    if (!theaterId) throw new AppError('bad_request', 'Choose a theater for the price card.');
    const { setup } = await schedule.priceCardsPage(c.var.deps, actor, theaterId);
    const values = cardValues(body, setup.categories);
    const parsed = priceCardSchema(setup.categories, setup.city.currency).safeParse(body);
    if (!parsed.success)
      return cardsPage(c, actor, theaterId, { values, errors: fieldErrors(parsed.error) }, 400);
    try {
      await addPriceCard(c.var.deps, actor, { theaterId, ...parsed.data });
    } catch (error) {
      if (!AppError.match(error, 'conflict') && !AppError.match(error, 'bad_request')) throw error;
      return cardsPage(
        c,
        actor,
        theaterId,
        { values, errors: error.fields },
        error.code === 'conflict' ? 409 : 400,
      );
    }
    return c.redirect(`/admin/price-cards?theater=${encodeURIComponent(theaterId)}&done=added`, 303);
  });

  const editPage = async (
    c: Context,
    actor: SessionUser,
    form:
      | ((
          card: { name: string; prices: { category: string; amount: number }[] },
          currency: string,
        ) => CardForm)
      | CardForm,
    status: 200 | 400 | 409 = 200,
  ) => {
    const { card, setup } = await priceCardOf(
      c.var.deps,
      actor,
      c.req.param('theaterId') ?? '',
      c.req.param('cardId') ?? '',
    );
    const shown = typeof form === 'function' ? form(card, setup.city.currency) : form;
    return noStore(
      render(c, `Edit ${card.name}`, <EditPriceCardPage setup={setup} card={card} form={shown} />, {
        status,
      }),
    );
  };

  /** A card's form filled with what the card holds now. */
  const filled = (
    card: { name: string; prices: { category: string; amount: number }[] },
    currency: string,
    message?: string,
  ): CardForm => ({
    values: {
      name: card.name,
      ...Object.fromEntries(
        card.prices.map((price) => [priceField(price.category), majorUnits(price.amount, currency)]),
      ),
    },
    errors: {},
    message,
  });

  app.get('/admin/price-cards/:theaterId/:cardId', (c) =>
    editPage(c, requireRole(c, 'manager', 'admin'), (card, currency) => filled(card, currency)),
  );

  app.post('/admin/price-cards/:theaterId/:cardId', async (c) => {
    const actor = requireRole(c, 'manager', 'admin');
    const theaterId = c.req.param('theaterId');
    const id = c.req.param('cardId');
    const body = await c.req.parseBody();
    const { setup } = await priceCardOf(c.var.deps, actor, theaterId, id);
    const values = cardValues(body, setup.categories);
    const parsed = priceCardSchema(setup.categories, setup.city.currency).safeParse(body);
    if (!parsed.success) return editPage(c, actor, { values, errors: fieldErrors(parsed.error) }, 400);
    try {
      await editPriceCard(c.var.deps, actor, { theaterId, id, ...parsed.data });
    } catch (error) {
      if (AppError.match(error, 'bad_request'))
        return editPage(c, actor, { values, errors: error.fields }, 400);
      if (!AppError.match(error, 'conflict')) throw error;
      const message = error.message;
      return editPage(c, actor, (card, currency) => filled(card, currency, message), 409);
    }
    return c.redirect(`/admin/price-cards?theater=${encodeURIComponent(theaterId)}&done=saved`, 303);
  });

  return app;
}

function cardValues(body: Record<string, unknown>, categories: { id: string }[]): FormValues {
  return {
    name: text(body.name),
    ...Object.fromEntries(
      categories.map((category) => [priceField(category.id), text(body[priceField(category.id)])]),
    ),
  };
}
