/** Users: parse → one statement or batch → respond. Errors are thrown and become problems. */
import { actAs, deadToken, readAs } from '../../auth/authorize.ts';
import { ifMatching, manageUser } from '../../auth/policies.ts';
import { ifMatch, isNotModified } from '../../lib/etag.ts';
import { linkNextPage } from '../../lib/pagination.ts';
import { hashPassword } from '../../lib/password.ts';
import { notFound } from '../../lib/problem.ts';
import type { AppRouteHandler as Handler } from '../../types.ts';
import { userUrl } from '../paths.ts';
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
import { toOwnUser, toUser, userEtag } from './users.schemas.ts';

export const createUser: Handler<typeof createUserRoute> = async (c) => {
  const { username, email, password, full_name } = c.req.valid('json');
  const hashedPassword = await hashPassword(password);
  const user = await insertUser(c.var.db, { username, email, hashedPassword, fullName: full_name });
  c.header('Location', userUrl(user.id));
  c.header('ETag', userEtag(user, user));
  return c.json(toOwnUser(user), 201);
};

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
