import type { PipelineOutcome } from "../actions-runtime/types";
import { redirectReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { customClaimsProblem } from "../tokens/user-tokens";
import { answerAppWithError } from "./app-response";
import { issueCode } from "./issue-code";
import { requiresMfa, startMfaChallenge } from "./mfa-challenge";
import type { Authentication, AuthorizeRequest, CompletedLogin, SuspendedLogin } from "./types";

export interface SettleInput {
  request: AuthorizeRequest;
  authentication: Authentication;
  outcome: PipelineOutcome;
  /** For the log line, e.g. the user's email. */
  who: string;
}

/**
 * Applies what the Actions decided for a browser login. Metadata writes are flushed first in every case (before a
 * redirect, and even on deny, as on Auth0); then the app gets a code or an error, or the browser goes to the
 * Action's redirect with a fresh single-use `/continue` state. The tenant session survives a deny. A login whose
 * Actions asked for MFA gets its code only after the one-time code page; an Action's MFA request
 * (`challengeWith*`, `enrollWith*`) sends the browser to that page before the later Actions run.
 */
export async function settleBrowserLogin(tenant: Tenant, input: SettleInput): Promise<Reply> {
  const { request, authentication, outcome, who } = input;
  await tenant.stores.users.applyMetadataPatch(authentication.userId, outcome.userUpdates);
  const client = `client ${request.clientId}`;

  switch (outcome.kind) {
    case "completed": {
      const problem = customClaimsProblem(outcome.commands);
      if (problem) {
        tenant.log(`login of ${who} to ${client} failed: ${problem}`);
        return answerAppWithError(request, "access_denied", problem);
      }
      tenant.sessions.recordMethods(authentication.sessionId, outcome.commands.recordedMethods);
      const login: CompletedLogin = { request, authentication, commands: outcome.commands };
      return requiresMfa(outcome.commands) ? startMfaChallenge(tenant, login, who) : issueCode(tenant, login, who);
    }
    case "redirect": {
      if (request.prompt === "none") {
        tenant.log(`login of ${who} to ${client} needs a redirect under prompt=none: interaction_required`);
        return answerAppWithError(
          request,
          "interaction_required",
          "An Action redirected the user, which needs interaction, but the request had prompt=none.",
        );
      }
      const state = tenant.continueStates.put({ request, authentication, pipeline: outcome.suspended });
      const target = new URL(outcome.url);
      target.searchParams.set("state", state);
      tenant.log(`login of ${who} to ${client} suspended: redirect to ${target.origin}${target.pathname}`);
      return redirectReply(target.toString());
    }
    case "mfa": {
      const login: SuspendedLogin = { request, authentication, pipeline: outcome.suspended };
      return startMfaChallenge(tenant, login, who, `action "${outcome.action}" (${outcome.step.method})`);
    }
    case "denied":
      tenant.log(`login of ${who} to ${client} denied by action "${outcome.action}": ${outcome.reason}`);
      return answerAppWithError(request, "access_denied", outcome.reason);
    case "failed":
      tenant.log(`login of ${who} to ${client} failed in action "${outcome.action}": ${outcome.message}`);
      return answerAppWithError(request, "access_denied", outcome.message);
  }
}
