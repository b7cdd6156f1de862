/** Request validation shared by every resource: building blocks, and the one 422 shape. */
import { type Hook, z } from '@hono/zod-openapi';
import type { AppEnv } from '../types.ts';
import { ApiError, type FieldError } from './problem.ts';

export const MAX_INT4 = 2_147_483_647;

/**
 * Text with a length range in characters, without what Postgres text cannot store: NUL (U+0000),
 * and lone UTF-16 surrogates (JSON allows "\ud800"; the driver would silently store U+FFFD).
 */
export function text(min: number, max: number) {
  return z
    .string()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters')
    .refine((value) => !/\p{Cs}/u.test(value), 'must not contain unpaired surrogates');
}

/**
 * Characters that make text display as something else: C0/C1 controls (newlines, ANSI escapes),
 * bidirectional embeddings, overrides, isolates and marks (U+202E shows "\u202Enimda" as
 * "admin"), and tag characters (invisible copies of ASCII).
 */
const DECEPTIVE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}]/u;
/** The same, but line breaks and tabs are text's own in a multi-line description. */
const DECEPTIVE_IN_PROSE =
  /(?![\t\n\r])[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}]/u;

/** A one-line name or title as people will see it: no control or bidi-override characters. */
export function displayText(min: number, max: number) {
  return text(min, max).refine(
    (value) => !DECEPTIVE.test(value),
    'must not contain control, bidirectional-override or tag characters',
  );
}

/** Multi-line prose: as displayText, but line breaks and tabs are allowed. */
export function proseText(min: number, max: number) {
  return text(min, max).refine(
    (value) => !DECEPTIVE_IN_PROSE.test(value),
    'must not contain control characters other than line breaks and tabs, nor bidirectional-override or tag characters',
  );
}

/**
 * The username profile: 3–50 ASCII letters, digits, `.`, `_` or `-`, starting and ending with a
 * letter or digit; unique regardless of case (the database's lower() index). ASCII only, so no
 * two names can look alike: no homoglyphs (Cyrillic а), no fullwidth forms, no invisible
 * characters, no Unicode case or normalisation pairs; `@` never appears, so a login name
 * with `@` is always an email address.
 */
export const UsernameSchema = z
  .string()
  .min(3, 'must be at least 3 characters')
  .max(50, 'must be at most 50 characters')
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/,
    'must be ASCII letters, digits, ".", "_" or "-", starting and ending with a letter or digit',
  )
  .openapi({ example: 'ada' });

/** A path id: a positive 32-bit integer written in plain decimal digits. */
export function pathId(name: string) {
  return z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'must be a positive integer')
    .transform(Number)
    .refine((value) => value <= MAX_INT4, 'must be at most 2147483647')
    .openapi({
      param: { name, in: 'path' },
      type: 'integer',
      minimum: 1,
      maximum: MAX_INT4,
      example: 1,
    });
}

/** A query integer in a range; absent, it is `fallback` (or undefined when there is none). */
export function queryInteger(name: string, min: number, max: number): ReturnType<typeof query>;
export function queryInteger(
  name: string,
  min: number,
  max: number,
  fallback: number,
): ReturnType<typeof query<number>>;
export function queryInteger(name: string, min: number, max: number, fallback?: number) {
  return query(name, min, max, fallback);
}

function query<F extends number | undefined = undefined>(
  name: string,
  min: number,
  max: number,
  fallback?: F,
) {
  return z
    .string()
    .regex(/^\d{1,10}$/, 'must be a non-negative integer')
    .transform(Number)
    .refine((value) => value >= min && value <= max, `must be between ${min} and ${max}`)
    .optional()
    .transform((value) => (value ?? fallback) as number | F)
    .openapi({
      param: { name, in: 'query' },
      type: 'integer',
      minimum: min,
      maximum: max,
      ...(fallback === undefined ? {} : { default: fallback }),
    });
}

/** A price: positive, at most two decimals, below 10^10 (numeric(12,2)). */
export const PriceSchema = z
  .number()
  .positive('must be greater than 0')
  .lt(10_000_000_000, 'must be below 10000000000')
  .refine((value) => /^\d+(\.\d{1,2})?$/.test(String(value)), 'must have at most 2 decimals')
  .openapi({ example: 19.99 });

const LOCATIONS: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
};

/** Every validation failure becomes one 422 problem listing each invalid field. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const location = LOCATIONS[result.target] ?? result.target;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const detail = `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`;
  throw new ApiError(422, detail, { errors });
};
