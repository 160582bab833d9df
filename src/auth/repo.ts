import { BatchWriteCommand, DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db/client';
import { keys, SCHEMA_VERSION, TTL_ATTRIBUTE } from '../platform/db/keys';
import {
  batchGetStored,
  fromItem,
  getItem,
  type ItemKey,
  isConditionFailure,
  queryAll,
} from '../platform/db/query';
import type { Session, User } from './model';

/*
 * Sessions and the user a session stands for: one function per access pattern (docs/data-model.md), each
 * with its condition beside it. The accounts feature writes users; this layer only reads them.
 */

const epochSeconds = (iso: string) => Math.ceil(Date.parse(iso) / 1000);

/** GetItem pk = USER#id. */
export async function getUser(db: Db, userId: string): Promise<User | undefined> {
  return getItem<User>(db, { pk: keys.user(userId), sk: keys.userMeta() });
}

/** PutItem SESSION#id, conditioned on the id being new; indexed by user for "sign out everywhere". */
export async function putSession(db: Db, session: Session): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        pk: keys.session(session.id),
        sk: keys.sessionMeta(),
        gsi1pk: keys.userSessions(session.userId),
        gsi1sk: session.createdAt,
        entity: 'Session',
        v: SCHEMA_VERSION,
        [TTL_ATTRIBUTE]: epochSeconds(session.expiresAt),
        ...session,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** GetItem SESSION#id, strongly consistent so a session is usable the moment it is created. */
export async function getSession(db: Db, sessionId: string): Promise<Session | undefined> {
  return getItem<Session>(db, { pk: keys.session(sessionId), sk: keys.sessionMeta() }, { consistent: true });
}

/**
 * One BatchGetItem, strongly consistent: SESSION#id and USER#userId together, for a session whose id
 * names its user. Either may be missing; the caller checks the session is that user's. `also`: more keys
 * read in the same request, their items handed back as stored (`also`), for the caller to give out only
 * once the session validates.
 */
export async function getSessionAndUser(
  db: Db,
  sessionId: string,
  userId: string,
  also: readonly ItemKey[] = [],
): Promise<{ session: Session | undefined; user: User | undefined; also: Record<string, unknown>[] }> {
  const sessionKey = { pk: keys.session(sessionId), sk: keys.sessionMeta() };
  const userKey = { pk: keys.user(userId), sk: keys.userMeta() };
  const items = await batchGetStored(db, [sessionKey, userKey, ...also], { consistent: true });
  const is = (item: Record<string, unknown>, key: ItemKey) => item.pk === key.pk && item.sk === key.sk;
  const session = items.find((item) => is(item, sessionKey));
  const user = items.find((item) => is(item, userKey));
  return {
    session: session && fromItem<Session>(session),
    user: user && fromItem<User>(user),
    also: items.filter((item) => item !== session && item !== user),
  };
}

/** UpdateItem SESSION#id: slides the expiry, only while the session still exists. */
export async function touchSession(
  db: Db,
  sessionId: string,
  lastVerifiedAt: string,
  expiresAt: string,
): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: keys.session(sessionId), sk: keys.sessionMeta() },
        UpdateExpression: 'SET lastVerifiedAt = :last, expiresAt = :expires, #ttl = :ttl',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':last': lastVerifiedAt,
          ':expires': expiresAt,
          ':ttl': epochSeconds(expiresAt),
        },
      }),
    );
  } catch (error) {
    // Signed out elsewhere in the meantime: nothing to slide.
    if (!isConditionFailure(error)) throw error;
  }
}

/** DeleteItem SESSION#id. */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.doc.send(
    new DeleteCommand({ TableName: db.table, Key: { pk: keys.session(sessionId), sk: keys.sessionMeta() } }),
  );
}

/** Query gsi1 USER#id#SESSIONS, then delete each in batches of 25. */
export async function deleteUserSessions(db: Db, userId: string, keep?: string): Promise<number> {
  const items = await queryAll<Record<string, unknown>>(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.userSessions(userId) },
    ProjectionExpression: 'pk, sk, id',
  });
  const doomed = items.filter((item) => item.id !== keep);
  for (let i = 0; i < doomed.length; i += 25) {
    let requests = doomed
      .slice(i, i + 25)
      .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
    for (let attempt = 0; requests.length > 0 && attempt < 8; attempt++) {
      const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: requests } }));
      requests = (result.UnprocessedItems?.[db.table] ?? []) as typeof requests;
    }
  }
  return doomed.length;
}
