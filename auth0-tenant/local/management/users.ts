import { z } from "zod";
import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import { mergeMetadata } from "../store/metadata-merge";
import { DATABASE_CONNECTION, publicUser, type StoredUser, type UserChanges } from "../store/users";
import type { Tenant } from "../tenant";
import { authorizeManagement } from "./authorize-management";
import { pageOf, readPageRequest } from "./paginate";
import { parseUserQuery } from "./user-search";
import { notFound, readJsonBody } from "./validation";

const metadata = z.record(z.string(), z.unknown());
const profileFields = {
  email: z.email(),
  email_verified: z.boolean(),
  name: z.string().min(1),
  nickname: z.string().min(1),
  picture: z.string(),
  given_name: z.string().min(1).max(150),
  family_name: z.string().min(1).max(150),
  blocked: z.boolean(),
  password: z.string().min(8, "the password must have at least 8 characters"),
  app_metadata: metadata,
  user_metadata: metadata,
  /** Local extensions: `event.authorization.roles` and the directory groups an Action reads. */
  roles: z.array(z.string()),
  groups: z.array(z.string()),
  /** Accepted for compatibility; the local tenant sends no email. */
  verify_email: z.boolean(),
};
const connection = z.literal(DATABASE_CONNECTION, `the local tenant has one connection: ${DATABASE_CONNECTION}`);
const createSchema = z.strictObject({ ...profileFields, connection }).partial().required({
  connection: true,
  email: true,
  password: true,
});
const patchSchema = z.strictObject({ ...profileFields, connection }).partial();

const USER_NOT_FOUND = "The user does not exist.";

export async function createUser(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:users"]);
  const { connection: _connection, verify_email: _verify, ...input } = await readJsonBody(req, createSchema);
  const user = await tenant.stores.users.create(input);
  tenant.log(`management API: user ${user.email} created (${user.user_id})`);
  return jsonReply(201, publicUser(user));
}

export async function getUser(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:users"]);
  return jsonReply(200, publicUser(requireUser(tenant, req)));
}

/**
 * Root attributes replace; `app_metadata` and `user_metadata` merge at the first level (`null` deletes a key,
 * `{}` clears them). A body touching metadata only may use a token with `update:users_app_metadata`.
 */
export async function patchUser(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const caller = await authorizeManagement(tenant, req, ["update:users", "update:users_app_metadata"]);
  const body = await readJsonBody(req, patchSchema);
  const metadataOnly = Object.keys(body).every((key) => key === "app_metadata" || key === "user_metadata");
  if (!metadataOnly && !caller.scopes.has("update:users")) {
    throw new ManagementApiError("insufficient_scope", "Insufficient scope, expected any of: update:users", 403);
  }
  const user = requireUser(tenant, req);
  const { connection: _connection, verify_email: _verify, app_metadata: app, user_metadata: own, ...root } = body;
  const changes: UserChanges = { ...root };
  if (app) changes.app_metadata = Object.keys(app).length === 0 ? {} : mergeMetadata(user.app_metadata, app);
  if (own) changes.user_metadata = Object.keys(own).length === 0 ? {} : mergeMetadata(user.user_metadata, own);
  const updated = await tenant.stores.users.update(user.user_id, changes);
  return jsonReply(200, publicUser(updated));
}

export async function deleteUser(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["delete:users"]);
  const user = requireUser(tenant, req);
  await tenant.stores.users.delete(user.user_id);
  await tenant.stores.totpEnrollments.remove(user.user_id);
  tenant.log(`management API: user ${user.email} deleted`);
  return emptyReply(204);
}

/**
 * `GET /users`: all users, or those `q` matches (see user-search.ts), newest first unless `sort=field:1|-1`, paged
 * as Auth0 pages (`page`, `per_page` ≤ 100, `include_totals`; at most 1000 results reachable).
 */
export async function listUsers(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:users"]);
  if (req.query.search_engine !== undefined && req.query.search_engine !== "v3") {
    throw new ManagementApiError("invalid_query_string", "Query validation error: the local tenant searches with search_engine v3 only", 400);
  }
  const predicate = parseUserQuery(req.query.q ?? "");
  const users = tenant.stores.users.list().map(publicUser).filter((user) => predicate(user as Record<string, unknown>));
  const [field, direction] = (req.query.sort ?? "created_at:-1").split(":");
  const sign = direction === "1" ? 1 : -1;
  const key = (user: Record<string, unknown>) => String(user[field ?? "created_at"] ?? "");
  users.sort((a, b) => sign * key(a as Record<string, unknown>).localeCompare(key(b as Record<string, unknown>)));
  const page = readPageRequest(req.query, 50);
  if ((page.page + 1) * page.perPage > 1000) {
    throw new ManagementApiError("invalid_query_string", "You can only page through the first 1000 records.", 400);
  }
  const selected = pageOf(users, page);
  return jsonReply(200, page.includeTotals ? { start: page.page * page.perPage, limit: page.perPage, length: selected.length, total: users.length, users: selected } : selected);
}

export async function usersByEmail(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:users"]);
  if (!req.query.email) {
    throw new ManagementApiError("invalid_query_string", "Query validation error: 'Missing required property: email'", 400);
  }
  const user = tenant.stores.users.findByEmail(req.query.email);
  return jsonReply(200, user ? [publicUser(user)] : []);
}

function requireUser(tenant: Tenant, req: HttpRequest): StoredUser {
  const user = tenant.stores.users.findById(req.params.id ?? "");
  if (!user) throw notFound(USER_NOT_FOUND, "inexistent_user");
  return user;
}
