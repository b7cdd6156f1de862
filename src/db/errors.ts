/** Classifies errors raised by the database driver without ever exposing their text to clients. */

const UNAVAILABLE_CLASSES = ['08', '53', '57'];

interface PgErrorLike {
  code: string;
  constraint?: string;
}

/** Drizzle wraps driver errors (DrizzleQueryError); the Postgres error is somewhere in the causes. */
export function findPgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: typeof constraint === 'string' ? constraint : undefined };
    }
    current = current.cause;
  }
  return undefined;
}

/**
 * True when the error means "the database could not be reached or went away" rather than "the
 * statement was wrong": network failures and timeouts carry no SQLSTATE; connection, resource
 * and operator-intervention classes (08, 53, 57) do.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const pgError = findPgError(error);
  if (pgError) return UNAVAILABLE_CLASSES.includes(pgError.code.slice(0, 2));
  return isDriverError(error);
}

/** Errors thrown by the driver, fetch or the socket, as opposed to bugs in our own code. */
function isDriverError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const name = current.name;
    if (name === 'NeonDbError' || name === 'AbortError' || name === 'TimeoutError') return true;
    if (name === 'DatabaseUnavailableError' || name === 'DrizzleQueryError') return true;
    if (/connect|socket|websocket|network|timeout|terminat|closed|fetch/i.test(current.message)) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
