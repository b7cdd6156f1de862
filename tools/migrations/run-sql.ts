/** Runs a migration's statements one by one, saying which statement failed and why. */
import type { Client } from './database.ts';

/** A refusal or failure of a migration command; the database was left as the message says. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** A statement of a migration (up or down) failed; its transaction was rolled back. */
export class StatementError extends MigrationError {
  override name = 'StatementError';
  readonly tag: string;
  readonly statement: string;

  constructor(tag: string, position: number, count: number, statement: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${tag}: statement ${position} of ${count} failed: ${reason}`, { cause });
    this.tag = tag;
    this.statement = statement;
  }
}

/** Wraps a command's error with what it means for the database, printed after the error. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
  readonly consequence: string;

  constructor(cause: unknown, consequence: string) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.consequence = consequence;
  }
}

export async function runStatements(
  client: Client,
  tag: string,
  statements: readonly string[],
): Promise<void> {
  for (const [index, statement] of statements.entries()) {
    try {
      await client.query(statement);
    } catch (error) {
      throw new StatementError(tag, index + 1, statements.length, statement.trim(), error);
    }
  }
}
