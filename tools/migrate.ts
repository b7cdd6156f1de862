/** Applies the committed migrations in drizzle/ to a database, recording them as drizzle does. */
import { withClient } from './migrations/database.ts';
import { migrate } from './migrations/up.ts';

/**
 * Applies every pending migration (by hash, each in its own transaction). The rows stay
 * compatible with drizzle-kit migrate, so either tool can be used on the same database.
 */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, (client) => migrate(client));
}
