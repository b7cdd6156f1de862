/** `stamp`: records migrations as applied without running them, for schemas made another way. */
import { type Comparison, compare } from './compare.ts';
import { type Client, inTransaction } from './database.ts';
import { type Migration, readMigrations, resolveTarget } from './journal.ts';
import { type MigrationOptions, resolveOptions } from './options.ts';
import { MigrationError } from './run-sql.ts';
import { ensureMigrationsTable, insertQuery, lockMigrations, readRecords } from './state.ts';

export interface StampResult {
  stamped: Migration[];
  comparison: Comparison;
}

/**
 * Records every migration up to and including `target` (a tag or `head`) that is not yet
 * recorded, as drizzle would have. Nothing is executed; migrations after the target are left
 * alone. Refuses, changing nothing, when one of them was modified after being applied.
 */
export async function stamp(
  client: Client,
  target: string,
  options: MigrationOptions = {},
): Promise<StampResult> {
  const context = resolveOptions(options);
  const migrations = readMigrations(context.folder);
  const last = resolveTarget(migrations, target);
  const stamped = await inTransaction(client, async () => {
    await lockMigrations(client, context);
    await ensureMigrationsTable(client, context);
    const comparison = compare(migrations, await readRecords(client, context));
    const upTo = comparison.statuses.slice(0, last + 1);
    const modified = upTo.filter((status) => status.state === 'modified');
    if (modified.length > 0) {
      const tags = modified.map((status) => status.migration.tag).join(', ');
      throw new MigrationError(
        `refusing to stamp: ${tags} already recorded with a different hash (file modified)`,
      );
    }
    const pending = upTo.filter((status) => status.state === 'pending');
    for (const { migration } of pending) await client.query(insertQuery(context, migration));
    return pending.map((status) => status.migration);
  });
  return { stamped, comparison: compare(migrations, await readRecords(client, context)) };
}
