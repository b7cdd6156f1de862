/**
 * The scale benchmark's data, made by Postgres itself (generate_series): 100,000 users and
 * 1,000,000 items, 20,000 of them owned by one heavy user. Minutes on real Postgres, not hours.
 */
import pg from 'pg';
import { hashPassword } from '../../src/lib/password.ts';

export const USERS = 100_000;
export const ITEMS = 1_000_000;
export const HEAVY_ITEMS = 20_000;
export const PASSWORD = 'scale-password-123';

export interface ScaleData {
  heavy: { id: number; username: string };
  firstItemId: number;
  lastItemId: number;
}

export async function loadScaleData(url: string, log: (line: string) => void): Promise<ScaleData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const hash = await hashPassword(PASSWORD);
    const started = Date.now();
    await client.query(
      `insert into users (username, email, hashed_password)
       select 'scale_' || g, 'scale_' || g || '@example.com', $1 from generate_series(1, $2) g`,
      [hash, USERS],
    );
    const { rows } = await client.query(
      'select min(id) as first, max(id) as last from users where username like $1',
      ['scale\\_%'],
    );
    const first = Number(rows[0].first);
    const last = Number(rows[0].last);
    // The heavy user first, so their items are the oldest: a deep page of theirs is a deep page.
    await client.query(
      `insert into items (title, description, price, owner_id)
       select 'heavy ' || g, 'an item of the heavy user', 9.99, $1 from generate_series(1, $2) g`,
      [first, HEAVY_ITEMS],
    );
    await client.query(
      `insert into items (title, description, price, owner_id)
       select 'item ' || g, 'item number ' || g, (g % 1000) + 0.99, $1 + 1 + (g % ($2 - $1))
       from generate_series(1, $3) g`,
      [first, last, ITEMS - HEAVY_ITEMS],
    );
    await client.query('analyze users');
    await client.query('analyze items');
    const range = await client.query('select min(id) as first, max(id) as last from items');
    log(
      `loaded ${USERS} users and ${ITEMS} items in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    return {
      heavy: { id: first, username: 'scale_1' },
      firstItemId: Number(range.rows[0].first),
      lastItemId: Number(range.rows[0].last),
    };
  } finally {
    await client.end();
  }
}
