/**
 * Whether a JSON value satisfies a (resolved) schema of the document, by the JSON Schema rules
 * the document uses: the independent judge of which generated values are valid.
 */
import { type JsonSchema, typesOf } from './openapi-document.ts';
import { RawJson } from './schema-arbitraries.ts';
import { characterCount, patternOf } from './string-arbitraries.ts';

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Exact decimal multipleOf on the number as written (JSON Schema's, not float division's). */
function isMultiple(value: number, step: number): boolean {
  const decimals = (n: number) => {
    const [mantissa = '', exponent = '0'] = String(n).split('e');
    return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
  };
  const places = decimals(step);
  if (decimals(value) > places) return false;
  const scaled = (n: number) => BigInt(Math.round(n * 10 ** places));
  return scaled(value) % scaled(step) === 0n;
}

export function allows(schema: JsonSchema, value: unknown): boolean {
  if (schema.not !== undefined && Object.keys(schema.not).length === 0) return false;
  // Raw JSON numbers (1e400, 1.50) are judged as the number a JSON parser reads.
  const parsed = value instanceof RawJson ? (JSON.parse(value.text) as unknown) : value;
  if (schema.enum) return schema.enum.some((option) => option === parsed);
  const actual = typeOf(parsed);
  const types = typesOf(schema);
  const typeOk =
    types.length === 0 ||
    types.includes(actual) ||
    (actual === 'integer' && types.includes('number'));
  if (!typeOk) return false;
  if (typeof parsed === 'string') {
    const length = characterCount(parsed);
    if (schema.minLength !== undefined && length < schema.minLength) return false;
    if (schema.maxLength !== undefined && length > schema.maxLength) return false;
    const pattern = patternOf(schema);
    return pattern === undefined || pattern.test(parsed);
  }
  if (typeof parsed === 'number') {
    if (!Number.isFinite(parsed)) return false;
    if (schema.minimum !== undefined && parsed < schema.minimum) return false;
    if (schema.maximum !== undefined && parsed > schema.maximum) return false;
    if (schema.exclusiveMinimum !== undefined && parsed <= schema.exclusiveMinimum) return false;
    if (schema.exclusiveMaximum !== undefined && parsed >= schema.exclusiveMaximum) return false;
    if (schema.multipleOf !== undefined && !isMultiple(parsed, schema.multipleOf)) return false;
  }
  return true;
}
