/** Runs planned steps under the migrations lock, saying which statement failed and why. */
import { type Client, inTransaction } from './database.ts';
import type { Step } from './plan.ts';
import { lockQuery, unlockQuery } from './state.ts';

/** A refusal or failure of a migration command; the database was left as the message says. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** A statement of a step failed: its transaction was rolled back, unless it had none. */
export class StatementError extends MigrationError {
  override name = 'StatementError';
  readonly tag: string;
  readonly statement: string;
  /** False when earlier statements of the step stay committed (a no-transaction migration). */
  readonly transactional: boolean;

  constructor(step: Step, position: number, statement: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const count = step.statements.length;
    super(`${step.label}: statement ${position} of ${count} failed: ${reason}`, { cause });
    this.tag = step.label;
    this.statement = statement;
    this.transactional = step.transactional;
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

/**
 * Runs `run` holding the migrations lock: in a transaction with the transaction-level lock, or,
 * for steps that cannot run in a transaction, between taking and releasing the session lock.
 */
export async function underLock<T>(
  client: Client,
  table: { schema: string; table: string },
  transactional: boolean,
  run: () => Promise<T>,
): Promise<T> {
  if (transactional) {
    return inTransaction(client, async () => {
      await client.query(lockQuery(table, 'transaction'));
      return run();
    });
  }
  await client.query(lockQuery(table, 'session'));
  try {
    return await run();
  } finally {
    // A broken connection has released the lock with its session, so only the error matters.
    await client.query(unlockQuery(table)).catch(() => undefined);
  }
}

/** The step's statements one by one, then its bookkeeping row change. */
export async function runStep(client: Client, step: Step): Promise<void> {
  for (const [index, statement] of step.statements.entries()) {
    try {
      await client.query(statement);
    } catch (error) {
      throw new StatementError(step, index + 1, statement.trim(), error);
    }
  }
  await client.query(step.record);
}
