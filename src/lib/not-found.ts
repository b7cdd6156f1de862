/** The 404 every resource raises for an id that does not exist. */
import { ApiError } from './problem.ts';

export function notFound(resource: 'User' | 'Item', id: number): ApiError {
  return new ApiError(404, `${resource} ${id} does not exist.`);
}
