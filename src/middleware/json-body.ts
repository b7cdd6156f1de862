/**
 * Route middleware for routes that take a body: it must be JSON (or, with `form`, a URL-encoded
 * form). Anything else, including no Content-Type at all, is a 415 rather than a confusing 422
 * about missing fields; bytes that are not UTF-8 are a 400 rather than text silently stored with
 * U+FFFD in their place. Per route, so unknown routes stay 404 and authentication comes first.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../lib/problem.ts';

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';

export function jsonBody(options: { form?: boolean } = {}): MiddlewareHandler {
  const accepted = options.form ? `application/json or ${FORM_TYPE}` : 'application/json';
  return async function jsonBody(c, next) {
    const header = c.req.header('Content-Type') ?? '';
    const mediaType = header.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!JSON_TYPE.test(mediaType) && !(options.form && mediaType === FORM_TYPE)) {
      throw new ApiError(415, `The request body must be ${accepted}.`, {
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
    await next();
  };
}
