/** The drizzle.__drizzle_migrations table: creating it as drizzle does, reading and writing rows. */
import type { Client } from './database.ts';
import type { Migration } from './journal.ts';
import type { MigrationContext } from './options.ts';
import { type Query, quoteIdent } from './sql-text.ts';

export interface MigrationRecord {
  id: number;
  hash: string;
  /** The journal `when` of the migration the row records; drizzle allows NULL. */
  createdAt: number | null;
  /** When it was applied; NULL for rows written before this column existed. */
  appliedAt: Date | null;
}

type Table = Pick<MigrationContext, 'schema' | 'table'>;

export function qualifiedName(table: Table): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.table)}`;
}

/**
 * Serialises migration tools on this database. The transaction-level lock is the default because
 * session locks misbehave behind transaction poolers; a step that cannot run in a transaction
 * holds the session lock instead (so it needs a direct connection, as the deploy uses).
 */
export function lockQuery(table: Table, scope: 'transaction' | 'session'): Query {
  const fn = scope === 'transaction' ? 'pg_advisory_xact_lock' : 'pg_advisory_lock';
  return { text: `SELECT ${fn}(hashtext($1))`, values: [qualifiedName(table)] };
}

export function unlockQuery(table: Table): Query {
  return { text: 'SELECT pg_advisory_unlock(hashtext($1))', values: [qualifiedName(table)] };
}

/** Takes the transaction-level lock for the rest of the current transaction. */
export async function lockMigrations(client: Client, table: Table): Promise<void> {
  await client.query(lockQuery(table, 'transaction'));
}

async function tableExists(client: Client, table: Table): Promise<boolean> {
  const result = await client.query<{ found: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS found',
    [qualifiedName(table)],
  );
  return result.rows[0]?.found === true;
}

async function hasAppliedAt(client: Client, table: Table): Promise<boolean> {
  const result = await client.query(
    `SELECT 1 FROM information_schema.columns
     WHERE table_schema = $1 AND table_name = $2 AND column_name = 'applied_at'`,
    [table.schema, table.table],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * The DDL that creates the schema and table with drizzle-orm's own statements, then adds
 * applied_at: without a default first so rows that predate it stay NULL (unknown), and only then
 * DEFAULT now(), which fills it for drizzle-kit's inserts too. Reads only; nothing when complete.
 */
export async function missingTableDdl(client: Client, table: Table): Promise<string[]> {
  const exists = await tableExists(client, table);
  return tableDdl(table, { exists, hasAppliedAt: exists && (await hasAppliedAt(client, table)) });
}

export function tableDdl(table: Table, found: { exists: boolean; hasAppliedAt: boolean }) {
  const name = qualifiedName(table);
  const create = [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(table.schema)}`,
    `CREATE TABLE IF NOT EXISTS ${name} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
  ];
  const addAppliedAt = [
    `ALTER TABLE ${name} ADD COLUMN IF NOT EXISTS applied_at timestamptz`,
    `ALTER TABLE ${name} ALTER COLUMN applied_at SET DEFAULT now()`,
  ];
  return [...(found.exists ? [] : create), ...(found.hasAppliedAt ? [] : addAppliedAt)];
}

/** Runs missingTableDdl. Call inside a transaction that holds lockMigrations. */
export async function ensureMigrationsTable(client: Client, table: Table): Promise<void> {
  for (const statement of await missingTableDdl(client, table)) await client.query(statement);
}

/** Every row, oldest id first; empty when the table does not exist (nothing read is created). */
export async function readRecords(client: Client, table: Table): Promise<MigrationRecord[]> {
  if (!(await tableExists(client, table))) return [];
  const appliedAt = (await hasAppliedAt(client, table)) ? 'applied_at' : 'NULL::timestamptz';
  const result = await client.query<{
    id: number;
    hash: string;
    created_at: string | null;
    applied_at: Date | null;
  }>(`SELECT id, hash, created_at, ${appliedAt} AS applied_at FROM ${qualifiedName(table)}
      ORDER BY id`);
  return result.rows.map((row) => ({
    id: row.id,
    hash: row.hash,
    createdAt: row.created_at === null ? null : Number(row.created_at),
    appliedAt: row.applied_at,
  }));
}

export async function isRecorded(client: Client, table: Table, hash: string): Promise<boolean> {
  const result = await client.query(`SELECT 1 FROM ${qualifiedName(table)} WHERE hash = $1`, [
    hash,
  ]);
  return (result.rowCount ?? 0) > 0;
}

/** Records the migration exactly as drizzle-orm does: its hash and the journal's `when`. */
export function insertQuery(table: Table, migration: Migration): Query {
  return {
    text: `INSERT INTO ${qualifiedName(table)} ("hash", "created_at") VALUES ($1, $2)`,
    values: [migration.hash, migration.when],
  };
}

export function deleteQuery(table: Table, migration: Migration): Query {
  return { text: `DELETE FROM ${qualifiedName(table)} WHERE hash = $1`, values: [migration.hash] };
}
