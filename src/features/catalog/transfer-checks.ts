import { CATALOGUE_LISTS, type CatalogueDocument, ITEM_NAMES } from './transfer-schema';

/*
 * What a catalogue file must agree with beyond the shape of each item: ids unique in their list, layouts
 * that use only their screen's categories, and references that resolve. A reference may name an item of
 * the file or one already in the table; where both hold the id, the file's version is the one that counts.
 */

/** One problem, named by its JSON path in the file, e.g. `showtimes[12].screenId`. */
export type CatalogueIssue = { path: string; message: string };

/** Finds an item by id in the file, else in the table. */
function lookup<T extends { id: string }>(fromFile: T[], fromTable: T[]): (id: string) => T | undefined {
  const byId = new Map([...fromTable, ...fromFile].map((item) => [item.id, item]));
  return (id) => byId.get(id);
}

/** Each id at most once per list: a second item with the same key would silently replace the first. */
export function checkDuplicates(doc: CatalogueDocument): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  for (const list of CATALOGUE_LISTS) {
    const first = new Map<string, number>();
    doc[list].forEach((item, index) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, index);
      else
        issues.push({
          path: `${list}[${index}].id`,
          message: `duplicate ${ITEM_NAMES[list]} id "${item.id}" (also ${list}[${earlier}])`,
        });
    });
  }
  return issues;
}

type FileLayout = Pick<CatalogueDocument['screens'][number], 'categories' | 'layout'>;

/** One layout's own rules: categories and rows unique, seats unique per row and of its categories. */
function layoutIssues(screen: FileLayout, at: string): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const categories = new Set<string>();
  screen.categories.forEach((category, c) => {
    if (categories.has(category.id))
      issues.push({ path: `${at}.categories[${c}].id`, message: `duplicate category "${category.id}"` });
    categories.add(category.id);
  });
  const labels = new Set<string>();
  screen.layout.rows.forEach((row, r) => {
    if (labels.has(row.label))
      issues.push({ path: `${at}.layout.rows[${r}].label`, message: `duplicate row "${row.label}"` });
    labels.add(row.label);
    const numbers = new Set<number>();
    row.items.forEach((item, i) => {
      if (item.type !== 'seat') return;
      const path = `${at}.layout.rows[${r}].items[${i}]`;
      if (numbers.has(item.number))
        issues.push({ path: `${path}.number`, message: `seat ${row.label}${item.number} appears twice` });
      numbers.add(item.number);
      if (!categories.has(item.category))
        issues.push({ path: `${path}.category`, message: `no category "${item.category}" on this screen` });
    });
  });
  if (!screen.layout.rows.some((row) => row.items.some((item) => item.type === 'seat')))
    issues.push({ path: `${at}.layout.rows`, message: 'a screen needs at least one seat' });
  return issues;
}

/**
 * Every layout of a screen (its own, and each earlier version it keeps) follows the layout rules, and the
 * earlier versions are each listed once and are earlier than the screen's own.
 */
export function checkLayouts(doc: CatalogueDocument): CatalogueIssue[] {
  return doc.screens.flatMap((screen, s) => {
    const at = `screens[${s}]`;
    const current = screen.version ?? 1;
    const seen = new Set<number>();
    const versions = (screen.versions ?? []).flatMap((kept, k) => {
      const path = `${at}.versions[${k}]`;
      const issues = layoutIssues(kept, path);
      if (kept.version >= current)
        issues.push({
          path: `${path}.version`,
          message: `must be earlier than the screen's version ${current}`,
        });
      if (seen.has(kept.version))
        issues.push({ path: `${path}.version`, message: `version ${kept.version} is listed twice` });
      seen.add(kept.version);
      return issues;
    });
    return [...layoutIssues(screen, at), ...versions];
  });
}

const missing = (kind: string, id: string) => `no ${kind} "${id}" in this file or the table`;

/**
 * Every reference resolves against the file or the table, and the showtime's theater, screen and city
 * agree with each other. A screen cannot move to another theater: its key is in its theater's partition.
 */
export function checkReferences(doc: CatalogueDocument, table: CatalogueDocument): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const city = lookup(doc.cities, table.cities);
  const theater = lookup(doc.theaters, table.theaters);
  const screen = lookup(doc.screens, table.screens);
  const movie = lookup(doc.movies, table.movies);

  doc.theaters.forEach((t, index) => {
    if (!city(t.cityId))
      issues.push({ path: `theaters[${index}].cityId`, message: missing('city', t.cityId) });
  });

  const stored = new Map(table.screens.map((s) => [s.id, s.theaterId]));
  doc.screens.forEach((s, index) => {
    const path = `screens[${index}].theaterId`;
    if (!theater(s.theaterId)) issues.push({ path, message: missing('theater', s.theaterId) });
    const before = stored.get(s.id);
    if (before !== undefined && before !== s.theaterId)
      issues.push({
        path,
        message: `screen "${s.id}" belongs to theater "${before}" in the table; a screen cannot move`,
      });
  });

  issues.push(...checkPriceCards(doc, table));
  const priceCard = lookup(doc.priceCards, table.priceCards);

  doc.showtimes.forEach((show, index) => {
    const at = `showtimes[${index}]`;
    const push = (field: string, message: string) => issues.push({ path: `${at}.${field}`, message });
    const m = movie(show.movieId);
    const t = theater(show.theaterId);
    const s = screen(show.screenId);
    const c = city(show.cityId);
    if (!m) push('movieId', missing('movie', show.movieId));
    else if (!m.languages.includes(show.language))
      push('language', `"${show.language}" is not one of the languages of movie "${m.id}"`);
    if (!t) push('theaterId', missing('theater', show.theaterId));
    else if (t.cityId !== show.cityId)
      push('cityId', `theater "${t.id}" is in city "${t.cityId}", not "${show.cityId}"`);
    if (!s) push('screenId', missing('screen', show.screenId));
    else if (s.theaterId !== show.theaterId)
      push('screenId', `screen "${s.id}" is in theater "${s.theaterId}", not "${show.theaterId}"`);
    if (!c) push('cityId', missing('city', show.cityId));
    else if (c.currency !== show.currency)
      push('currency', `city "${c.id}" sells in ${c.currency}, not ${show.currency}`);
    const sold = s && layoutOf(s, show.layoutVersion ?? 1);
    // A screen of the file must hold the version its showtimes sell from; one of the table is trusted.
    if (s && !sold && doc.screens.some((fileScreen) => fileScreen.id === s.id))
      push('layoutVersion', `screen "${s.id}" has no layout version ${show.layoutVersion ?? 1}`);
    if (s) issues.push(...checkPrices(show.prices, (sold ?? s).categories, at));
    const card = show.priceCardId === undefined ? undefined : priceCard(show.priceCardId);
    if (show.priceCardId !== undefined && !card) push('priceCardId', missing('price card', show.priceCardId));
    else if (card && card.theaterId !== show.theaterId)
      push(
        'priceCardId',
        `price card "${card.id}" is theater "${card.theaterId}"'s, not "${show.theaterId}"'s`,
      );
  });
  return issues;
}

/** A price card names a theater, and prices only seat categories that the theater's screens have. */
function checkPriceCards(doc: CatalogueDocument, table: CatalogueDocument): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const theater = lookup(doc.theaters, table.theaters);
  const screens = [...new Map([...table.screens, ...doc.screens].map((s) => [s.id, s])).values()];
  doc.priceCards.forEach((card, index) => {
    const at = `priceCards[${index}]`;
    if (!theater(card.theaterId)) {
      issues.push({ path: `${at}.theaterId`, message: missing('theater', card.theaterId) });
      return;
    }
    const categories = new Set(
      screens.filter((s) => s.theaterId === card.theaterId).flatMap((s) => s.categories.map((c) => c.id)),
    );
    const priced = new Set<string>();
    card.prices.forEach((price, p) => {
      const path = `${at}.prices[${p}].category`;
      if (!categories.has(price.category))
        issues.push({
          path,
          message: `no screen of theater "${card.theaterId}" has a category "${price.category}"`,
        });
      else if (priced.has(price.category))
        issues.push({ path, message: `"${price.category}" is priced twice` });
      priced.add(price.category);
    });
  });
  return issues;
}

/** The layout of `version` of a screen: its own, or one it keeps; undefined when it has neither. */
function layoutOf(screen: CatalogueDocument['screens'][number], version: number): FileLayout | undefined {
  if ((screen.version ?? 1) === version) return screen;
  return screen.versions?.find((kept) => kept.version === version);
}

/** One price for each seat category of the screen, and none for a category it does not have. */
function checkPrices(
  prices: { category: string }[],
  categories: { id: string }[],
  at: string,
): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const known = new Set(categories.map((category) => category.id));
  const priced = new Set<string>();
  prices.forEach((price, p) => {
    const path = `${at}.prices[${p}].category`;
    if (!known.has(price.category))
      issues.push({ path, message: `the screen has no category "${price.category}"` });
    else if (priced.has(price.category))
      issues.push({ path, message: `"${price.category}" is priced twice` });
    priced.add(price.category);
  });
  const unpriced = [...known].filter((id) => !priced.has(id));
  if (unpriced.length > 0)
    issues.push({
      path: `${at}.prices`,
      message: `no price for ${unpriced.map((id) => `"${id}"`).join(', ')}`,
    });
  return issues;
}
