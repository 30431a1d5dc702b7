import { SyncError } from "./errors";
import type { ExistingAction, TenantApi } from "./tenant-api";

export interface BuildWaitPolicy {
  /** First pause between polls; doubled each time up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Auth0 takes 30–45 s to build an Action, the local tenant about 300 ms; give up after this long. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const DEFAULT_BUILD_WAIT: BuildWaitPolicy = {
  initialDelayMs: 250,
  maxDelayMs: 5_000,
  timeoutMs: 180_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: Date.now,
};

/** Polls an Action until its draft is `built`, with backoff; a failed build or a timeout stops the sync. */
export async function waitUntilBuilt(
  api: TenantApi,
  action: ExistingAction,
  policy: BuildWaitPolicy,
): Promise<ExistingAction> {
  const deadline = policy.now() + policy.timeoutMs;
  let current = action;
  let delay = policy.initialDelayMs;
  for (;;) {
    if (current.status === "built") return current;
    if (current.status === "failed") {
      const details = current.errors.length > 0 ? `: ${current.errors.join("; ")}` : "";
      throw new SyncError(
        "ERR_SYNC_ACTION_BUILD_FAILED",
        `The tenant failed to build Action ${current.name}${details}`,
      );
    }
    if (policy.now() >= deadline) {
      throw new SyncError(
        "ERR_SYNC_ACTION_BUILD_TIMEOUT",
        `Action ${current.name} was still "${current.status}" after ${Math.round(policy.timeoutMs / 1000)} s; ` +
          "run the sync again later (it will deploy the draft once built).",
      );
    }
    await policy.sleep(Math.min(delay, Math.max(deadline - policy.now(), 0)));
    delay = Math.min(delay * 2, policy.maxDelayMs);
    current = await api.getAction(current.id);
  }
}
