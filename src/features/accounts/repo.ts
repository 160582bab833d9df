import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '../../auth/model';
import { getUser } from '../../auth/repo';
import type { Db } from '../../platform/db/client';
import { keys, SCHEMA_VERSION, TTL_ATTRIBUTE } from '../../platform/db/keys';
import { fromItem, getItem, isConditionFailure } from '../../platform/db/query';
import type { auditPut } from '../audit/repo';
import type { EmailToken, MobileCode } from './model';

/*
 * One function per access pattern (docs/data-model.md), each with its condition beside it.
 */

const epochSeconds = (iso: string) => Math.ceil(Date.parse(iso) / 1000);

export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
}

/**
 * Creates a user and claims its email in one transaction: both puts are conditioned on the item not
 * existing, so of any number of simultaneous sign-ups with one email exactly one succeeds.
 */
export async function createUser(db: Db, user: User): Promise<void> {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.table,
              Item: {
                pk: keys.email(user.email),
                sk: keys.emailMeta(),
                entity: 'EmailClaim',
                v: SCHEMA_VERSION,
                userId: user.id,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: db.table,
              Item: {
                pk: keys.user(user.id),
                sk: keys.userMeta(),
                entity: 'User',
                v: SCHEMA_VERSION,
                ...user,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    ) {
      throw new EmailTakenError(user.email);
    }
    throw error;
  }
}

/** GetItem pk = EMAIL#email, then the user it points to. Strongly consistent: sign-in right after sign-up works. */
export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const claim = await getItem<{ userId: string }>(
    db,
    { pk: keys.email(email), sk: keys.emailMeta() },
    { consistent: true },
  );
  return claim ? getUser(db, claim.userId) : undefined;
}

/** UpdateItem on USER#id, conditioned on the user existing. */
export async function updateProfile(
  db: Db,
  userId: string,
  profile: { name: string; mobile: string | undefined; smsOptIn: boolean },
): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: { pk: keys.user(userId), sk: keys.userMeta() },
      UpdateExpression: profile.mobile
        ? 'SET #name = :name, mobile = :mobile, smsOptIn = :sms'
        : 'SET #name = :name, smsOptIn = :sms REMOVE mobile',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: {
        ':name': profile.name,
        ':sms': profile.mobile ? profile.smsOptIn : false,
        ...(profile.mobile ? { ':mobile': profile.mobile } : {}),
      },
    }),
  );
}

/**
 * UpdateItem on USER#id: the new password hash and when it was set, conditioned on the user existing and,
 * for a reset link, on no password change since the link was issued (so of two outstanding links only
 * the first used works). False when that condition fails.
 */
export async function setPasswordHash(
  db: Db,
  userId: string,
  passwordHash: string,
  change: { at: string; linkIssuedAt?: string | undefined },
): Promise<boolean> {
  const sinceLink =
    change.linkIssuedAt === undefined
      ? ''
      : ' AND (attribute_not_exists(passwordChangedAt) OR passwordChangedAt < :issued)';
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: keys.user(userId), sk: keys.userMeta() },
        UpdateExpression: 'SET passwordHash = :hash, passwordChangedAt = :at',
        ConditionExpression: `attribute_exists(pk)${sinceLink}`,
        ExpressionAttributeValues: {
          ':hash': passwordHash,
          ':at': change.at,
          ...(change.linkIssuedAt === undefined ? {} : { ':issued': change.linkIssuedAt }),
        },
      }),
    );
    return true;
  } catch (error) {
    if (change.linkIssuedAt !== undefined && isConditionFailure(error)) return false;
    throw error;
  }
}

/** UpdateItem on USER#id: marks the email verified, only while it is still the address the token went to. */
export async function markEmailVerified(db: Db, userId: string, email: string, at: string): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: keys.user(userId), sk: keys.userMeta() },
        UpdateExpression: 'SET emailVerifiedAt = if_not_exists(emailVerifiedAt, :at)',
        ConditionExpression: 'attribute_exists(pk) AND email = :email',
        ExpressionAttributeValues: { ':at': at, ':email': email },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * The role and assigned theaters, for operators: UpdateItem on USER#id (conditioned on the user existing)
 * and, when given, the audit entry that records the change, in one transaction: no change without its
 * record, and no record of a change that did not happen.
 */
export async function setAccess(
  db: Db,
  userId: string,
  access: { role: User['role']; theaterIds: string[] },
  audit?: ReturnType<typeof auditPut>,
): Promise<void> {
  const theaters = access.theaterIds.length > 0;
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: db.table,
            Key: { pk: keys.user(userId), sk: keys.userMeta() },
            UpdateExpression: theaters
              ? 'SET #role = :role, theaterIds = :theaters'
              : 'SET #role = :role REMOVE theaterIds',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#role': 'role' },
            ExpressionAttributeValues: {
              ':role': access.role,
              ...(theaters ? { ':theaters': access.theaterIds } : {}),
            },
          },
        },
        ...(audit ? [audit] : []),
      ],
    }),
  );
}

/** PutItem TOKEN#hash: a single-use email token. */
export async function putEmailToken(db: Db, tokenHash: string, token: EmailToken): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        pk: keys.token(tokenHash),
        sk: keys.tokenMeta(),
        entity: 'EmailToken',
        v: SCHEMA_VERSION,
        [TTL_ATTRIBUTE]: epochSeconds(token.expiresAt),
        ...token,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Consumes a token: DeleteItem TOKEN#hash conditioned on its purpose and on not having expired, returning
 * what it held. Of two uses of one link only the first gets it: the delete is the single use.
 */
export async function consumeEmailToken(
  db: Db,
  tokenHash: string,
  purpose: EmailToken['purpose'],
  now: string,
): Promise<EmailToken | undefined> {
  try {
    const { Attributes } = await db.doc.send(
      new DeleteCommand({
        TableName: db.table,
        Key: { pk: keys.token(tokenHash), sk: keys.tokenMeta() },
        ConditionExpression: 'attribute_exists(pk) AND purpose = :purpose AND expiresAt > :now',
        ExpressionAttributeValues: { ':purpose': purpose, ':now': now },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes ? fromItem<EmailToken>(Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** GetItem TOKEN#hash without consuming it: to show the reset form only for a live link. */
export async function peekEmailToken(db: Db, tokenHash: string): Promise<EmailToken | undefined> {
  return getItem<EmailToken>(db, { pk: keys.token(tokenHash), sk: keys.tokenMeta() }, { consistent: true });
}

/** PutItem USER#id / MOBILECODE: a new code replaces any earlier one, so only the latest text works. */
export async function putMobileCode(db: Db, userId: string, code: MobileCode): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        pk: keys.user(userId),
        sk: keys.mobileCode(),
        entity: 'MobileCode',
        v: SCHEMA_VERSION,
        [TTL_ATTRIBUTE]: epochSeconds(code.expiresAt),
        ...code,
      },
    }),
  );
}

/**
 * Counts one try of the live code for `mobile`: UpdateItem ADD attempts, on condition the code is for
 * that number, unexpired and under `maxAttempts` tries. Returns the code to compare against, or
 * undefined when there is no such code to try (so guessing past the limit never reaches a comparison).
 */
export async function tryMobileCode(
  db: Db,
  userId: string,
  mobile: string,
  now: string,
  maxAttempts: number,
): Promise<MobileCode | undefined> {
  try {
    const { Attributes } = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: { pk: keys.user(userId), sk: keys.mobileCode() },
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: 'mobile = :mobile AND expiresAt > :now AND attempts < :max',
        ExpressionAttributeValues: { ':one': 1, ':mobile': mobile, ':now': now, ':max': maxAttempts },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? fromItem<MobileCode>(Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Marks `mobile` confirmed and uses up the code, in one transaction: only while it is still the account's
 * number (a profile saved meanwhile with another number wins). False when that condition fails.
 */
export async function markMobileVerified(db: Db, userId: string, mobile: string): Promise<boolean> {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: db.table,
              Key: { pk: keys.user(userId), sk: keys.userMeta() },
              UpdateExpression: 'SET mobileVerified = :mobile',
              ConditionExpression: 'mobile = :mobile',
              ExpressionAttributeValues: { ':mobile': mobile },
            },
          },
          { Delete: { TableName: db.table, Key: { pk: keys.user(userId), sk: keys.mobileCode() } } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}
