/** Read-only view of the migrations: the journal compared with the table, creating nothing. */
import { type Comparison, compare } from './compare.ts';
import type { Client } from './database.ts';
import { readMigrations } from './journal.ts';
import { type MigrationOptions, resolveOptions } from './options.ts';
import { readRecords } from './state.ts';

/** What `status` and `history` print: every journal migration's state and the stray rows. */
export async function inspect(client: Client, options: MigrationOptions = {}): Promise<Comparison> {
  const context = resolveOptions(options);
  const migrations = readMigrations(context.folder);
  return compare(migrations, await readRecords(client, context));
}
