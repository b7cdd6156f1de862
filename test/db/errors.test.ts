/** Which driver errors mean "try again later" (503) and which are bugs (500). */
import { describe, expect, it } from 'vitest';
import { classifyDatabaseError, findPgError } from '../../src/db/errors.ts';

const isDatabaseUnavailable = (error: unknown) =>
  classifyDatabaseError(error)?.kind === 'unavailable';

function pgError(code: string, name = 'NeonDbError'): Error {
  return Object.assign(new Error('from the database'), { name, code });
}

function wrapped(cause: Error): Error {
  return Object.assign(new Error('Failed query'), { name: 'DrizzleQueryError', cause });
}

describe('database error classification', () => {
  it('treats connection, rollback, resource and shutdown classes as unavailable', () => {
    for (const code of ['08006', '40001', '40P01', '53300', '57P01']) {
      expect(isDatabaseUnavailable(wrapped(pgError(code))), code).toBe(true);
    }
  });

  it('treats other SQLSTATEs as bugs, not outages', () => {
    for (const code of ['42601', '22P02', '23502', 'XX000']) {
      expect(isDatabaseUnavailable(wrapped(pgError(code))), code).toBe(false);
    }
  });

  it('treats driver errors without a SQLSTATE as unavailable, and our own errors as bugs', () => {
    expect(isDatabaseUnavailable(wrapped(new Error('fetch failed')))).toBe(true);
    expect(isDatabaseUnavailable(pgError('EPIPE'))).toBe(true);
    expect(isDatabaseUnavailable(new TypeError('connection is not a function'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('socket timeout in our code'))).toBe(false);
  });

  it('classifies unique and foreign-key violations for the one HTTP mapping', () => {
    const unique = Object.assign(pgError('23505'), { constraint: 'users_email_lower_key' });
    expect(classifyDatabaseError(wrapped(unique))).toEqual({
      kind: 'conflict',
      constraint: 'users_email_lower_key',
    });
    expect(classifyDatabaseError(wrapped(pgError('23503')))).toEqual({ kind: 'missing-reference' });
  });

  it('does not mistake a Node errno code for a SQLSTATE', () => {
    expect(findPgError(pgError('EPIPE'))).toBeUndefined();
    expect(findPgError(wrapped(pgError('23505')))?.code).toBe('23505');
  });
});
