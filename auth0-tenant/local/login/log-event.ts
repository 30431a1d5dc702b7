import type { HttpRequest } from "../http/request";
import type { LogEventType } from "../store/log-events";
import type { StoredUser } from "../store/users";
import { DATABASE_CONNECTION } from "../store/users";
import type { Tenant } from "../tenant";

/** One entry of the tenant's log (`/api/v2/logs`) for a login step, with the fields Auth0 fills for a database login. */
export function recordLoginEvent(
  tenant: Tenant,
  req: HttpRequest,
  entry: { type: LogEventType; description: string; clientId: string; user?: StoredUser; userName?: string },
): void {
  const connection = tenant.stores.connections.list().find((candidate) => candidate.name === DATABASE_CONNECTION);
  tenant.logEvents.record({
    type: entry.type,
    description: entry.description,
    client_id: entry.clientId,
    client_name: tenant.stores.clients.get(entry.clientId)?.name ?? "",
    ip: req.ip,
    ...(req.userAgent ? { user_agent: req.userAgent } : {}),
    hostname: req.host,
    ...(entry.user ? { user_id: entry.user.user_id } : {}),
    user_name: entry.user?.email ?? entry.userName ?? "",
    connection: DATABASE_CONNECTION,
    ...(connection ? { connection_id: connection.id } : {}),
    strategy: "auth0",
    strategy_type: "database",
  });
}
