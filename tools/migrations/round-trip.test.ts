/** Every down migration must exactly undo its up migration, step by step, in pg_catalog terms. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { withClient } from './database.ts';
import { inspect } from './inspect.ts';
import { readMigrations } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER } from './options.ts';
import { rollback } from './rollback.ts';
import { type SchemaSnapshot, snapshotSchema } from './schema-snapshot.ts';
import { openTestDatabase, type TestDatabase } from './test-support.ts';
import { migrate } from './up.ts';

/** drizzle-kit writes this header into the files it creates for hand-written SQL. */
function isCustom(tag: string): boolean {
  const text = readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, `${tag}.sql`), 'utf8');
  return text.startsWith('-- Custom SQL migration file');
}

let database: TestDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  await database.close();
});

it('rolls every migration back to the schema the up path had at the same step', async () => {
  const migrations = readMigrations(DEFAULT_MIGRATIONS_FOLDER);
  expect(migrations.length).toBeGreaterThan(0);
  await withClient(database.url, async (client) => {
    // snapshots[i] is the schema with the first i migrations applied.
    const snapshots: SchemaSnapshot[] = [await snapshotSchema(client)];
    for (const migration of migrations) {
      const { applied } = await migrate(client, { to: migration.tag });
      expect(applied.map((m) => m.tag)).toEqual([migration.tag]);
      snapshots.push(await snapshotSchema(client));
      // A custom migration (drizzle-kit generate --custom) may only check or move data.
      if (!isCustom(migration.tag)) {
        expect(snapshots.at(-1), `${migration.tag} changed nothing`).not.toEqual(snapshots.at(-2));
      }
    }

    for (let applied = migrations.length; applied > 0; applied -= 1) {
      const { rolledBack } = await rollback(client, { steps: 1 });
      expect(rolledBack.map((m) => m.tag)).toEqual([migrations[applied - 1]?.tag]);
      const after = `after rolling back ${migrations[applied - 1]?.tag}`;
      expect(await snapshotSchema(client), after).toEqual(snapshots[applied - 1]);
    }
    expect((await inspect(client)).current).toBeUndefined();

    const { applied } = await migrate(client);
    expect(applied).toHaveLength(migrations.length);
    expect(await snapshotSchema(client)).toEqual(snapshots.at(-1));
  });
});
