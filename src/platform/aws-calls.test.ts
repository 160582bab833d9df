import { describe, expect, it } from 'vitest';
import { outageOf } from './aws-calls';
import { AppError } from './errors';

/** An error as the SDK throws it after its retries: a name, a message and its `$metadata`. */
function sdkError(name: string, metadata: { httpStatusCode?: number; attempts?: number } | undefined) {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: metadata });
}

describe('outageOf', () => {
  it('makes no answer, a 5xx and throttling an unavailable error that says what happened', () => {
    const timedOut = outageOf(sdkError('TimeoutError', { attempts: 2 }), 'DynamoDB');
    expect(AppError.match(timedOut, 'unavailable')).toBe(true);
    expect(timedOut?.message).toBe(
      'DynamoDB did not answer (2 attempts): TimeoutError: TimeoutError happened',
    );
    expect(timedOut?.retryAfterSeconds).toBe(5);
    expect(
      outageOf(sdkError('InternalServerError', { httpStatusCode: 500, attempts: 2 }), 'SES')?.message,
    ).toMatch(/^SES answered 500 \(2 attempts\)/);
    expect(
      outageOf(sdkError('ProvisionedThroughputExceededException', { httpStatusCode: 400 }), 'DynamoDB')
        ?.message,
    ).toMatch(/^DynamoDB is throttling \(1 attempt\)/);
  });

  it('leaves refused conditions, bad requests and errors that never reached the network alone', () => {
    expect(
      outageOf(sdkError('ConditionalCheckFailedException', { httpStatusCode: 400 }), 'DynamoDB'),
    ).toBeUndefined();
    expect(outageOf(sdkError('ValidationException', { httpStatusCode: 400 }), 'DynamoDB')).toBeUndefined();
    expect(outageOf(sdkError('TypeError', undefined), 'DynamoDB')).toBeUndefined();
    expect(outageOf('not an error', 'DynamoDB')).toBeUndefined();
  });
});
