import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";

/** `GET /local/stats/tokens`: a local extension, counts of tokens minted since start (tests and the benchmark). */
export function tokenStats(tenant: Tenant): Reply {
  return jsonReply(200, tenant.stats.snapshot());
}
