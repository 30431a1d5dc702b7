import type { BindingsPlan, PlannedBinding } from "./plan-types";
import type { ExistingBinding } from "./tenant-api";

/**
 * The complete post-login list to PATCH: the managed Actions first, in the desired order, then any Action bound by
 * hand, kept in its current order (the sync never removes what it does not manage). Managed Actions run first so
 * that no hand-bound Action sees a user before the terms step.
 */
export function diffBindings(
  desiredOrder: string[],
  managed: ReadonlySet<string>,
  existing: ExistingBinding[],
  actionIds: ReadonlyMap<string, string>,
): BindingsPlan {
  const next: PlannedBinding[] = [
    ...desiredOrder.map((name) => {
      const id = actionIds.get(name);
      return { action_name: name, display_name: name, managed: true, ...(id === undefined ? {} : { action_id: id }) };
    }),
    ...existing
      .filter((binding) => !managed.has(binding.action_name))
      .map((binding) => ({
        action_name: binding.action_name,
        display_name: binding.display_name,
        managed: false,
        action_id: binding.action_id,
      })),
  ];
  const unchanged =
    existing.length === next.length &&
    existing.every(
      (binding, index) =>
        binding.action_name === next[index]?.action_name && binding.display_name === next[index]?.display_name,
    );
  return { kind: unchanged ? "unchanged" : "update", current: existing.map((binding) => binding.action_name), next };
}
