/** Every failure a service can report on purpose. `onError` maps each code to a status and a page. */
export type ErrorCode =
  | 'not_found'
  | 'bad_request'
  | 'payload_too_large'
  | 'unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'rate_limited';

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldErrors = {},
    /** For `rate_limited` and `unavailable`: when the visitor may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Type guard in the style of dynamodb-toolbox's `DynamoDBToolboxError.match`. */
  static match(error: unknown, code?: ErrorCode): error is AppError {
    return error instanceof AppError && (code === undefined || error.code === code);
  }
}
