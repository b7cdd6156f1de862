/** Request validation shared by every resource: building blocks, and the one 422 shape. */
import { type Hook, z } from '@hono/zod-openapi';
import type { AppEnv } from '../types.ts';
import { ApiError, type FieldError } from './problem.ts';

export const MAX_INT4 = 2_147_483_647;

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
 * (numeric(12,2)). The steps are checked on the digits of the number as written, exactly as JSON
 * Schema's multipleOf is meant (zod's multipleOf tolerates float noise, about 1e-6 near 10^10),
 * and published as multipleOf.
 */
const CENT = 0.01;

export const PriceSchema = z
  .number()
  .min(CENT, 'must be at least 0.01')
  .lt(10_000_000_000, 'must be below 10000000000')
  .refine((value) => /^-?\d+(\.\d{1,2})?$/.test(String(value)), 'must have at most 2 decimals')
  // Set explicitly: the OpenAPI generator publishes no multipleOf for a refine.
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
