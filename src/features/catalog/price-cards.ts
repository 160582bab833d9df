import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { formatMoney } from '../../platform/money';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import { theaterSetup } from './back-office-reads';
import type { CategoryPrice, PriceCard } from './model';
import * as repo from './repo';

/*
 * A theater's price cards: named prices per seat category ("Weekday matinee") that its managers pick
 * when they schedule showtimes. A showtime copies the card's prices, so editing a card changes what
 * later showtimes cost, never what earlier ones do. Each write is conditional and audited.
 */

type CardDeps = Pick<Deps, 'db' | 'clock' | 'cache'>;

export type PriceCardInput = { theaterId: string; name: string; prices: CategoryPrice[] };

/**
 * "Weekend evening" at grand-cinema → "grand-cinema-weekend-evening": unique across theaters, as screen
 * ids are, so a catalogue file can name a card by its id alone. A random word stands in for a name with no
 * Latin letters or digits.
 */
function cardId(theaterId: string, name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${theaterId}-${slug || `card-${crypto.randomUUID().slice(0, 8)}`}`.slice(0, 100).replace(/-+$/, '');
}

/** The prices in the order of the theater's categories, refused beside their field when not theirs. */
function checkedPrices(prices: CategoryPrice[], categories: { id: string }[]): CategoryPrice[] {
  const known = categories.map((category) => category.id);
  const unknown = prices.find((price) => !known.includes(price.category));
  if (unknown) {
    const message = 'This theater has no such seat category.';
    throw new AppError('bad_request', message, { [`price-${unknown.category}`]: message });
  }
  if (prices.length === 0) {
    const message = 'Enter a price for at least one seat category.';
    throw new AppError('bad_request', message, { prices: message });
  }
  return known.flatMap((id) => prices.filter((price) => price.category === id).slice(0, 1));
}

/** A card as the audit log shows it: its name and its prices as written on the page. */
const record = (card: PriceCard, currency: string) => ({
  name: card.name,
  prices: card.prices.map((price) => `${price.category} ${formatMoney({ amount: price.amount, currency })}`),
});

/** Adds a price card to a theater, for its managers and admins. A name like an existing card's is refused. */
export async function addPriceCard(
  d: CardDeps,
  actor: SessionUser,
  input: PriceCardInput,
): Promise<PriceCard> {
  const setup = await theaterSetup(d, actor, input.theaterId);
  const card: PriceCard = {
    id: cardId(input.theaterId, input.name),
    theaterId: input.theaterId,
    name: input.name,
    prices: checkedPrices(input.prices, setup.categories),
  };
  const entry = auditEntry(d, actor, {
    action: 'created price card',
    target: { kind: 'price card', id: card.id, label: `${card.name}, ${setup.theater.name}` },
    theaterId: card.theaterId,
    after: record(card, setup.city.currency),
  });
  try {
    await repo.createCatalogItem(d.db, repo.priceCardItem(card), auditPut(d.db, entry));
  } catch (error) {
    if (!(error instanceof repo.AlreadyExistsError)) throw error;
    const message = 'This theater has a price card with that name already. Choose another name.';
    throw new AppError('conflict', message, { name: message });
  }
  return card;
}

/**
 * Renames a card or changes its prices. Showtimes already scheduled keep the prices they copied. Refused
 * with `conflict` when someone else saved the card after it was read.
 */
export async function editPriceCard(
  d: CardDeps,
  actor: SessionUser,
  input: PriceCardInput & { id: string },
): Promise<PriceCard> {
  const setup = await theaterSetup(d, actor, input.theaterId);
  const before = setup.priceCards.find((card) => card.id === input.id);
  if (!before) throw new AppError('not_found', 'We could not find that price card.');
  const card: PriceCard = {
    ...before,
    name: input.name,
    prices: checkedPrices(input.prices, setup.categories),
  };
  const currency = setup.city.currency;
  if (JSON.stringify(record(card, currency)) === JSON.stringify(record(before, currency))) return card;
  const entry = auditEntry(d, actor, {
    action: 'changed price card',
    target: { kind: 'price card', id: card.id, label: `${card.name}, ${setup.theater.name}` },
    theaterId: card.theaterId,
    before: record(before, currency),
    after: record(card, currency),
  });
  try {
    await repo.replacePriceCard(d.db, before, card, auditPut(d.db, entry));
  } catch (error) {
    if (!(error instanceof repo.ChangedMeanwhileError)) throw error;
    throw new AppError('conflict', 'Someone else saved this price card meanwhile. Here it is as it is now.');
  }
  return card;
}

/** One card of a theater, for its edit page. */
export async function priceCardOf(
  d: CardDeps,
  actor: SessionUser,
  theaterId: string,
  cardId: string,
): Promise<{ card: PriceCard; setup: Awaited<ReturnType<typeof theaterSetup>> }> {
  const setup = await theaterSetup(d, actor, theaterId);
  const card = setup.priceCards.find((candidate) => candidate.id === cardId);
  if (!card) throw new AppError('not_found', 'We could not find that price card.');
  return { card, setup };
}
