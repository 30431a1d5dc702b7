import type { ClientPlan } from "./plan-types";
import type { EnvFilePlan } from "./plan-text";
import type { ExistingClient } from "./tenant-api";

export const CLIENT_ID_VARIABLE = "AUTH0_CLIENT_ID";
export const CLIENT_SECRET_VARIABLE = "AUTH0_CLIENT_SECRET";

const SECRET_UNREADABLE =
  `${CLIENT_SECRET_VARIABLE} cannot be read with these credentials (Auth0 needs the read:client_keys scope): ` +
  "grant it, or copy the secret from the dashboard into the env file.";

/** What the sync would write to the env file, for the plan: generated secrets, then the app client's credentials. */
export function planEnvFile(input: {
  file: string;
  fileValues: ReadonlyMap<string, string>;
  generated: Readonly<Record<string, string>>;
  appClient: ClientPlan | undefined;
}): EnvFilePlan {
  const set = Object.keys(input.generated).map((name) => ({ name, why: "generated: 32 random bytes" }));
  const notes: string[] = [];
  const client = input.appClient;
  if (client?.kind === "create") {
    set.push({ name: CLIENT_ID_VARIABLE, why: `of the new client ${client.name}` });
    set.push({ name: CLIENT_SECRET_VARIABLE, why: `of the new client ${client.name}` });
  } else if (client?.existing) {
    const updates = credentialUpdates(client.existing, input.fileValues);
    for (const name of Object.keys(updates)) set.push({ name, why: `of the client ${client.name}` });
    if (client.existing.client_secret === undefined && !input.fileValues.get(CLIENT_SECRET_VARIABLE)) {
      notes.push(SECRET_UNREADABLE);
    }
  }
  return { file: input.file, set, notes };
}

/** The app client's credentials that differ from the env file; a secret the tenant did not return is left alone. */
export function credentialUpdates(
  client: ExistingClient,
  fileValues: ReadonlyMap<string, string>,
): Record<string, string> {
  const updates: Record<string, string> = {};
  if (fileValues.get(CLIENT_ID_VARIABLE) !== client.client_id) updates[CLIENT_ID_VARIABLE] = client.client_id;
  if (client.client_secret !== undefined && fileValues.get(CLIENT_SECRET_VARIABLE) !== client.client_secret) {
    updates[CLIENT_SECRET_VARIABLE] = client.client_secret;
  }
  return updates;
}
