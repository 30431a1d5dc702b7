import { ActionsRuntimeError, redirectWithMfaError } from "./errors";
import type { Execution } from "./execution";
import { requestWith, requestWithAny } from "./factor-selectors";
import type { FactorRequest } from "./types";
import { ignored, type Warn } from "./unemulated-api";

export interface AuthenticationApiInput {
  execution: Execution;
  now: () => number;
  warn: Warn;
  /** The whole `api`, returned by `recordMethod` for chaining. */
  api: object;
}

/**
 * `api.authentication`. An MFA request (`challengeWith*`, `enrollWith*`) takes effect once the Action completes: the
 * pipeline then suspends until the user passes the factor, and resumes with the Actions bound after this one.
 */
export function createAuthenticationApi({ execution, now, warn, api }: AuthenticationApiInput) {
  const request = (factorRequest: FactorRequest): void => {
    const earlier = execution.factorRequest;
    if (earlier) {
      throw new ActionsRuntimeError(
        "ERR_ACTION_API_MISUSE",
        `${factorRequest.method} cannot follow ${earlier.method} in the same Action execution: an Action asks for one MFA step.`,
      );
    }
    if (execution.redirectUrl !== undefined) throw redirectWithMfaError(factorRequest.method);
    execution.factorRequest = factorRequest;
  };

  // The four MFA requests return nothing, as in Auth0's shim (not `api`).
  return {
    recordMethod(providerUrl: unknown) {
      if (execution.entrypoint !== "onContinuePostLogin") {
        throw new ActionsRuntimeError(
          "ERR_ACTION_API_MISUSE",
          "api.authentication.recordMethod can be called only from onContinuePostLogin, after a redirect.",
        );
      }
      if (typeof providerUrl !== "string" || providerUrl === "") {
        throw new TypeError("api.authentication.recordMethod: the provider URL must be a non-empty string.");
      }
      execution.commands.recordedMethods.push({ name: providerUrl, timestamp: new Date(now()).toISOString() });
      return api;
    },
    challengeWith(factor: unknown, options?: unknown): void {
      request(requestWith("challenge", "api.authentication.challengeWith", factor, options));
    },
    challengeWithAny(factors: unknown): void {
      request(requestWithAny("challenge", "api.authentication.challengeWithAny", factors));
    },
    enrollWith(factor: unknown, options?: unknown): void {
      request(requestWith("enrollment", "api.authentication.enrollWith", factor, options));
    },
    enrollWithAny(factors: unknown): void {
      request(requestWithAny("enrollment", "api.authentication.enrollWithAny", factors));
    },
    setPrimaryUser: ignored(warn, "api.authentication.setPrimaryUser"),
  };
}
