/** Shapes rows, as they arrive, into the JSON that the driver's HTTP client reads. */
import type pg from 'pg';
import { HttpError } from './http-errors.ts';
import { pgTextToJson } from './json-values.ts';
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

type Row = unknown[] | Record<string, unknown>;

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

/**
 * With Neon-Raw-Text-Output (the driver always sends it, and parses the text itself) values stay
 * Postgres text; without it they become JSON as Neon makes them.
 */
export function shapeRow(
  text: (string | null)[],
  fields: pg.FieldDef[],
  { asArray, rawText }: { asArray: boolean; rawText: boolean },
): Row {
  const values = rawText ? text : text.map((value, i) => toJson(value, fields[i]?.dataTypeID));
  if (asArray) return values;
  return Object.fromEntries(fields.map((field, i) => [field.name, values[i] ?? null]));
}

function toJson(value: string | null, type = 0): unknown {
  if (value === null) return null;
  try {
    return pgTextToJson(value, type);
  } catch {
    throw new HttpError(500, 'could not parse postgres response');
  }
}
