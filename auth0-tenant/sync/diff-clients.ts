import type { DesiredClient } from "../tenant/desired-state-types";
import { SyncError } from "./errors";
import { setChange, valueChange } from "./field-changes";
import type { ClientPlan } from "./plan-types";
import type { ExistingClient } from "./tenant-api";

/** The `client_metadata` key that marks a client as managed by the sync, with the desired client's key as value. */
export const SYNC_KEY_METADATA = "tenant_sync_key";

/**
 * Compares one desired client with the tenant's. The client is found by its sync key in `client_metadata`; failing
 * that, by name among the clients without a key (a client made by hand before the sync is adopted, not duplicated).
 */
export function diffClient(desired: DesiredClient, clients: ExistingClient[]): ClientPlan {
  const existing = findClient(desired, clients);
  const input = {
    name: desired.name,
    app_type: desired.app_type,
    callbacks: desired.callbacks,
    allowed_logout_urls: desired.allowed_logout_urls,
    web_origins: desired.web_origins,
    grant_types: desired.grant_types,
    token_endpoint_auth_method: desired.token_endpoint_auth_method,
    // Other metadata on the client is kept: PATCH replaces the whole object.
    client_metadata: { ...existing?.client_metadata, [SYNC_KEY_METADATA]: desired.key },
  };
  const plan = { key: desired.key, name: desired.name, input };
  if (!existing) return { ...plan, kind: "create", changes: [] };
  const changes = [
    ...valueChange("name", existing.name, desired.name),
    ...valueChange("app_type", existing.app_type, desired.app_type),
    ...setChange("callbacks", existing.callbacks, desired.callbacks),
    ...setChange("allowed_logout_urls", existing.allowed_logout_urls, desired.allowed_logout_urls),
    ...setChange("web_origins", existing.web_origins, desired.web_origins),
    ...setChange("grant_types", existing.grant_types, desired.grant_types),
    ...valueChange(
      "token_endpoint_auth_method",
      existing.token_endpoint_auth_method,
      desired.token_endpoint_auth_method,
    ),
    ...valueChange(`client_metadata.${SYNC_KEY_METADATA}`, existing.client_metadata[SYNC_KEY_METADATA], desired.key),
  ];
  return { ...plan, existing, kind: changes.length > 0 ? "update" : "unchanged", changes };
}

function findClient(desired: DesiredClient, clients: ExistingClient[]): ExistingClient | undefined {
  const byKey = clients.filter((client) => client.client_metadata[SYNC_KEY_METADATA] === desired.key);
  const candidates =
    byKey.length > 0
      ? byKey
      : clients.filter(
          (client) => client.name === desired.name && client.client_metadata[SYNC_KEY_METADATA] === undefined,
        );
  if (candidates.length > 1) {
    throw new SyncError(
      "ERR_SYNC_AMBIGUOUS",
      `${candidates.length} clients on the tenant could be "${desired.name}" ` +
        `(${candidates.map((client) => client.client_id).join(", ")}): delete or rename the extra ones, or set ` +
        `client_metadata.${SYNC_KEY_METADATA}="${desired.key}" on the one to keep.`,
    );
  }
  return candidates[0];
}
