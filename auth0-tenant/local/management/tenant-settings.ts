import { z } from "zod";
import type { HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { authorizeManagement } from "./authorize-management";
import { readJsonBody } from "./validation";

/** The fields whose types the local tenant checks; the rest of Auth0's settings are kept as given. */
const patchSchema = z.looseObject({
  friendly_name: z.string().optional(),
  default_audience: z.string().optional(),
  picture_url: z.string().optional(),
  support_email: z.string().optional(),
  support_url: z.string().optional(),
  enabled_locales: z.array(z.string().min(2)).optional(),
  allowed_logout_urls: z.array(z.string()).optional(),
  flags: z.record(z.string(), z.boolean()).optional(),
  session_lifetime: z.number().positive().optional(),
  idle_session_lifetime: z.number().positive().optional(),
});

export async function getTenantSettings(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:tenant_settings"]);
  return jsonReply(200, tenant.stores.tenantSettings.get());
}

export async function patchTenantSettings(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:tenant_settings"]);
  const patch = await readJsonBody(req, patchSchema);
  const settings = await tenant.stores.tenantSettings.update(patch);
  tenant.log(`management API: tenant settings updated (${Object.keys(patch).join(", ")}); kept, and only default_audience and enabled_locales applied`);
  return jsonReply(200, settings);
}
