/**
 * Route middleware for routes that take a body: it must be JSON (or, with `form`, a URL-encoded
 * form) in UTF-8, the type parsed as RFC 9110 writes it (src/lib/media-type.ts). Anything else,
 * including no Content-Type at all or another charset, is a 415 rather than a confusing 422
 * about missing fields; bytes that are not UTF-8 are a 400 rather than text silently stored with
 * U+FFFD in their place. Per route, so unknown routes stay 404 and authentication comes first.
 */
import type { MiddlewareHandler } from 'hono';
import { isUtf8, parseMediaType } from '../lib/media-type.ts';
import { ApiError } from '../lib/problem.ts';

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;
export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Whether the request's body is the OAuth2 form (else it is JSON, once jsonBody has passed). */
export function isFormBody(header: string | undefined): boolean {
  return parseMediaType(header)?.essence === FORM_TYPE;
}

export function jsonBody(options: { form?: boolean } = {}): MiddlewareHandler {
  const accepted = options.form ? `application/json or ${FORM_TYPE}` : 'application/json';
  return async function jsonBody(c, next) {
    const mediaType = parseMediaType(c.req.header('Content-Type'));
    const essence = mediaType?.essence ?? '';
    const known = JSON_TYPE.test(essence) || (options.form === true && essence === FORM_TYPE);
    if (!mediaType || !known || !isUtf8(mediaType)) {
      throw new ApiError(415, `The request body must be ${accepted}, in UTF-8.`, {
        headers: { Accept: accepted },
      });
    }
    // Read once here and cached by Hono for the validator, which decodes leniently.
    const bytes = await c.req.arrayBuffer();
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new ApiError(400, 'The request body is not valid UTF-8.');
    }
    // The validators match Content-Type with a narrower grammar than RFC 9110 (no space before
    // `;`, no empty parameter): hand them the bare type, all that is left to decide.
    const headers = new Headers(c.req.raw.headers);
    headers.set('Content-Type', essence);
    c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body: bytes });
    await next();
  };
}
