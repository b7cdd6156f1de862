/** Shapes rows, as they arrive, into the JSON that the driver's HTTP client reads. */
import type pg from 'pg';
import { HttpError } from './http-errors.ts';
import { maxBodyBytes } from './request-body.ts';

export interface NeonField {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: string;
}

type Row = (string | null)[] | Record<string, string | null>;

export interface NeonResult {
  fields: NeonField[];
  command: string;
  rowCount: number | null;
  rows: Row[];
  rowAsArray: boolean;
}

/**
 * Counts the bytes of every row of one HTTP request. Neon refuses a response once its rows pass
 * 10 MiB (507) rather than buffer an unbounded result; so does the stand-in, for the same reason.
 */
export class ResponseBudget {
  private bytes = 0;

  /** Throws once the request's rows no longer fit. */
  spend(row: Row): void {
    this.bytes += Buffer.byteLength(JSON.stringify(row)) + 1;
    if (this.bytes > maxBodyBytes) {
      throw new HttpError(507, `response is too large (max is ${maxBodyBytes} bytes)`);
    }
  }
}

export function shapeFields(fields: pg.FieldDef[]): NeonField[] {
  return fields.map((field) => ({
    name: field.name,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeID: field.dataTypeID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    // Neon always asks Postgres for text, and says so.
    format: 'text',
  }));
}

/** Values stay Postgres text: the driver always sends Neon-Raw-Text-Output and parses them. */
export function shapeRow(values: (string | null)[], fields: pg.FieldDef[], asArray: boolean): Row {
  if (asArray) return values;
  return Object.fromEntries(fields.map((field, i) => [field.name, values[i] ?? null]));
}
