import { RequestError } from "../errors";
import type { HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import { geoIpTableSchema } from "../store/geoip-table";
import type { Tenant } from "../tenant";

/** `GET /local/geoip`: a local extension, the table `event.request.geoip` is read from. */
export function getGeoIp(tenant: Tenant): Reply {
  return jsonReply(200, tenant.stores.geoip.current());
}

/**
 * `PUT /local/geoip`: replaces the whole table, so a test can log in "from" any country. JSON only: a cross-site
 * page can send neither a PUT nor a JSON body without a CORS preflight, which the tenant never grants.
 */
export async function putGeoIp(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const body = await req.body();
  if (body.type !== "json") {
    throw new RequestError("unsupported_media_type", "PUT /local/geoip takes an application/json body.", 415);
  }
  const parsed = geoIpTableSchema.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new RequestError("invalid_geoip_table", `Invalid geoip table: ${where}${issue?.message ?? "invalid body"}`, 400);
  }
  await tenant.stores.geoip.replace(parsed.data);
  tenant.log(`geoip table replaced: ${Object.keys(parsed.data.addresses).length} address(es) and a default`);
  return jsonReply(200, tenant.stores.geoip.current());
}
