/**
 * `check` (Alembic's `alembic check`): would `db:generate` write a migration? drizzle-kit's own
 * generator runs on a scratch copy of the migrations folder, so the answer is exactly its answer.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from 'drizzle-kit';
import { runDrizzleKit } from './drizzle-kit.ts';
import { readJournalTags } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER, PROJECT_ROOT } from './options.ts';
import { MigrationError } from './run-sql.ts';

export interface CheckOptions {
  /** Schema file to compare; drizzle.config.ts's `schema` by default (tests pass a changed copy). */
  schema?: string;
  /** Migrations folder; drizzle/ by default. It is copied, never written. */
  folder?: string;
}

export interface PendingMigration {
  /** The file name drizzle-kit chose in the scratch copy (named `drift`). */
  file: string;
  sql: string;
}

export interface CheckResult {
  /** The schema files compared, absolute. */
  schema: string[];
  /** The migrations drizzle-kit would generate: none when schema and migrations agree. */
  missing: PendingMigration[];
}

export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'db-check-'));
  try {
    const folder = join(scratch, 'drizzle');
    cpSync(options.folder ?? DEFAULT_MIGRATIONS_FOLDER, folder, { recursive: true });
    const config = join(scratch, 'drizzle.config.json');
    const settings = await scratchConfig(options.schema);
    writeFileSync(config, JSON.stringify(settings));
    const before = new Set(readJournalTags(folder));
    const run = await runDrizzleKit(
      scratch,
      ['generate', '--config', config, '--name', 'drift'],
      true,
    );
    const added = readJournalTags(folder).filter((tag) => !before.has(tag));
    // drizzle-kit exits 0 even when it fails (say, on a rename it would ask about), so only a
    // written migration or its explicit "No schema changes" counts as an answer.
    if (run.code !== 0 || (added.length === 0 && !run.output.includes('No schema changes'))) {
      throw new MigrationError(
        `drizzle-kit generate gave no answer (exit ${run.code}), so drift cannot be ruled out; ` +
          `its output:\n${run.output.trim()}`,
      );
    }
    const missing = added.map((tag) => ({
      file: `${tag}.sql`,
      sql: readFileSync(join(folder, `${tag}.sql`), 'utf8'),
    }));
    return { schema: [settings.schema].flat(), missing };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * drizzle.config.ts with absolute schema paths and `out` in the scratch folder (drizzle-kit
 * prefixes `out` with ./, so it must be relative). The database URL is dropped: generate does
 * not need it, and it must not be written to disk.
 */
async function scratchConfig(schema: string | undefined): Promise<Config & { schema: string[] }> {
  const url = pathToFileURL(join(PROJECT_ROOT, 'drizzle.config.ts')).href;
  const { default: project } = (await import(url)) as { default: Config };
  const { dbCredentials: _, ...config } = project as Config & { dbCredentials?: unknown };
  const schemas = schema ? [schema] : [project.schema ?? []].flat();
  return {
    ...config,
    schema: schemas.map((path) => resolve(PROJECT_ROOT, path)),
    out: './drizzle',
  };
}
