/** Where the migrations live and which table records them; defaults match drizzle.config.ts. */
import { fileURLToPath } from 'node:url';

/** The repository root: drizzle-kit runs here so it finds drizzle.config.ts. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
export const DEFAULT_MIGRATIONS_SCHEMA = 'drizzle';
export const DEFAULT_MIGRATIONS_TABLE = '__drizzle_migrations';

export interface MigrationOptions {
  /** Folder holding meta/_journal.json, the <tag>.sql files and down/<tag>.sql. */
  folder?: string;
  schema?: string;
  table?: string;
}

export interface MigrationContext {
  folder: string;
  schema: string;
  table: string;
}

export function resolveOptions(options: MigrationOptions = {}): MigrationContext {
  return {
    folder: options.folder ?? DEFAULT_MIGRATIONS_FOLDER,
    schema: options.schema ?? DEFAULT_MIGRATIONS_SCHEMA,
    table: options.table ?? DEFAULT_MIGRATIONS_TABLE,
  };
}
