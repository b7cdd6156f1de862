/** Request-body rules shared by every route: size limit, media type, and the 422 shape. */
import type { Hook } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../types.ts';
import { ApiError, type FieldError, problemResponse } from './problem.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export function limitBodySize(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    },
  });
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Route middleware for routes that take a body: it must be JSON (or, with `form`, a URL-encoded
 * form). Anything else, including no Content-Type at all, is a 415 rather than a confusing 422
 * about missing fields. Per route, so unknown routes stay 404 and authentication comes first.
 */
export function requireBody(options: { form?: boolean } = {}): MiddlewareHandler {
  const accepted = options.form ? `application/json or ${FORM_TYPE}` : 'application/json';
  return async function requireBody(c, next) {
    const header = c.req.header('Content-Type') ?? '';
    const mediaType = header.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!JSON_TYPE.test(mediaType) && !(options.form && mediaType === FORM_TYPE)) {
      throw new ApiError(415, `The request body must be ${accepted}.`, {
        headers: { Accept: accepted },
      });
    }
    await next();
  };
}

const LOCATIONS: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
};

/** Every validation failure becomes one 422 problem listing each invalid field. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const location = LOCATIONS[result.target] ?? result.target;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const detail = `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`;
  return problemResponse(c, new ApiError(422, detail, { errors }));
};
