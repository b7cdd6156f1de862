/**
 * What a database failure means, without any HTTP: the error handler (src/lib/error-handler.ts)
 * is the one place that turns a kind into a status.
 */
import { causes } from '../lib/causes.ts';

export type DatabaseFailure =
  /** A unique constraint refused the write (23505); `constraint` names which. */
  | { kind: 'conflict'; constraint: string | undefined }
  /** A foreign key refused the write (23503): the row it points at does not exist. */
  | { kind: 'missing-reference' }
  /** Retrying later may succeed: unreachable, gone away, timed out or rolled back transiently. */
  | { kind: 'unavailable' };

/** Thrown by code that talks to the database itself (readiness, interactive transactions). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** Connection (08), transaction rollback (40: serialization, deadlock), resources (53), operator (57). */
const TRANSIENT_CLASSES = ['08', '40', '53', '57'];

/** Errors of the driver and its transport, by class name, anywhere in the cause chain. */
const DRIVER_ERRORS = ['NeonDbError', 'DrizzleQueryError', 'AbortError', 'TimeoutError'];

interface PgErrorLike {
  code: string;
  constraint?: string;
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
 * The kind of database failure, or undefined when the error is not one the API expects: a Postgres
 * error with any other SQLSTATE, or an error that did not come through the driver, is a bug (500).
 */
export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  const chain = [...causes(error)];
  if (chain.some((current) => current instanceof DatabaseUnavailableError)) {
    return { kind: 'unavailable' };
  }
  const pgError = findPgError(error);
  if (pgError?.code === '23505') return { kind: 'conflict', constraint: pgError.constraint };
  if (pgError?.code === '23503') return { kind: 'missing-reference' };
  if (pgError) {
    return TRANSIENT_CLASSES.includes(pgError.code.slice(0, 2))
      ? { kind: 'unavailable' }
      : undefined;
  }
  return chain.some((current) => DRIVER_ERRORS.includes(current.name))
    ? { kind: 'unavailable' }
    : undefined;
}
