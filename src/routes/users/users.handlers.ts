/** Users: parse → one statement or batch → respond. Errors are thrown and become problems. */
import { activeUserQuery } from '../../db/active-user.ts';
import { inOneTransaction } from '../../db/batch.ts';
import type { Database } from '../../db/client.ts';
import { assertActive, assertSelf, whenActive } from '../../lib/auth.ts';
import { notFound } from '../../lib/not-found.ts';
import { hashPassword } from '../../lib/password.ts';
import type { AppRouteHandler as Handler } from '../../types.ts';
import { userUrl } from '../paths.ts';
import {
  deleteActiveUser,
  findUserById,
  insertUser,
  listUsersPage,
  lockActiveUser,
  type UserChanges,
  updateActiveUser,
} from './users.repository.ts';
import type {
  createUserRoute,
  deleteUserRoute,
  getMeRoute,
  getUserRoute,
  listUsersRoute,
  patchUserRoute,
} from './users.routes.ts';
import { toUser } from './users.schemas.ts';

export const createUser: Handler<typeof createUserRoute> = async (c) => {
  const { username, email, password, full_name } = c.req.valid('json');
  const hashedPassword = await hashPassword(password);
  const user = await insertUser(c.var.db, { username, email, hashedPassword, fullName: full_name });
  c.header('Location', userUrl(user.id));
  return c.json(toUser(user), 201);
};

export const getMe: Handler<typeof getMeRoute> = async (c) => {
  return c.json(toUser(await findActiveSelf(c.var.db, c.var.userId)), 200);
};

export const listUsers: Handler<typeof listUsersRoute> = async (c) => {
  const { db, userId } = c.var;
  const page = listUsersPage(db, c.req.valid('query'));
  const [active, users] = await inOneTransaction(db, [activeUserQuery(db, userId), page]);
  assertActive(active.length === 1);
  return c.json(users.map(toUser), 200);
};

export const getUser: Handler<typeof getUserRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  const { db, userId } = c.var;
  const [active, user] = await inOneTransaction(db, [
    activeUserQuery(db, userId),
    findUserById(db, user_id),
  ]);
  assertActive(active.length === 1);
  if (!user) throw notFound('User', user_id);
  return c.json(toUser(user), 200);
};

/** Self only; the update and the re-read of the user with items are one batch. */
export const updateUser: Handler<typeof patchUserRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  const { db, userId } = c.var;
  await assertSelf(db, userId, user_id);
  const changes = await toChanges(c.req.valid('json'));
  if (Object.keys(changes).length === 0)
    return c.json(toUser(await findActiveSelf(db, userId)), 200);
  const [updated, user] = await inOneTransaction(db, [
    updateActiveUser(db, userId, changes),
    findUserById(db, userId),
  ]);
  return c.json(toUser(whenActive(updated.length === 1, user)), 200);
};

/** Self only; locks, reads (with the items that go with it) and deletes the user in one batch. */
export const deleteUser: Handler<typeof deleteUserRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  const { db, userId } = c.var;
  await assertSelf(db, userId, user_id);
  const [, user, deleted] = await inOneTransaction(db, [
    lockActiveUser(db, userId),
    findUserById(db, userId),
    deleteActiveUser(db, userId),
  ]);
  return c.json(toUser(whenActive(deleted.length === 1, user)), 200);
};

async function findActiveSelf(db: Database, userId: number) {
  const user = await findUserById(db, userId);
  return whenActive(user?.isActive === true, user);
}

async function toChanges(body: {
  username?: string;
  email?: string;
  password?: string;
  full_name?: string | null;
  is_active?: boolean;
}): Promise<UserChanges> {
  const changes: UserChanges = {
    username: body.username,
    email: body.email,
    fullName: body.full_name,
    isActive: body.is_active,
    hashedPassword: body.password === undefined ? undefined : await hashPassword(body.password),
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}
