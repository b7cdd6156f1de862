/** OpenAPI contracts of the credential endpoints: log in, log out everywhere, change password. */
import { createRoute } from '@hono/zod-openapi';
import {
  authenticated,
  authenticatedJsonBody,
  problemResponse,
  problemResponses,
  publicRoute,
} from '../../lib/openapi.ts';
import type { AuthenticatedEnv } from '../../middleware/authenticate.ts';
import { jsonBody } from '../../middleware/json-body.ts';
import { loginName, rateLimit } from '../../middleware/rate-limit.ts';
import { ChangePasswordBodySchema } from '../users/users.schemas.ts';
import { TokenRequestSchema, TokenSchema } from './auth.schemas.ts';

export const TOKEN_PATH = '/auth/token';

const tags = ['auth'];
const tokenResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: TokenSchema } },
});

export const createTokenRoute = createRoute({
  ...publicRoute,
  middleware: [jsonBody({ form: true }), rateLimit('LOGIN_LIMITER', loginName)],
  method: 'post',
  path: TOKEN_PATH,
  operationId: 'createToken',
  tags,
  summary: 'Log in: exchange username (or email) and password for a bearer token',
  description:
    'Accepts the OAuth2 password form (application/x-www-form-urlencoded) or the same fields as JSON. ' +
    'At most 10 attempts per 60 s per login name (any case), counted per Cloudflare location: 429 beyond.',
  request: {
    // Not `required` here, or each media type would be validated whatever the request sent;
    // the document says `required` all the same (src/lib/openapi-document.ts).
    body: {
      content: {
        'application/x-www-form-urlencoded': { schema: TokenRequestSchema },
        'application/json': { schema: TokenRequestSchema },
      },
    },
  },
  responses: {
    200: tokenResponse('A bearer token'),
    ...problemResponses(400, 413, 415, 422, 429, 503),
    401: problemResponse(401, 'Unknown login name or wrong password (the same answer for both)'),
    403: problemResponse(403, 'The account is inactive'),
  },
});

export const logoutRoute = createRoute({
  ...authenticated,
  method: 'post',
  path: '/auth/logout',
  operationId: 'logout',
  tags,
  summary: 'Log out everywhere: every token issued to you so far stops working',
  description: 'Tokens issued before this request, the one it used included, are 401 from now on.',
  responses: { 204: { description: 'Logged out' }, ...problemResponses(401, 503) },
});

/** Guessing the current password with a stolen token is limited like guessing it at login. */
const passwordAttempts = rateLimit<AuthenticatedEnv>(
  'LOGIN_LIMITER',
  (c) => `account:${c.var.caller.id}`,
);

export const changePasswordRoute = createRoute({
  ...authenticatedJsonBody,
  middleware: [...authenticatedJsonBody.middleware, passwordAttempts] as [
    ...typeof authenticatedJsonBody.middleware,
    typeof passwordAttempts,
  ],
  method: 'put',
  path: '/users/me/password',
  operationId: 'changePassword',
  tags,
  summary: 'Change your password; every earlier token stops working, and you get a fresh one',
  description: 'Attempts count against the login limit (10 per 60 s), per account: 429 beyond.',
  request: {
    body: { required: true, content: { 'application/json': { schema: ChangePasswordBodySchema } } },
  },
  responses: {
    200: tokenResponse('A fresh bearer token (the one used for this request no longer works)'),
    ...problemResponses(400, 401, 403, 413, 415, 422, 429, 503),
  },
});
