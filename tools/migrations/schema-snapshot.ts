/** A comparable picture of a database's schema from pg_catalog, for the round-trip tests. */
import type { Client } from './database.ts';

/** Each kind of object as sorted, readable lines, so a failing comparison shows a clear diff. */
export type SchemaSnapshot = Record<string, string[]>;

// $1 is the migrations schema, which is bookkeeping rather than the application's schema.
const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema', $1)
  AND n.nspname NOT LIKE 'pg\\_%'`;

const QUERIES: Record<string, string> = {
  schemas: `SELECT n.nspname FROM pg_namespace n WHERE ${USER_SCHEMA}`,
  relations: `SELECT n.nspname, c.relname, c.relkind, c.relpersistence
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_SCHEMA} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')`,
  // The position counts live columns only: a dropped and re-added column is back in place.
  columns: `SELECT n.nspname, c.relname, a.attname,
      row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) AS position,
      format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
      pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity AS identity,
      a.attgenerated AS generated, co.collname AS collation
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND co.collname <> 'default'
    WHERE ${USER_SCHEMA} AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')`,
  // pg_get_constraintdef spells out FK actions (ON DELETE CASCADE), checks and key columns.
  constraints: `SELECT n.nspname, c.relname, con.conname, con.contype,
      pg_get_constraintdef(con.oid) AS definition, con.condeferrable, con.convalidated
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_SCHEMA}`,
  indexes: `SELECT n.nspname, i.relname, pg_get_indexdef(x.indexrelid) AS definition
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_namespace n ON n.oid = i.relnamespace
    WHERE ${USER_SCHEMA}`,
  sequences: `SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS type, s.seqstart,
      s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, d.refobjid::regclass AS owner,
      d.refobjsubid AS owner_column
    FROM pg_sequence s
    JOIN pg_class c ON c.oid = s.seqrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    WHERE ${USER_SCHEMA}`,
  types: `SELECT n.nspname, t.typname, t.typtype,
      (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
       FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE ${USER_SCHEMA} AND t.typtype IN ('e', 'd')`,
  views: `SELECT n.nspname, c.relname, pg_get_viewdef(c.oid) AS definition
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_SCHEMA} AND c.relkind IN ('v', 'm')`,
  functions: `SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args,
      md5(pg_get_functiondef(p.oid)) AS body
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_SCHEMA} AND p.prokind IN ('f', 'p')`,
  triggers: `SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid) AS definition
    FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_SCHEMA} AND NOT t.tgisinternal`,
};

/** Everything an application migration can create, except what lives in `migrationsSchema`. */
export async function snapshotSchema(
  client: Client,
  migrationsSchema = 'drizzle',
): Promise<SchemaSnapshot> {
  const snapshot: SchemaSnapshot = {};
  for (const [kind, query] of Object.entries(QUERIES)) {
    const result = await client.query<Record<string, unknown>>(query, [migrationsSchema]);
    snapshot[kind] = result.rows
      .map((row) =>
        Object.values(row)
          .map((value) => String(value))
          .join(' | '),
      )
      .sort();
  }
  return snapshot;
}
