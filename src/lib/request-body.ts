/** Request-body rules shared by every route: size limit, media type, and the 422 shape. */
import type { Hook } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../types.ts';
import { ApiError, type FieldError, problemResponse } from './problem.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
const FORM_TYPE = 'application/x-www-form-urlencoded';

export function limitBodySize(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    },
  });
}

/**
 * Bodies of writing requests must be JSON (or, on `formPaths`, a URL-encoded form); anything else
 * is a 415 rather than a confusing 422 about missing fields.
 */
export function requireJsonBody(options: { formPaths?: string[] } = {}): MiddlewareHandler {
  return async function requireJsonBody(c, next) {
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
      const mediaType =
        (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const formAllowed = options.formPaths?.some((path) => c.req.path.replace(/\/$/, '') === path);
      if (!JSON_TYPE.test(mediaType) && !(formAllowed && mediaType === FORM_TYPE)) {
        const accepted = formAllowed ? `application/json or ${FORM_TYPE}` : 'application/json';
        throw new ApiError(415, `The request body must be ${accepted}.`, {
          headers: { Accept: accepted },
        });
      }
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
