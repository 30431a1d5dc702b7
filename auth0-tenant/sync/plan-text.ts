import type { FieldChange, Plan } from "./plan-types";

/** What the sync would write to the env file: names and why, never values. */
export interface EnvFilePlan {
  file: string;
  set: Array<{ name: string; why: string }>;
  /** Things the developer must know, e.g. a client secret the credentials may not read. */
  notes: string[];
}

const KIND_WIDTH = 10;

/** The plan as a developer reads it; names, URLs and reasons only, no secret value ever. */
export function formatPlan(plan: Plan, env?: EnvFilePlan): string {
  const lines: string[] = [];
  const item = (kind: string, text: string) => lines.push(`  ${kind.padEnd(KIND_WIDTH)} ${text}`);
  const detail = (text: string) => lines.push(`  ${"".padEnd(KIND_WIDTH)}   ${text}`);
  const details = (changes: FieldChange[]) => {
    for (const change of changes) detail(`${change.field}: ${change.from} → ${change.to}`);
  };

  lines.push("Actions");
  for (const action of plan.actions) {
    const then = action.kind === "create" || action.kind === "update" ? " (then build and deploy)" : "";
    item(action.kind, `${action.name}${then}`);
    for (const reason of action.reasons) detail(reason);
  }

  lines.push("Post-login bindings (in execution order)");
  const order = plan.bindings.next.map((binding) =>
    binding.managed ? binding.action_name : `${binding.action_name} (bound by hand, kept)`,
  );
  item(plan.bindings.kind, order.join(" → ") || "(none)");
  if (plan.bindings.kind === "update") {
    detail(`now: ${plan.bindings.current.join(" → ") || "(none)"}`);
  }

  lines.push("Clients");
  for (const client of plan.clients) {
    item(client.kind, client.name);
    details(client.changes);
  }

  lines.push("APIs");
  for (const server of plan.resourceServers) {
    item(server.kind, `${server.name} (${server.identifier})`);
    details(server.changes);
  }

  lines.push("Client grants");
  for (const grant of plan.clientGrants) {
    item(grant.kind, `${grant.clientName} → ${grant.audience}: ${grant.scope.join(" ") || "(no scope)"}`);
    details(grant.changes);
  }

  if (env && (env.set.length > 0 || env.notes.length > 0)) {
    lines.push(env.file);
    for (const entry of env.set) item("set", `${entry.name} (${entry.why})`);
    for (const note of env.notes) item("note", note);
  }
  return `${lines.join("\n")}\n`;
}
