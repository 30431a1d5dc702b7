import type { ActionSecret, DesiredAction } from "../tenant/desired-state-types";
import { type AppliedActionSecrets, secretFingerprint } from "./applied-secrets";
import type { ActionPlan } from "./plan-types";
import type { ExistingAction } from "./tenant-api";

/**
 * Compares one desired Action (with its bundled code, and its secrets as far as the plan knows their values: see
 * `planSecrets`) with what the tenant holds under the same name.
 */
export function diffAction(
  desired: DesiredAction,
  code: string,
  existing: ExistingAction | undefined,
  applied: AppliedActionSecrets | undefined,
  secrets: ActionSecret[],
): ActionPlan {
  const input = {
    name: desired.name,
    code,
    runtime: desired.runtime,
    dependencies: desired.dependencies,
    supported_triggers: [desired.trigger],
  };
  const plan = { name: desired.name, input, secrets };
  if (!existing) return { ...plan, kind: "create", reasons: [] };

  const reasons: string[] = [];
  if (existing.code !== code) reasons.push("code changed");
  if (existing.runtime !== desired.runtime) {
    reasons.push(`runtime ${existing.runtime || "(none)"} → ${desired.runtime}`);
  }
  if (!sameItems(existing.dependencies.map(dependencyName), desired.dependencies.map(dependencyName))) {
    reasons.push("dependencies changed");
  }
  if (!sameItems(existing.supported_triggers.map(triggerName), [triggerName(desired.trigger)])) {
    const current = existing.supported_triggers.map(triggerName).join(", ") || "(none)";
    reasons.push(`trigger ${current} → ${triggerName(desired.trigger)}`);
  }
  reasons.push(...secretReasons(secrets, existing, applied));
  if (existing.status === "failed") reasons.push("the draft on the tenant failed to build");
  if (reasons.length > 0) return { ...plan, existing, kind: "update", reasons };
  if (!existing.all_changes_deployed) {
    return { ...plan, existing, kind: "deploy", reasons: ["the draft on the tenant is not deployed"] };
  }
  return { ...plan, existing, kind: "unchanged", reasons: [] };
}

/** Names only: what was added, removed, changed, or cannot be compared (see applied-secrets.ts). */
function secretReasons(
  secrets: ActionSecret[],
  existing: ExistingAction,
  applied: AppliedActionSecrets | undefined,
): string[] {
  const onTenant = new Map(existing.secrets.map((secret) => [secret.name, secret]));
  const wanted = new Set(secrets.map((secret) => secret.name));
  const reasons: string[] = [];
  const unverifiable: string[] = [];
  for (const secret of secrets) {
    const current = onTenant.get(secret.name);
    if (!current) {
      reasons.push(`secret ${secret.name} added`);
      continue;
    }
    if ("fromClient" in secret) {
      reasons.push(`secret ${secret.name} changed (from the client ${secret.fromClient.key}, created by this sync)`);
      continue;
    }
    const record = applied?.action_id === existing.id ? applied.secrets[secret.name] : undefined;
    if (!record || record.updated_at !== current.updated_at) unverifiable.push(secret.name);
    else if (record.sha256 !== secretFingerprint(secret)) reasons.push(`secret ${secret.name} changed`);
  }
  for (const name of onTenant.keys()) {
    if (!wanted.has(name)) reasons.push(`secret ${name} removed`);
  }
  if (unverifiable.length > 0) {
    reasons.push(
      `secret${unverifiable.length > 1 ? "s" : ""} ${unverifiable.join(", ")} cannot be compared ` +
        "(no record that this checkout applied the current values): applied again",
    );
  }
  return reasons;
}

function dependencyName(dependency: { name: string; version: string }): string {
  return `${dependency.name}@${dependency.version}`;
}

function triggerName(trigger: { id: string; version: string }): string {
  return `${trigger.id} ${trigger.version}`;
}

function sameItems(left: string[], right: string[]): boolean {
  const a = [...left].sort();
  const b = [...right].sort();
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
