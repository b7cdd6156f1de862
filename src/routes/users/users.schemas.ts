/** User shapes: what clients send and what they get back (never a password or its hash). */
import { z } from '@hono/zod-openapi';
import { pathId, text } from '../../lib/validation.ts';
import { type ItemRow, ItemSchema, toIso, toItem } from '../items/items.schemas.ts';

export const UserSchema = z
  .object({
    id: z.number().int().openapi({ example: 1 }),
    username: z.string().openapi({ example: 'ada' }),
    email: z.string().openapi({ example: 'ada@example.com' }),
    full_name: z.string().nullable().openapi({ example: 'Ada Lovelace' }),
    is_active: z.boolean(),
    last_login: z.iso.datetime({ offset: true }).nullable(),
    items: z.array(ItemSchema),
    created_at: z.iso.datetime({ offset: true }),
    updated_at: z.iso.datetime({ offset: true }),
  })
  .openapi('User');

const email = z
  .email('must be a valid email address')
  .max(254, 'must be at most 254 characters')
  .openapi({ example: 'ada@example.com' });

/** Unknown fields (including id and hashed_password) are dropped, never stored. */
export const CreateUserBodySchema = z
  .object({
    username: text(3, 50).openapi({ example: 'ada' }),
    email,
    password: text(8, 128).openapi({ example: 'correct horse battery staple' }),
    full_name: text(0, 200).nullable().optional().openapi({ example: 'Ada Lovelace' }),
  })
  .openapi('CreateUserBody');

/** Partial update: only the fields sent change; `{}` changes nothing. */
export const UpdateUserBodySchema = CreateUserBodySchema.extend({ is_active: z.boolean() })
  .partial()
  .openapi('UpdateUserBody');

export const UserIdParamsSchema = z.object({ user_id: pathId('user_id') });

export type UserRow = {
  id: number;
  username: string;
  email: string;
  fullName: string | null;
  isActive: boolean;
  lastLogin: Date | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  items: ItemRow[];
};

export function toUser(row: UserRow): z.infer<typeof UserSchema> {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    full_name: row.fullName,
    is_active: row.isActive,
    last_login: row.lastLogin === null ? null : toIso(row.lastLogin),
    items: row.items.map(toItem),
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  };
}
