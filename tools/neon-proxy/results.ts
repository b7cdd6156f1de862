/** Shapes pg results and errors into the JSON that the driver's HTTP client reads. */
import pg from 'pg';

export interface NeonField {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: string;
}
export interface NeonResult {
  fields: NeonField[];
  command: string;
  rowCount: number | null;
  rows: (string | null)[][] | Record<string, string | null>[];
  rowAsArray: boolean;
}

/** Field names of pg's DatabaseError that the driver copies onto its NeonDbError. */
const errorFields = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

export function shape(result: pg.QueryArrayResult, arrayMode: boolean): NeonResult {
  const fields = result.fields.map((field) => ({
    name: field.name,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeID: field.dataTypeID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    format: field.format,
  }));
  const rows = result.rows as (string | null)[][];
  return {
    fields,
    command: result.command,
    rowCount: result.rowCount,
    rows: arrayMode
      ? rows
      : rows.map((row) =>
          Object.fromEntries(fields.map((field, i) => [field.name, row[i] ?? null])),
        ),
    rowAsArray: arrayMode,
  };
}

/** Returns undefined for errors that did not come from Postgres itself. */
export function postgresErrorBody(error: unknown): Record<string, string> | undefined {
  if (!(error instanceof pg.DatabaseError)) return undefined;
  const body: Record<string, string> = { message: error.message };
  for (const name of errorFields) {
    const value = error[name];
    if (value !== undefined) body[name] = value;
  }
  return body;
}
