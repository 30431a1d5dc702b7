import { z } from "zod";
import type { HttpRequest } from "../http/request";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import type { StoredRole } from "../store/roles";
import type { StoredUser } from "../store/users";
import type { Tenant } from "../tenant";
import { authorizeManagement } from "./authorize-management";
import { listResponse } from "./paginate";
import { notFound, readJsonBody } from "./validation";

const createSchema = z.strictObject({ name: z.string().min(1).max(50), description: z.string().max(140).optional() });
const rolesBodySchema = z.strictObject({ roles: z.array(z.string().min(1)).min(1) });

const ROLE_NOT_FOUND = "The role does not exist.";
const USER_NOT_FOUND = "The user does not exist.";

export async function listRoles(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:roles"]);
  const filter = req.query.name_filter?.toLowerCase();
  const roles = tenant.stores.roles.list().filter((role) => filter === undefined || role.name.toLowerCase().includes(filter));
  return jsonReply(200, listResponse(roles, req.query, "roles"));
}

export async function createRole(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:roles"]);
  const role = await tenant.stores.roles.create(await readJsonBody(req, createSchema));
  tenant.log(`management API: role "${role.name}" created (${role.id})`);
  return jsonReply(200, role);
}

export async function getRole(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:roles"]);
  return jsonReply(200, requireRole(tenant, req.params.id ?? ""));
}

/** `GET /roles/{id}/users`: the users holding the role, as `{ user_id, email, picture, name }`. */
export async function getRoleUsers(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:role_members"]);
  const role = requireRole(tenant, req.params.id ?? "");
  const members = tenant.stores.users
    .list()
    .filter((user) => (user.roles ?? []).includes(role.name))
    .map(({ user_id, email, picture, name }) => ({ user_id, email, picture, name }));
  return jsonReply(200, listResponse(members, req.query, "users"));
}

export async function getUserRoles(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:users", "read:roles"]);
  const user = requireUser(tenant, req);
  const roles = (user.roles ?? []).map((name) => tenant.stores.roles.findByName(name)).filter((role) => role !== undefined);
  return jsonReply(200, listResponse(roles, req.query, "roles"));
}

/** Assigning a role the user holds already is a no-op, as on Auth0; every id must be a role of the tenant. */
export async function assignUserRoles(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:users", "create:role_members"]);
  const user = requireUser(tenant, req);
  const { roles } = await readJsonBody(req, rolesBodySchema);
  const names = roles.map((id) => requireRole(tenant, id).name);
  await tenant.stores.users.update(user.user_id, { roles: [...new Set([...(user.roles ?? []), ...names])] });
  tenant.log(`management API: roles [${names.join(", ")}] assigned to ${user.email}`);
  return emptyReply(204);
}

export async function removeUserRoles(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:users", "delete:role_members"]);
  const user = requireUser(tenant, req);
  const { roles } = await readJsonBody(req, rolesBodySchema);
  const names = new Set(roles.map((id) => requireRole(tenant, id).name));
  await tenant.stores.users.update(user.user_id, { roles: (user.roles ?? []).filter((name) => !names.has(name)) });
  tenant.log(`management API: roles [${[...names].join(", ")}] removed from ${user.email}`);
  return emptyReply(204);
}

function requireRole(tenant: Tenant, id: string): StoredRole {
  const role = tenant.stores.roles.get(id);
  if (!role) throw notFound(ROLE_NOT_FOUND, "inexistent_role");
  return role;
}

function requireUser(tenant: Tenant, req: HttpRequest): StoredUser {
  const user = tenant.stores.users.findById(req.params.id ?? "");
  if (!user) throw notFound(USER_NOT_FOUND, "inexistent_user");
  return user;
}
