import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { unchangedSince } from '../../platform/db/conditions';
import { keys, SCHEMA_VERSION } from '../../platform/db/keys';
import { fromItem, getItem, queryAll } from '../../platform/db/query';
import type { auditPut } from '../audit/repo';
import type { City, Movie, PriceCard, Screen, ScreenVersion, Showtime, Theater } from './model';

/*
 * One function per access pattern (docs/data-model.md). Each item carries `entity` and `v`.
 */

type Item = Record<string, unknown>;

export function cityItem(city: City): Item {
  return { pk: keys.cityList(), sk: keys.city(city.id), entity: 'City', v: SCHEMA_VERSION, ...city };
}

export function theaterItem(theater: Theater): Item {
  return {
    pk: keys.theater(theater.id),
    sk: keys.theaterMeta(),
    gsi1pk: keys.city(theater.cityId),
    gsi1sk: keys.theater(theater.id),
    entity: 'Theater',
    v: SCHEMA_VERSION,
    ...theater,
  };
}

export function screenItem(screen: Screen): Item {
  return {
    pk: keys.theater(screen.theaterId),
    sk: keys.screen(screen.id),
    entity: 'Screen',
    v: SCHEMA_VERSION,
    ...screen,
  };
}

export function screenVersionItem(kept: ScreenVersion): Item {
  return {
    pk: keys.screenVersions(kept.theaterId, kept.screenId),
    sk: keys.screenVersion(kept.version),
    entity: 'ScreenVersion',
    v: SCHEMA_VERSION,
    ...kept,
  };
}

export function movieItem(movie: Movie): Item {
  return {
    pk: keys.movie(movie.id),
    sk: keys.movieMeta(),
    gsi1pk: keys.movieList(),
    gsi1sk: keys.movie(movie.id),
    entity: 'Movie',
    v: SCHEMA_VERSION,
    ...movie,
  };
}

export function showtimeItem(show: Showtime): Item {
  return {
    pk: keys.show(show.id),
    sk: keys.showMeta(),
    gsi1pk: keys.movie(show.movieId),
    gsi1sk: keys.showByStart(show.startsAt, show.id),
    gsi2pk: keys.theater(show.theaterId),
    gsi2sk: keys.showByStart(show.startsAt, show.id),
    entity: 'Showtime',
    v: SCHEMA_VERSION,
    ...show,
  };
}

export function priceCardItem(card: PriceCard): Item {
  return {
    pk: keys.theater(card.theaterId),
    sk: keys.priceCard(card.id),
    entity: 'PriceCard',
    v: SCHEMA_VERSION,
    ...card,
  };
}

/**
 * The Put that creates a showtime, for a transaction that writes it with more (its audit entry, its
 * screen's schedule): conditioned on no showtime with that id, so a repeated create makes no twin.
 */
export function showtimePut(db: Db, show: Showtime) {
  return {
    Put: { TableName: db.table, Item: showtimeItem(show), ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** Cities: Query pk = CITIES. */
export async function listCities(db: Db): Promise<City[]> {
  const items = await queryAll<Item>(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.cityList() },
  });
  return items.map((item) => fromItem<City>(item));
}

/** One city: GetItem pk = CITIES, sk = CITY#id. */
export async function getCity(db: Db, cityId: string, consistent = false): Promise<City | undefined> {
  return getItem<City>(db, { pk: keys.cityList(), sk: keys.city(cityId) }, { consistent });
}

/** A city's theaters: Query gsi1 where gsi1pk = CITY#id and gsi1sk begins with THEATER#. */
export async function listTheatersInCity(db: Db, cityId: string): Promise<Theater[]> {
  const items = await queryAll<Item>(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk and begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.city(cityId), ':prefix': keys.theater('') },
  });
  return items.map((item) => fromItem<Theater>(item));
}

/** A theater with its screens in one round trip: Query pk = THEATER#id. */
export async function getTheaterWithScreens(
  db: Db,
  theaterId: string,
): Promise<{ theater: Theater; screens: Screen[] } | undefined> {
  const items = await queryAll<Item>(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.theater(theaterId) },
  });
  const theater = items.find((item) => item.entity === 'Theater');
  if (!theater) return undefined;
  const screens = items.filter((item) => item.entity === 'Screen').map((item) => fromItem<Screen>(item));
  return { theater: fromItem<Theater>(theater), screens };
}

/** One screen as stored now, strongly consistent (the back office edits from it): GetItem THEATER#id / SCREEN#id. */
export async function getScreen(db: Db, theaterId: string, screenId: string): Promise<Screen | undefined> {
  return getItem<Screen>(
    db,
    { pk: keys.theater(theaterId), sk: keys.screen(screenId) },
    { consistent: true },
  );
}

/** An earlier layout of a screen: GetItem THEATER#t#SCREEN#s / V#version. Versions never change once written. */
export async function getScreenVersion(
  db: Db,
  theaterId: string,
  screenId: string,
  version: number,
): Promise<ScreenVersion | undefined> {
  return getItem<ScreenVersion>(db, {
    pk: keys.screenVersions(theaterId, screenId),
    sk: keys.screenVersion(version),
  });
}

/** Every earlier layout of a screen, oldest first: Query pk = THEATER#t#SCREEN#s. */
export async function listScreenVersions(
  db: Db,
  theaterId: string,
  screenId: string,
): Promise<ScreenVersion[]> {
  const items = await queryAll<Item>(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.screenVersions(theaterId, screenId) },
  });
  return items.map((item) => fromItem<ScreenVersion>(item));
}

/** All movies: Query gsi1 where gsi1pk = MOVIES. */
export async function listMovies(db: Db): Promise<Movie[]> {
  const items = await queryAll<Item>(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.movieList() },
  });
  return items.map((item) => fromItem<Movie>(item));
}

/** One movie: GetItem pk = MOVIE#id, sk = MOVIE. */
export async function getMovie(db: Db, movieId: string): Promise<Movie | undefined> {
  return getItem<Movie>(db, { pk: keys.movie(movieId), sk: keys.movieMeta() });
}

/** A movie's showtimes starting in [from, to): Query gsi1 where gsi1pk = MOVIE#id, gsi1sk between. */
export async function listShowtimesForMovie(
  db: Db,
  movieId: string,
  from: string,
  to: string,
): Promise<Showtime[]> {
  const items = await queryAll<Item>(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk and gsi1sk between :from and :to',
    ExpressionAttributeValues: { ':pk': keys.movie(movieId), ':from': from, ':to': to },
  });
  return items.map((item) => fromItem<Showtime>(item));
}

/** A theater's showtimes starting in [from, to): Query gsi2 where gsi2pk = THEATER#id, gsi2sk between. */
export async function listShowtimesForTheater(
  db: Db,
  theaterId: string,
  from: string,
  to: string,
): Promise<Showtime[]> {
  const items = await queryAll<Item>(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk and gsi2sk between :from and :to',
    ExpressionAttributeValues: { ':pk': keys.theater(theaterId), ':from': from, ':to': to },
  });
  return items.map((item) => fromItem<Showtime>(item));
}

/**
 * Every showtime of a theater, past ones too: Query gsi2 where gsi2pk = THEATER#id. What the catalogue
 * export reads; a Query per theater on the index the listings already use, where a Scan would read the
 * whole table (bookings, seats, sessions) to keep a few items.
 */
export async function listAllShowtimesForTheater(db: Db, theaterId: string): Promise<Showtime[]> {
  const items = await queryAll<Item>(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.theater(theaterId) },
  });
  return items.map((item) => fromItem<Showtime>(item));
}

/** A theater's price cards: Query pk = THEATER#id and begins_with(sk, PRICECARD#), strongly consistent. */
export async function listPriceCards(db: Db, theaterId: string): Promise<PriceCard[]> {
  const items = await queryAll<Item>(db, {
    KeyConditionExpression: 'pk = :pk and begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.theater(theaterId), ':prefix': keys.priceCard('') },
    ConsistentRead: true,
  });
  return items.map((item) => fromItem<PriceCard>(item));
}

/** One showtime: GetItem pk = SHOW#id, sk = SHOW (strongly consistent when asked). */
export async function getShowtime(db: Db, showId: string, consistent = false): Promise<Showtime | undefined> {
  return getItem<Showtime>(db, { pk: keys.show(showId), sk: keys.showMeta() }, { consistent });
}

/** Writes catalogue items in batches of 25, retrying what DynamoDB leaves unprocessed. Idempotent puts. */
export async function putCatalogItems(db: Db, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept items unprocessed after 8 retries');
      const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: requests } }));
      requests = (result.UnprocessedItems?.[db.table] ?? []) as typeof requests;
      if (requests.length > 0) await new Promise((wake) => setTimeout(wake, 50 * 2 ** attempt));
    }
  }
}

/** Whether the demo catalogue was loaded: GetItem pk = META, sk = DEMO. */
export async function getDemoMarker(db: Db): Promise<{ loadedAt: string } | undefined> {
  const marker = await getItem<{ loadedAt: string }>(db, { pk: keys.meta(), sk: keys.demoMarker() });
  return marker ? { loadedAt: marker.loadedAt } : undefined;
}

export async function putDemoMarker(db: Db, loadedAt: string): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { pk: keys.meta(), sk: keys.demoMarker(), entity: 'DemoMarker', v: SCHEMA_VERSION, loadedAt },
    }),
  );
}

/** A create refused because an item with that id exists already. */
export class AlreadyExistsError extends Error {
  override name = 'AlreadyExistsError';
}

/** A conditional Put and the audit entry of the change, in one transaction; false when the condition failed. */
async function putWithAudit(
  db: Db,
  put: {
    Item: Item;
    ConditionExpression: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Item;
  },
  audit: ReturnType<typeof auditPut>,
): Promise<boolean> {
  try {
    await db.doc.send(
      new TransactWriteCommand({ TransactItems: [{ Put: { TableName: db.table, ...put } }, audit] }),
    );
    return true;
  } catch (error) {
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    ) {
      return false;
    }
    throw error;
  }
}

/**
 * Creates one catalogue item (a city, a theater, a price card) from the back office, with its audit entry,
 * in one transaction: the Put is conditioned on no item with that key, so two admins adding the same id
 * cannot overwrite each other. Throws AlreadyExistsError when it exists.
 */
export async function createCatalogItem(
  db: Db,
  item: Item,
  audit: ReturnType<typeof auditPut>,
): Promise<void> {
  if (!(await putWithAudit(db, { Item: item, ConditionExpression: 'attribute_not_exists(pk)' }, audit)))
    throw new AlreadyExistsError(String(item.sk));
}

/** A change refused because the item is not what it was when read: someone changed it meanwhile. */
export class ChangedMeanwhileError extends Error {
  override name = 'ChangedMeanwhileError';
}

/**
/**
 * Replaces one catalogue item (a city, a theater) edited in the back office, with its audit entry, in one
 * transaction, on condition that the stored item still has every value of `before`: two admins editing at
 * once cannot silently undo each other. Throws ChangedMeanwhileError when it changed or is gone.
 */
export async function replaceCatalogItem(
  db: Db,
  item: Item,
  before: Record<string, unknown>,
  audit: ReturnType<typeof auditPut>,
): Promise<void> {
  if (!(await putWithAudit(db, { Item: item, ...unchangedSince(before, ['id']) }, audit)))
    throw new ChangedMeanwhileError(String(item.sk));
}

/**
 * Replaces a price card's name and prices, with its audit entry, in one transaction: conditioned on the
 * card still holding what the editor was shown (`before`), so two edits at once cannot both pass and the
 * entry's "before" is what was replaced. Throws ChangedMeanwhileError otherwise.
 */
export async function replacePriceCard(
  db: Db,
  before: PriceCard,
  card: PriceCard,
  audit: ReturnType<typeof auditPut>,
): Promise<void> {
  const put = {
    Item: priceCardItem(card),
    ConditionExpression: 'attribute_exists(pk) AND #name = :name AND prices = :prices',
    ExpressionAttributeNames: { '#name': 'name' },
    ExpressionAttributeValues: { ':name': before.name, ':prices': before.prices },
  };
  if (!(await putWithAudit(db, put, audit))) throw new ChangedMeanwhileError(card.id);
}

/** One theater without its screens: GetItem pk = THEATER#id, sk = THEATER, strongly consistent. */
export async function getTheater(db: Db, theaterId: string): Promise<Theater | undefined> {
  return getItem<Theater>(db, { pk: keys.theater(theaterId), sk: keys.theaterMeta() }, { consistent: true });
}
