/** Users: parse → repository → respond. Errors are thrown; the app turns them into problems. */
import { isActiveUser, withActiveUser } from '../../db/active-user.ts';
import { assertActive, assertSelf, INACTIVE_TOKEN, unauthorized } from '../../lib/auth.ts';
import { notFound } from '../../lib/not-found.ts';
import { hashPassword } from '../../lib/password.ts';
import type { AppRouteHandler as Handler } from '../../types.ts';
import {
  deleteUser as deleteUserRow,
  findUserById,
  insertUser,
  listUsersPage,
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
import { toUser } from './users.schemas.ts';

export const createUser: Handler<typeof createUserRoute> = async (c) => {
  const { username, email, password, full_name } = c.req.valid('json');
  const hashedPassword = await hashPassword(password);
  const user = await insertUser(c.var.db, { username, email, hashedPassword, fullName: full_name });
  c.header('Location', `/api/v1/users/${user.id}`);
  return c.json(toUser(user), 201);
};

export const getMe: Handler<typeof getMeRoute> = async (c) => {
  const user = await findUserById(c.var.db, c.var.userId);
  if (!user?.isActive) throw unauthorized(INACTIVE_TOKEN, 'invalid_token');
  return c.json(toUser(user), 200);
};

export const listUsers: Handler<typeof listUsersRoute> = async (c) => {
  const { db, userId } = c.var;
  const { active, result } = await withActiveUser(
    db,
    userId,
    listUsersPage(db, c.req.valid('query')),
  );
  assertActive(active);
  return c.json(result.map(toUser), 200);
};

export const getUser: Handler<typeof getUserRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  const { db, userId } = c.var;
  const { active, result: user } = await withActiveUser(db, userId, findUserById(db, user_id));
  assertActive(active);
  if (!user) throw notFound('User', user_id);
  return c.json(toUser(user), 200);
};

export const updateUser: Handler<typeof patchUserRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  assertSelf(c.var.userId, user_id);
  assertActive(await isActiveUser(c.var.db, c.var.userId));
  const body = c.req.valid('json');
  const changes: UserChanges = {
    username: body.username,
    email: body.email,
    fullName: body.full_name,
    isActive: body.is_active,
    hashedPassword: body.password === undefined ? undefined : await hashPassword(body.password),
  };
  const sent = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const user = await updateUserRow(c.var.db, user_id, sent);
  if (!user) throw notFound('User', user_id);
  return c.json(toUser(user), 200);
};

export const deleteUser: Handler<typeof deleteUserRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  assertSelf(c.var.userId, user_id);
  assertActive(await isActiveUser(c.var.db, c.var.userId));
  const user = await deleteUserRow(c.var.db, user_id);
  if (!user) throw notFound('User', user_id);
  return c.json(toUser(user), 200);
};
