/** Users: parse → one statement or batch → respond. Errors are thrown and become problems. */
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actAs, deadToken, readAs } from '../../auth/authorize.ts';
import { ifMatching, manageUser } from '../../auth/policies.ts';
import { inOneTransaction } from '../../db/batch.ts';
import type { Database } from '../../db/client.ts';
import { findEarlier, type Once, toEarlier } from '../../db/idempotency.ts';
import { mapRows } from '../../db/insert-where.ts';
import { users } from '../../db/schema.ts';
import { ifMatch, isNotModified } from '../../lib/etag.ts';
import { keyInUse, markReplayed, onceFor, Replay, replayOf } from '../../lib/idempotency.ts';
import { linkNextPage } from '../../lib/pagination.ts';
import { hashPassword } from '../../lib/password.ts';
import { notFound } from '../../lib/problem.ts';
import type { AppRouteHandler as Handler } from '../../types.ts';
import { userUrl } from '../paths.ts';
import {
  deleteUser as deleteUserRow,
  findUserById,
  insertUser,
  insertUserOnce,
  listUsersPage,
  toNewUser,
  type UserChanges,
  updateUser as updateUserRow,
} from './users.repository.ts';
import type {
  createUserRoute,
  deleteUserRoute,
  getMeRoute,
  getUserRoute,
  listUsersRoute,
  patchUserRoute,
} from './users.routes.ts';
import {
  type CreateUserBodySchema,
  toOwnUser,
  toUser,
  type UserRow,
  userEtag,
} from './users.schemas.ts';

/** With an Idempotency-Key, a repeat is answered from the record before any password hashing. */
export const createUser: Handler<typeof createUserRoute> = async (c) => {
  const body = c.req.valid('json');
  const { db } = c.var;
  const once = await onceFor(c, body);
  const earlier = once && replayOf(once, toEarlier(await findEarlier(db, once)));
  const created = earlier ?? (await signUp(db, body, once));
  const user = created instanceof Replay ? replayed(c, created) : created;
  c.header('Location', userUrl(user.id));
  c.header('ETag', userEtag(user, user));
  return c.json(toOwnUser(user), 201);
};

/** The insert (one round trip), or with a key the insert and its record, or the recorded answer. */
async function signUp(
  db: Database,
  body: z.infer<typeof CreateUserBodySchema>,
  once: Once | undefined,
): Promise<UserRow | Replay> {
  const { username, email, password, full_name } = body;
  const values = {
    username,
    email,
    hashedPassword: await hashPassword(password),
    fullName: full_name,
  };
  if (!once) return insertUser(db, values);
  const [, inserted, found] = await inOneTransaction(db, insertUserOnce(db, values, once));
  const [row] = mapRows(users, inserted);
  if (row) return toNewUser(row);
  // Nothing inserted and nothing recorded: the key was held by another request when this ran.
  const replay = replayOf(once, toEarlier(found));
  if (replay) return replay;
  throw keyInUse();
}

/** The user an earlier request with the key created, as it was then. */
function replayed(c: Context, replay: Replay): UserRow {
  markReplayed(c);
  const [row] = mapRows(users, { rows: [replay.resource] });
  if (!row) throw new Error('an Idempotency-Key record without its row');
  return toNewUser(row);
}

export const getMe: Handler<typeof getMeRoute> = async (c) => {
  const { db, caller } = c.var;
  const [me, user] = await readAs(db, caller, findUserById(db, caller.id));
  if (!user) throw deadToken();
  if (isNotModified(c, userEtag(user, me))) return c.body(null, 304);
  return c.json(toOwnUser(user), 200);
};

export const listUsers: Handler<typeof listUsersRoute> = async (c) => {
  const { db, caller } = c.var;
  const page = c.req.valid('query');
  const [me, users] = await readAs(db, caller, listUsersPage(db, page));
  linkNextPage(c, users, page);
  return c.json(
    users.map((user) => toUser(user, me)),
    200,
  );
};

export const getUser: Handler<typeof getUserRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  const { db, caller } = c.var;
  const [me, user] = await readAs(db, caller, findUserById(db, user_id));
  if (!user) throw notFound('User', user_id);
  if (isNotModified(c, userEtag(user, me))) return c.body(null, 304);
  return c.json(toUser(user, me), 200);
};

/**
 * The user themselves or a superuser (is_superuser: superusers only); the update and the re-read
 * of the user with items are one batch.
 */
export const updateUser: Handler<typeof patchUserRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  const { db, caller } = c.var;
  const changes = toChanges(c.req.valid('json'));
  const change = {
    superuserFields: changes.isSuperuser !== undefined,
    removesSuperuser: changes.isActive === false || changes.isSuperuser === false,
  };
  const policy = ifMatching(manageUser(user_id, change), ifMatch(c, 'user', user_id));
  if (Object.keys(changes).length === 0) {
    const [me, user] = await actAs(db, caller, policy, (permission) => [
      findUserById(db, user_id, permission),
    ]);
    c.header('ETag', userEtag(user, me));
    return c.json(toUser(user, me), 200);
  }
  const [me, , user] = await actAs(db, caller, policy, (permission) => [
    updateUserRow(db, user_id, changes, permission),
    findUserById(db, user_id),
  ]);
  if (!user) throw notFound('User', user_id);
  c.header('ETag', userEtag(user, me));
  return c.json(toUser(user, me), 200);
};

/**
 * The user themselves or a superuser (never the last active superuser): reads the user with the
 * items that go with it, then deletes it, in one batch.
 */
export const deleteUser: Handler<typeof deleteUserRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  const { db, caller } = c.var;
  const policy = ifMatching(
    manageUser(user_id, { removesSuperuser: true }),
    ifMatch(c, 'user', user_id),
  );
  const [me, user] = await actAs(db, caller, policy, (permission) => [
    findUserById(db, user_id, permission),
    deleteUserRow(db, user_id, permission),
  ]);
  return c.json(toUser(user, me), 200);
};

function toChanges(body: {
  username?: string;
  email?: string;
  full_name?: string | null;
  is_active?: boolean;
  is_superuser?: boolean;
}): UserChanges {
  const changes: UserChanges = {
    username: body.username,
    email: body.email,
    fullName: body.full_name,
    isActive: body.is_active,
    isSuperuser: body.is_superuser,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}
