import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION } from '../../platform/db/keys';
import { fromItem, getItem, queryAll } from '../../platform/db/query';
import type { auditPut } from '../audit/repo';
import type { Movie } from './model';
import { AlreadyExistsError, movieItem } from './repo';

/*
 * Films as the back office writes them, and the uploaded posters they point to (docs/data-model.md).
 * A poster is stored once per width, each image its own item far under DynamoDB's 400 KB, in a partition
 * named by the hash of its images: every process serves the same bytes, and a poster never changes
 * under its id.
 */

/** One width of an uploaded poster: WebP bytes, stored as a binary attribute. */
export type PosterImage = { posterId: string; width: number; height: number; webp: Uint8Array<ArrayBuffer> };

export function posterImageItem(image: PosterImage): Record<string, unknown> {
  return {
    pk: keys.poster(image.posterId),
    sk: keys.posterWidth(image.width),
    entity: 'PosterImage',
    v: SCHEMA_VERSION,
    ...image,
  };
}

/** One width of a poster: GetItem pk = POSTER#id, sk = WEBP#width. */
export async function getPosterImage(
  db: Db,
  posterId: string,
  width: number,
): Promise<PosterImage | undefined> {
  return getItem<PosterImage>(db, { pk: keys.poster(posterId), sk: keys.posterWidth(width) });
}

/** Every width of a poster, narrowest first: Query pk = POSTER#id. */
export async function listPosterImages(db: Db, posterId: string): Promise<PosterImage[]> {
  const items = await queryAll<Record<string, unknown>>(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.poster(posterId) },
  });
  return items.map((item) => fromItem<PosterImage>(item)).sort((a, b) => a.width - b.width);
}

/** A film write refused because the poster it names is not stored (an id from an old form). */
export class PosterMissingError extends Error {
  override name = 'PosterMissingError';
}

/** A film edit refused because the film is not in the table. */
export class FilmMissingError extends Error {
  override name = 'FilmMissingError';
}

export type FilmWrite = {
  movie: Movie;
  audit: ReturnType<typeof auditPut>;
  /** Poster images uploaded with this write: put in the same transaction (idempotent, content-named). */
  newImages: PosterImage[];
  /** A poster stored by an earlier attempt that the film now points to: one of its images must exist. */
  storedPoster?: { posterId: string; width: number } | undefined;
};

/**
 * Writes a film with its audit entry, new poster images and the check that a kept poster exists, in one
 * TransactWriteItems. `create` conditions the film's Put on no film with that id (attribute_not_exists);
 * `replace` on the film existing (attribute_exists). Throws AlreadyExistsError, FilmMissingError or
 * PosterMissingError when the matching condition fails.
 */
export async function writeFilm(db: Db, mode: 'create' | 'replace', write: FilmWrite): Promise<void> {
  const stored = write.storedPoster;
  const posterCheck = stored
    ? [
        {
          ConditionCheck: {
            TableName: db.table,
            Key: { pk: keys.poster(stored.posterId), sk: keys.posterWidth(stored.width) },
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ]
    : [];
  const condition = mode === 'create' ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)';
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: db.table, Item: movieItem(write.movie), ConditionExpression: condition } },
          write.audit,
          ...posterCheck,
          ...write.newImages.map((image) => ({ Put: { TableName: db.table, Item: posterImageItem(image) } })),
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') {
      throw mode === 'create' ? new AlreadyExistsError(write.movie.id) : new FilmMissingError(write.movie.id);
    }
    if (stored && reasons[2]?.Code === 'ConditionalCheckFailed')
      throw new PosterMissingError(stored.posterId);
    throw error;
  }
}

/** Stores a poster's images on their own, so a form that failed on other fields need not send it again. */
export async function putPosterImages(db: Db, images: PosterImage[]): Promise<void> {
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: images.map((image) => ({ Put: { TableName: db.table, Item: posterImageItem(image) } })),
    }),
  );
}
