/**
 * Text fields: lengths in code points, and the characters each kind of text may hold. The
 * character rules are `pattern`s, so the OpenAPI document publishes exactly what is enforced (set
 * explicitly: the generator would append the regex's flags to it). They use the `u` flag, as JSON
 * Schema 2020-12 asks of patterns: a character class then matches code points, and
 * `[\uD800-\uDFFF]` only a lone surrogate, never half of a pair.
 */
import { z } from '@hono/zod-openapi';

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
