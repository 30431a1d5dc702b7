import type { ActionSecret, LiteralSecret } from "../tenant/desired-state-types";
import { SyncError } from "./errors";
import type { ExistingClient } from "./tenant-api";

/**
 * Action secrets whose value is a managed client's credential (`fromClient`). A client that exists gives its value
 * when the plan is made, so the plan can tell whether the secret changed; a client this sync is about to create
 * gives it only once created, at apply time.
 */

/**
 * The secrets with every value the plan can know: literal ones, and those of clients on the tenant. Secrets of a
 * client still to be created stay references.
 *
 * @example
 * planSecrets("groups", [{ name: "CLIENT_ID", fromClient: { key: "groups-action", field: "client_id" } }], existingByKey);
 * // [{ name: "CLIENT_ID", value: "abc123" }]
 * @throws {SyncError} `ERR_SYNC_CLIENT_SECRET_UNREADABLE` when the client exists but the credentials may not read its secret.
 */
export function planSecrets(
  actionName: string,
  secrets: readonly ActionSecret[],
  existingClients: ReadonlyMap<string, ExistingClient | undefined>,
): ActionSecret[] {
  return secrets.map((secret) => {
    if (!("fromClient" in secret)) return secret;
    const client = existingClients.get(secret.fromClient.key);
    return client ? { name: secret.name, value: credentialOf(actionName, secret, client) } : secret;
  });
}

/**
 * Every secret with its value, once the clients exist (`clients`: the clients after the apply, by key).
 *
 * @example
 * resolveSecrets("groups", plannedSecrets, appliedClients); // [{ name: "CLIENT_ID", value: "abc123" }, …]
 * @throws {SyncError} when a secret's client is missing or its secret was not returned.
 */
export function resolveSecrets(
  actionName: string,
  secrets: readonly ActionSecret[],
  clients: ReadonlyMap<string, ExistingClient>,
): LiteralSecret[] {
  return secrets.map((secret) => {
    if (!("fromClient" in secret)) return secret;
    const client = clients.get(secret.fromClient.key);
    if (!client) {
      throw new SyncError(
        "ERR_SYNC_DESIRED_STATE",
        `The Action ${actionName} takes ${secret.name} from the client ${secret.fromClient.key}, which the sync did not find or create.`,
      );
    }
    return { name: secret.name, value: credentialOf(actionName, secret, client) };
  });
}

function credentialOf(
  actionName: string,
  secret: Extract<ActionSecret, { fromClient: unknown }>,
  client: ExistingClient,
): string {
  const value = secret.fromClient.field === "client_id" ? client.client_id : client.client_secret;
  if (!value) {
    throw new SyncError(
      "ERR_SYNC_CLIENT_SECRET_UNREADABLE",
      `The Action ${actionName} needs the client secret of "${client.name}" as ${secret.name}, and these management ` +
        "credentials cannot read client secrets: grant the management client read:client_keys.",
    );
  }
  return value;
}
