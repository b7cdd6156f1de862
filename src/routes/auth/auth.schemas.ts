/** Credential shapes: login (OAuth2 password grant, RFC 6749 section 4.3) and the token answer. */
import { z } from '@hono/zod-openapi';
import { text } from '../../lib/text.ts';

export const TokenRequestSchema = z
  .object({
    username: text(1, 254).openapi({
      description: 'The username in any case, or the email address.',
      example: 'ada',
    }),
    password: text(1, 128).openapi({ example: 'correct horse battery staple' }),
    grant_type: z.literal('password').optional(),
  })
  .openapi('TokenRequest');

export const TokenSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().openapi({ example: 1800 }),
  })
  .openapi('Token');
