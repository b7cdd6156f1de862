/** Item shapes: what clients send and what they get back. */
import { z } from '@hono/zod-openapi';
import { etagOf } from '../../lib/etag.ts';
import { displayText, proseText } from '../../lib/text.ts';
import { PriceSchema, pathId } from '../../lib/validation.ts';

export const ItemSchema = z
  .object({
    id: z.number().int().openapi({ example: 7 }),
    title: z.string().openapi({ example: 'Espresso machine' }),
    description: z.string().nullable().openapi({ example: 'Barely used' }),
    price: z.number().nullable().openapi({ example: 249.5 }),
    owner_id: z.number().int().openapi({ example: 1 }),
    created_at: z.iso.datetime({ offset: true }),
    updated_at: z.iso.datetime({ offset: true }),
  })
  .openapi('Item');

/** Unknown fields (including id and owner_id) are dropped, never stored. */
export const CreateItemBodySchema = z
  .object({
    title: displayText(1, 200).openapi({ example: 'Espresso machine' }),
    description: proseText(0, 5000).nullable().optional().openapi({ example: 'Barely used' }),
    price: PriceSchema.nullable().optional(),
  })
  .openapi('CreateItemBody');

/** Partial update: only the fields sent change; `{}` changes nothing. */
export const UpdateItemBodySchema = CreateItemBodySchema.partial().openapi('UpdateItemBody');

export const ItemIdParamsSchema = z.object({ item_id: pathId('item_id') });

export type ItemRow = {
  id: number;
  title: string;
  description: string | null;
  price: number | null;
  ownerId: number;
  revision: number;
  createdAt: Date | string;
  updatedAt: Date | string;
};

export function toItem(row: ItemRow): z.infer<typeof ItemSchema> {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    price: row.price,
    owner_id: row.ownerId,
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  };
}

export function itemEtag(row: ItemRow): string {
  return etagOf('item', row.id, row.revision);
}

/** Relational queries return timestamps inside JSON as strings, plain selects as Dates. */
export function toIso(value: Date | string): string {
  return new Date(value).toISOString();
}
