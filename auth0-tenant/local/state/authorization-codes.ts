import type { CompletedLogin } from "../login/types";
import { SingleUseStore } from "./single-use-store";

/** Codes live two minutes and are single-use; a replay is remembered for ten minutes so it can be named. */
const CODE_LIFETIME_MS = 2 * 60 * 1000;
const CODE_REPLAY_MEMORY_MS = 10 * 60 * 1000;

export interface IssuedCode extends CompletedLogin {
  /** Set when the exchange issued a refresh token: a replayed code revokes that family. */
  refreshFamilyId?: string;
}

export type AuthorizationCodeStore = SingleUseStore<IssuedCode>;

export function createAuthorizationCodeStore(now: () => number): AuthorizationCodeStore {
  return new SingleUseStore<IssuedCode>(now, CODE_LIFETIME_MS, CODE_REPLAY_MEMORY_MS);
}
