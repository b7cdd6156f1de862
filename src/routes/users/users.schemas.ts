/** User shapes: what clients send and what they get back (never a password or its hash). */
import { z } from '@hono/zod-openapi';
import { etagOf } from '../../lib/etag.ts';
import { displayText, text } from '../../lib/text.ts';
import { EmailSchema, pathId, UsernameSchema } from '../../lib/validation.ts';
import { type ItemRow, ItemSchema, toIso, toItem } from '../items/items.schemas.ts';

/** How many of a user's items their representation nests (the README derives why 5). */
export const NESTED_ITEMS = 5;

/** The most users a page holds: each nests up to NESTED_ITEMS items (see the README's bound). */
export const USERS_PAGE_MAX = 15;

const userFields = {
  id: z.number().int().openapi({ example: 1 }),
  username: z.string().openapi({ example: 'ada' }),
  full_name: z.string().nullable().openapi({ example: 'Ada Lovelace' }),
  is_active: z.boolean(),
  items: z.array(ItemSchema).openapi({
    description: `The user's first ${NESTED_ITEMS} items by id; all of them at /users/{user_id}/items.`,
  }),
  items_count: z.number().int().openapi({ description: 'How many items the user has in all.' }),
  created_at: z.iso.datetime({ offset: true }),
};

/** A user as anyone else sees them: nothing that says how to reach them or when they log in. */
export const PublicUserSchema = z
  .object(userFields)
  .openapi('PublicUser', { description: 'A user as other users see them.' });

/** A user as they themselves see their account. */
export const UserSchema = z
  .object({
    ...userFields,
    email: z.string().openapi({ example: 'ada@example.com' }),
    is_superuser: z.boolean(),
    last_login: z.iso.datetime({ offset: true }).nullable(),
    updated_at: z.iso.datetime({ offset: true }),
  })
  .openapi('User', {
    description: 'A user as they themselves (or a superuser) see the account.',
  });

/** Whichever of the two the caller may see: the full account if it is theirs or they operate. */
export const VisibleUserSchema = z.union([UserSchema, PublicUserSchema]);

const password = text(8, 128).openapi({ example: 'correct horse battery staple' });

/** Unknown fields (including id and hashed_password) are dropped, never stored. */
export const CreateUserBodySchema = z
  .object({
    username: UsernameSchema,
    email: EmailSchema,
    password,
    full_name: displayText(0, 200).nullable().optional().openapi({ example: 'Ada Lovelace' }),
  })
  .openapi('CreateUserBody');

export const PASSWORD_ENDPOINT = 'PUT /api/v1/users/me/password';

/** Partial update: only the fields sent change; `{}` changes nothing. Never the password. */
export const UpdateUserBodySchema = CreateUserBodySchema.omit({ password: true })
  .extend({
    is_active: z.boolean(),
    is_superuser: z.boolean().openapi({ description: 'Superusers only (403 for anyone else).' }),
    // Any value is refused; the schema says so with `not: {}` (nothing matches).
    password: z
      .unknown()
      .refine(() => false, `cannot be changed here; use ${PASSWORD_ENDPOINT}`)
      .openapi({
        not: {},
        description: `Not accepted: change a password with ${PASSWORD_ENDPOINT}.`,
      }),
  })
  .partial()
  .openapi('UpdateUserBody');

export const ChangePasswordBodySchema = z
  .object({
    current_password: text(1, 128).openapi({ example: 'correct horse battery staple' }),
    new_password: password.openapi({
      description: 'Must differ from current_password (422 otherwise).',
    }),
  })
  .refine((body) => body.new_password !== body.current_password, {
    path: ['new_password'],
    message: 'must differ from the current password',
  })
  .openapi('ChangePasswordBody');

export const UserIdParamsSchema = z.object({ user_id: pathId('user_id') });

export type UserRow = {
  id: number;
  username: string;
  email: string;
  fullName: string | null;
  isActive: boolean;
  isSuperuser: boolean;
  lastLogin: Date | string | null;
  revision: number;
  createdAt: Date | string;
  updatedAt: Date | string;
  items: ItemRow[];
  itemsCount: number;
};

/** Who is looking: the account's owner and superusers see all of it, anyone else the public part. */
export interface Viewer {
  id: number;
  isSuperuser: boolean;
}

export function toPublicUser(row: UserRow): z.infer<typeof PublicUserSchema> {
  return {
    id: row.id,
    username: row.username,
    full_name: row.fullName,
    is_active: row.isActive,
    items: row.items.map(toItem),
    items_count: row.itemsCount,
    created_at: toIso(row.createdAt),
  };
}

/** The account as its owner (or a superuser) sees it. */
export function toOwnUser(row: UserRow): z.infer<typeof UserSchema> {
  return {
    ...toPublicUser(row),
    email: row.email,
    is_superuser: row.isSuperuser,
    last_login: row.lastLogin === null ? null : toIso(row.lastLogin),
    updated_at: toIso(row.updatedAt),
  };
}

function seesAll(row: UserRow, viewer: Viewer): boolean {
  return viewer.id === row.id || viewer.isSuperuser;
}

export function toUser(row: UserRow, viewer: Viewer): z.infer<typeof VisibleUserSchema> {
  return seesAll(row, viewer) ? toOwnUser(row) : toPublicUser(row);
}

/** One ETag per revision and representation: the full account and its public part differ. */
export function userEtag(row: UserRow, viewer: Viewer): string {
  return etagOf('user', row.id, row.revision, seesAll(row, viewer) ? 'full' : 'public');
}
