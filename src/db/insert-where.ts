/**
 * `INSERT … SELECT … FROM <row> WHERE <condition>`: one row, inserted only while the row exists
 * and the condition holds (e.g. the owner, and the caller's permission to act for them), so a
 * refusal is zero rows rather than a constraint error. Drizzle's insert-select builder wants a
 * value for every column, identity included, which Postgres refuses; hence this small builder.
 */
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';

/** The statement, unexecuted (so it can join a batch); rows come back raw: see `mapRows`. */
export function insertWhere<T extends PgTable>(
  db: Database,
  table: T,
  values: Partial<T['$inferInsert']>,
  source: Source,
) {
  return db.execute(insertWhereSql(table, values, source));
}

/** Where the inserted row comes from: one row of `from` (or none: a bare SELECT), if `where`. */
interface Source {
  from?: PgTable;
  where: SQL | undefined;
}

/** The statement's SQL, to wrap (src/db/idempotency.ts records what it inserted). */
export function insertWhereSql<T extends PgTable>(
  table: T,
  values: Partial<T['$inferInsert']>,
  source: Source,
): SQL {
  const columns: Record<string, PgColumn> = getTableColumns(table);
  const given = Object.entries(values).flatMap(([key, value]) => {
    const column = columns[key];
    return column && value !== undefined ? [{ column, value }] : [];
  });
  const names = given.map(({ column }) => sql.identifier(column.name));
  // SELECT gives parameters no column type to infer from, so each is cast to its column's type.
  const selected = given.map(
    ({ column, value }) =>
      sql`cast(${sql.param(value, column)} as ${sql.raw(column.getSQLType())})`,
  );
  const from = source.from ? sql` from ${source.from}` : sql``;
  return sql`insert into ${table} (${sql.join(names, sql`, `)})
    select ${sql.join(selected, sql`, `)}${from} where ${source.where ?? sql`true`} returning *`;
}

/** The statement's raw rows (column names, driver values) as Drizzle's typed rows of `table`. */
export function mapRows<T extends PgTable>(table: T, result: unknown) {
  const columns = Object.entries(getTableColumns(table));
  const { rows } = result as { rows: Record<string, unknown>[] };
  return rows.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  });
}
