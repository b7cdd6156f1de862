/** Request validation shared by every resource: building blocks, and the one 422 shape. */
import { type Hook, z } from '@hono/zod-openapi';
import type { AppEnv } from '../types.ts';
import { ApiError, type FieldError } from './problem.ts';

export const MAX_INT4 = 2_147_483_647;

/**
 * The character rules below are `pattern`s, so the OpenAPI document publishes exactly what is
 * enforced (set explicitly: the generator would append the regex's flags to it). They use the `u`
 * flag, as JSON Schema 2020-12 asks of patterns: a character class then matches code points, and
 * `[\uD800-\uDFFF]` only a lone surrogate, never half of a pair.
 */
/** What Postgres text cannot store: NUL, and lone surrogates (the driver would store U+FFFD). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: it names the control characters it refuses.
const STORABLE = /^[^\u0000\uD800-\uDFFF]*$/u;
/**
 * One-line text as people see it, also without what makes text display as something else: C0/C1
 * controls (newlines, ANSI escapes), bidirectional embeddings, overrides, isolates and marks
 * (U+202E shows "\u202Enimda" as "admin"), and tag characters (invisible copies of ASCII).
 */
const DISPLAYABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: it names the control characters it refuses.
  /^[^\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}\uD800-\uDFFF]*$/u;
/** The same, but line breaks and tabs are text's own in a multi-line description. */
const PROSE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: it names the control characters it refuses.
  /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}\uD800-\uDFFF]*$/u;

/** Code points, as JSON Schema's minLength/maxLength and Postgres varchar(n) count them. */
function characters(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      count--;
      i++;
    }
  }
  return count;
}

function textMatching(min: number, max: number, pattern: RegExp, message: string) {
  return z
    .string()
    .refine(
      (value) => characters(value) >= min,
      min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
    )
    .refine((value) => characters(value) <= max, `must be at most ${max} characters`)
    .regex(pattern, message)
    .openapi({ minLength: min, maxLength: max, pattern: pattern.source });
}

/** Text with a length range in characters (code points) that Postgres can store as sent. */
export function text(min: number, max: number) {
  return textMatching(min, max, STORABLE, 'must not contain NUL characters or unpaired surrogates');
}

/** A one-line name or title as people will see it: no control or bidi-override characters. */
export function displayText(min: number, max: number) {
  return textMatching(
    min,
    max,
    DISPLAYABLE,
    'must not contain control, bidirectional-override or tag characters, NUL or unpaired surrogates',
  );
}

/** Multi-line prose: as displayText, but line breaks and tabs are allowed. */
export function proseText(min: number, max: number) {
  return textMatching(
    min,
    max,
    PROSE,
    'must not contain control characters other than line breaks and tabs, bidirectional-override or tag characters, NUL or unpaired surrogates',
  );
}

/**
 * The addresses accepted: a dot-separated local part of letters, digits and `_'+-`, and a domain
 * of at least two labels ending in a letters-only top-level domain (so no `x@localhost`, no
 * quoted local parts, no `!#$%`). Stricter than RFC 5321 on purpose, and published as a pattern
 * beside `format: email`, so a client knows the exact rule.
 */
const EMAIL =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export const EmailSchema = z
  .string()
  .max(254, 'must be at most 254 characters')
  .regex(EMAIL, 'must be a valid email address')
  .openapi({ format: 'email', example: 'ada@example.com' });

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

/**
 * A price: at least 0.01 in steps of 0.01 (positive with at most two decimals), below 10^10
 * (numeric(12,2)). zod's multipleOf tolerates float noise (about 1e-6 near 10^10); the digit check
 * makes it exact for the number as written, as JSON Schema's multipleOf is.
 */
const CENT = 0.01;

export const PriceSchema = z
  .number()
  .min(CENT, 'must be at least 0.01')
  .lt(10_000_000_000, 'must be below 10000000000')
  .multipleOf(CENT, 'must have at most 2 decimals')
  .refine((value) => /^-?\d+(\.\d{1,2})?$/.test(String(value)), 'must have at most 2 decimals')
  // Set explicitly: the OpenAPI generator does not publish multipleOf.
  .openapi({ multipleOf: CENT, example: 249.5 });

const LOCATIONS: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
};

/**
 * Every validation failure becomes one 422 problem listing each invalid field once: the first
 * rule a field breaks (`-1.005` breaks two, but the client has one thing to fix).
 */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const location = LOCATIONS[result.target] ?? result.target;
  const errors = new Map<string, FieldError>();
  for (const issue of result.error.issues) {
    const path = [location, ...issue.path.map(String)].join('.');
    if (!errors.has(path)) errors.set(path, { path, message: issue.message });
  }
  const count = errors.size;
  const detail = `The request has ${count} invalid field${count === 1 ? '' : 's'}.`;
  throw new ApiError(422, detail, { errors: [...errors.values()] });
};
