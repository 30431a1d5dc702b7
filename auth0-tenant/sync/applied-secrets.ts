import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { LiteralSecret } from "../tenant/desired-state-types";
import { SyncError } from "./errors";
import type { ExistingAction } from "./tenant-api";
import { writePrivateFile } from "../tooling/private-file";

/**
 * How the sync knows whether an Action secret changed, given that Auth0 never returns secret values.
 *
 * After it applies an Action's secrets, the sync records, per tenant in the git-ignored `.data/tenant-sync/`, the
 * Action's id and, per secret, a SHA-256 of name and value and the `updated_at` the tenant reports for it. A later
 * run calls a secret unchanged only when all three still agree: same Action id, same `updated_at` (nobody edited it
 * in the dashboard since), same hash. In every other case (first sync from this checkout, record deleted, edited
 * elsewhere) the value cannot be known, so the plan says so and the secrets are applied again: re-applying a correct
 * value is harmless, keeping a wrong one breaks logins.
 */
const recordSchema = z.object({
  tenant: z.string(),
  actions: z.record(
    z.string(),
    z.object({
      action_id: z.string(),
      secrets: z.record(z.string(), z.object({ sha256: z.string(), updated_at: z.string().optional() })),
    }),
  ),
});

export type AppliedSecrets = z.infer<typeof recordSchema>;
export type AppliedActionSecrets = AppliedSecrets["actions"][string];

export function emptyAppliedSecrets(tenant: string): AppliedSecrets {
  return { tenant, actions: {} };
}

/** One file per tenant, named after its domain. */
export function appliedSecretsFile(stateDir: string, tenant: string): string {
  return path.join(stateDir, `${tenant.replace(/[^A-Za-z0-9.-]/g, "_")}.applied-secrets.json`);
}

/** The hash stored for a secret; the secrets it is used for are random or public, so no salt is needed. */
export function secretFingerprint(secret: LiteralSecret): string {
  return createHash("sha256").update(secret.name).update("\0").update(secret.value).digest("hex");
}

export async function loadAppliedSecrets(file: string, tenant: string): Promise<AppliedSecrets> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyAppliedSecrets(tenant);
    throw new SyncError("ERR_SYNC_STATE_FILE", `Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: ReturnType<typeof recordSchema.safeParse>;
  try {
    parsed = recordSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = recordSchema.safeParse(undefined);
  }
  if (!parsed.success || parsed.data.tenant !== tenant) {
    throw new SyncError(
      "ERR_SYNC_STATE_FILE",
      `${file} is not a record of secrets applied to ${tenant}. Delete it: the next sync then re-applies every secret.`,
    );
  }
  return parsed.data;
}

export async function saveAppliedSecrets(file: string, record: AppliedSecrets): Promise<void> {
  try {
    await writePrivateFile(file, `${JSON.stringify(record, null, 2)}\n`);
  } catch (error) {
    throw new SyncError("ERR_SYNC_STATE_FILE", `Cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** The record after `secrets` were applied to `action` (as the tenant reports it once built). */
export function withAppliedAction(
  record: AppliedSecrets,
  action: ExistingAction,
  secrets: LiteralSecret[],
): AppliedSecrets {
  const updatedAt = new Map(action.secrets.map((secret) => [secret.name, secret.updated_at]));
  const entry: AppliedActionSecrets = {
    action_id: action.id,
    secrets: Object.fromEntries(
      secrets.map((secret) => {
        const at = updatedAt.get(secret.name);
        return [secret.name, { sha256: secretFingerprint(secret), ...(at === undefined ? {} : { updated_at: at }) }];
      }),
    ),
  };
  return { ...record, actions: { ...record.actions, [action.name]: entry } };
}
