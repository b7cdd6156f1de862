/** Classifies errors raised by the database driver without ever exposing their text to clients. */
import { ApiError } from '../lib/problem.ts';

/** Connection (08), transaction rollback (40: serialization, deadlock), resources (53), operator (57). */
const TRANSIENT_CLASSES = ['08', '40', '53', '57'];

/** Errors of the driver and its transport, by class name, anywhere in the cause chain. */
const DRIVER_ERRORS = ['NeonDbError', 'DrizzleQueryError', 'AbortError', 'TimeoutError'];

interface PgErrorLike {
  code: string;
  constraint?: string;
}

/** The error and its causes, outermost first (bounded: cause chains can be cyclic). */
export function* causes(error: unknown): Generator<Error> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    yield current;
    current = current.cause;
  }
}

/**
 * The Postgres error somewhere in the causes (Drizzle wraps driver errors in DrizzleQueryError).
 * A SQLSTATE is five digits or capitals; Node's errno codes (EPIPE, …) start with E and are not.
 */
export function findPgError(error: unknown): PgErrorLike | undefined {
  for (const current of causes(error)) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-DF-Z][0-9A-Z]{4}$/.test(code)) {
      return { code, constraint: typeof constraint === 'string' ? constraint : undefined };
    }
  }
  return undefined;
}

/**
 * True when retrying later may succeed: the database could not be reached, went away, timed out,
 * or rolled the transaction back for a transient reason. A Postgres error with any other
 * SQLSTATE, or an error that did not come through the driver, is a bug: 500, not 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const pgError = findPgError(error);
  if (pgError) return TRANSIENT_CLASSES.includes(pgError.code.slice(0, 2));
  return [...causes(error)].some((current) => DRIVER_ERRORS.includes(current.name));
}

/** The one answer to "the database cannot be reached right now": 503 with Retry-After. */
export function databaseUnavailable(cause: unknown): ApiError {
  return new ApiError(503, 'The database is unavailable; try again shortly.', {
    headers: { 'Retry-After': '5' },
    cause,
  });
}
