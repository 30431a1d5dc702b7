import type { HttpRequest } from "../http/request";
import type { StoredClient } from "../store/clients";
import { isCorsOrigin } from "./client-origins";

/**
 * Lets the answer carry CORS headers when the request's `Origin` is one the client allows (`isCorsOrigin`). False
 * when a browser at an origin the client does not allow sent it; true when no Origin came (a server's request).
 */
export function grantCrossOrigin(req: HttpRequest, client: StoredClient): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (!isCorsOrigin(client, origin)) return false;
  req.corsOrigin = origin;
  return true;
}
