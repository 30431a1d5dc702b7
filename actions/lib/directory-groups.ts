import { requestJson, statusError } from "./request-json";
import { UpstreamError } from "./upstream-error";

/**
 * The user's directory `groups`, a root profile attribute that `event.user` does not carry, read from the
 * Management API (`GET /api/v2/users/{id}`, `read:users`). `undefined` when the user has no such attribute.
 *
 * @example
 * await readDirectoryGroups({ tenantUrl: "https://acme.eu.auth0.com", userId: "waad|1", accessToken, signal }); // ["engineering"]
 * @throws {UpstreamError} on a failed call or an answer that is not a user with a list of group names.
 */
export async function readDirectoryGroups(input: {
  tenantUrl: string;
  userId: string;
  accessToken: string;
  signal: AbortSignal;
}): Promise<string[] | undefined> {
  const url = `${input.tenantUrl}/api/v2/users/${encodeURIComponent(input.userId)}?fields=groups&include_fields=true`;
  const response = await requestJson("the Management API", url, {
    headers: { authorization: `Bearer ${input.accessToken}`, accept: "application/json" },
    signal: input.signal,
  });
  if (response.status !== 200) throw statusError("the Management API", response);
  if (typeof response.body !== "object" || response.body === null) {
    throw new UpstreamError("ERR_UPSTREAM_INVALID_RESPONSE", "the Management API answered without a user");
  }
  const groups = (response.body as Record<string, unknown>).groups;
  if (groups === undefined || groups === null) return undefined;
  if (!Array.isArray(groups) || !groups.every((group) => typeof group === "string")) {
    throw new UpstreamError("ERR_UPSTREAM_INVALID_RESPONSE", "the user's groups are not a list of names");
  }
  return groups;
}
