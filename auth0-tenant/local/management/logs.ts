import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import type { LogEvent } from "../store/log-events";
import type { Tenant } from "../tenant";
import { authorizeManagement } from "./authorize-management";
import { pageOf, readPageRequest } from "./paginate";
import { parseUserQuery } from "./user-search";
import { notFound } from "./validation";

/**
 * `GET /logs`: newest first; `q` (or `search`) in the user search's syntax over the event's fields (`type:fp`, `user_id:"…"`),
 * paged by `page`/`per_page`/`include_totals`, or by checkpoint (`from` = a log_id, `take`), as Auth0 does.
 */
export async function listLogs(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:logs"]);
  // Auth0 documents `q`; the `auth0` SDK sends it as `search`.
  const predicate = parseUserQuery(req.query.q ?? req.query.search ?? "");
  const events = tenant.logEvents.list().filter((event) => predicate(event as unknown as Record<string, unknown>));
  if (req.query.from !== undefined || req.query.take !== undefined) {
    const take = Number(req.query.take ?? 50);
    if (!Number.isSafeInteger(take) || take < 1 || take > 100) {
      throw new ManagementApiError("invalid_query_string", "take must be between 1 and 100", 400);
    }
    // Checkpoint paging walks forward in time from `from`.
    const ascending = [...events].reverse();
    const start = req.query.from === undefined ? 0 : ascending.findIndex((event) => event.log_id > (req.query.from ?? ""));
    return jsonReply(200, start < 0 ? [] : ascending.slice(start, start + take));
  }
  return jsonReply(200, paged(events, req));
}

export async function getLog(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:logs"]);
  const event = tenant.logEvents.get(req.params.id ?? "");
  if (!event) throw notFound("The log event does not exist.", "inexistent_log");
  return jsonReply(200, event);
}

/** `GET /users/{id}/logs`: that user's events, newest first. */
export async function listUserLogs(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:logs", "read:logs_users"]);
  const userId = req.params.id ?? "";
  if (!tenant.stores.users.findById(userId)) throw notFound("The user does not exist.", "inexistent_user");
  return jsonReply(200, paged(tenant.logEvents.list().filter((event) => event.user_id === userId), req));
}

function paged(events: LogEvent[], req: HttpRequest): unknown {
  const page = readPageRequest(req.query, 50);
  const selected = pageOf(events, page);
  return page.includeTotals
    ? { start: page.page * page.perPage, limit: page.perPage, length: selected.length, total: events.length, logs: selected }
    : selected;
}
