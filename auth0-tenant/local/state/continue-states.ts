import type { SuspendedLogin } from "../login/types";
import { SingleUseStore } from "./single-use-store";

/** A login suspended by a redirect expires after one hour, as on Auth0; refusals stay explainable for a day. */
const CONTINUE_LIFETIME_MS = 3600 * 1000;
const CONTINUE_REFUSAL_MEMORY_MS = 24 * 3600 * 1000;

export type ContinueStateStore = SingleUseStore<SuspendedLogin>;

export function createContinueStateStore(now: () => number): ContinueStateStore {
  return new SingleUseStore<SuspendedLogin>(now, CONTINUE_LIFETIME_MS, CONTINUE_REFUSAL_MEMORY_MS);
}
