/** Bodies over 1 MiB are refused with 413 before anything reads them. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { ApiError } from '../lib/problem.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export function bodyLimit(): MiddlewareHandler {
  return honoBodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    },
  });
}
