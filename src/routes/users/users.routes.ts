/** OpenAPI contracts of the users resource. */

import { createRoute, z } from '@hono/zod-openapi';
import { IdempotencyKeySchema, REPLAYED_HEADER } from '../../lib/idempotency.ts';
import {
  authenticated,
  authenticatedJsonBody,
  ETAG_HEADER,
  IfMatchSchema,
  IfNoneMatchSchema,
  jsonBody,
  LOCATION_HEADER,
  notModifiedResponse,
  problemResponses,
  publicRoute,
} from '../../lib/openapi.ts';
import { LINK_HEADER, pageQuery } from '../../lib/pagination.ts';
import { clientAddress, rateLimit } from '../../middleware/rate-limit.ts';
import {
  CreateUserBodySchema,
  UpdateUserBodySchema,
  USERS_PAGE_MAX,
  UserIdParamsSchema,
  UserSchema,
  VisibleUserSchema,
} from './users.schemas.ts';

const tags = ['users'];
const json = <T>(schema: T) => ({ 'application/json': { schema } });
/** Your own account: every field. */
const ownUserResponse = (description: string) => ({
  description,
  headers: ETAG_HEADER,
  content: json(UserSchema),
});
/** Any account: every field if it is yours (or you are a superuser), the public part otherwise. */
const userResponse = (description: string) => ({
  description: `${description}: a User if it is your account, else a PublicUser (no email, last_login or updated_at)`,
  headers: ETAG_HEADER,
  content: json(VisibleUserSchema),
});

export const createUserRoute = createRoute({
  ...publicRoute,
  middleware: [...jsonBody.middleware, rateLimit('SIGNUP_LIMITER', clientAddress)],
  method: 'post',
  path: '/users',
  operationId: 'createUser',
  tags,
  summary: 'Sign up',
  description: 'At most 60 sign-ups per 60 s per client address (CF-Connecting-IP): 429 beyond.',
  request: {
    headers: IdempotencyKeySchema,
    body: { required: true, content: json(CreateUserBodySchema) },
  },
  responses: {
    201: {
      ...ownUserResponse('The new user (or, replayed, the one an earlier request created)'),
      headers: { ...ETAG_HEADER, ...LOCATION_HEADER, ...REPLAYED_HEADER },
    },
    ...problemResponses(400, 409, 413, 415, 422, 429, 503),
  },
});

export const listUsersRoute = createRoute({
  ...authenticated,
  method: 'get',
  path: '/users',
  operationId: 'listUsers',
  tags,
  summary: 'List users with their items, ordered by id',
  description: `Pages of at most ${USERS_PAGE_MAX} users, each with their first items; page with \`after\` (keyset) or \`skip\`.`,
  request: { query: pageQuery(USERS_PAGE_MAX) },
  responses: {
    200: {
      description: 'A page of users: your own account as a User, the others as PublicUser',
      headers: LINK_HEADER,
      content: json(z.array(VisibleUserSchema)),
    },
    ...problemResponses(401, 422, 503),
  },
});

export const getMeRoute = createRoute({
  ...authenticated,
  method: 'get',
  path: '/users/me',
  operationId: 'getMe',
  tags,
  summary: 'The user the bearer token belongs to',
  description: 'Your own account with every field, and an ETag for conditional requests.',
  request: { headers: IfNoneMatchSchema },
  responses: {
    200: ownUserResponse('You, with your first items'),
    ...notModifiedResponse,
    ...problemResponses(401, 503),
  },
});

export const getUserRoute = createRoute({
  ...authenticated,
  method: 'get',
  path: '/users/{user_id}',
  operationId: 'getUser',
  tags,
  summary: 'Get a user with their first items',
  description: 'The full account if it is yours (or you are a superuser), else its public part.',
  request: { params: UserIdParamsSchema, headers: IfNoneMatchSchema },
  responses: {
    200: userResponse('The user'),
    ...notModifiedResponse,
    ...problemResponses(401, 404, 422, 503),
  },
});

const UPDATE_RULES =
  'Your own account, or any account for a superuser (who may also reactivate it with is_active: true). ' +
  'is_superuser may be sent by superusers only (403 otherwise). The last active superuser cannot ' +
  'be demoted or deactivated (409). Deactivating an account retires its tokens.';

const updateUser = {
  ...authenticatedJsonBody,
  path: '/users/{user_id}',
  tags,
  request: {
    params: UserIdParamsSchema,
    headers: IfMatchSchema,
    body: { required: true, content: json(UpdateUserBodySchema) },
  },
  responses: {
    200: userResponse('The updated user'),
    ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 503),
  },
} as const;

export const patchUserRoute = createRoute({
  ...updateUser,
  method: 'patch',
  operationId: 'patchUser',
  summary: 'Update an account (only the fields sent change)',
  description: UPDATE_RULES,
});

export const putUserRoute = createRoute({
  ...updateUser,
  method: 'put',
  operationId: 'putUser',
  summary: 'Update an account (same as PATCH: only the fields sent change)',
  description: UPDATE_RULES,
});

export const deleteUserRoute = createRoute({
  ...authenticated,
  method: 'delete',
  path: '/users/{user_id}',
  operationId: 'deleteUser',
  tags,
  summary: 'Delete an account and its items',
  description:
    'Your own account, or any account for a superuser. The last active superuser cannot be deleted (409).',
  request: { params: UserIdParamsSchema, headers: IfMatchSchema },
  responses: {
    200: userResponse('The deleted user, with the first of the items deleted along with it'),
    ...problemResponses(401, 403, 404, 409, 412, 422, 503),
  },
});
