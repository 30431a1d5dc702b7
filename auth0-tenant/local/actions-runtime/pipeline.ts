import { withActionLog } from "./action-console";
import { runWithinBudget, startBudget, type Budget } from "./budget";
import { buildEvent } from "./build-event";
import { createCacheApi } from "./cache";
import { emptyCommands, startExecution, type Execution } from "./execution";
import { loadHandler, type Entrypoint } from "./load-action";
import { planMfaStep } from "./mfa-step";
import { createPostLoginApi } from "./post-login-api";
import { NO_REDIRECT_PROTOCOLS } from "./redirect-api";
import { withTenantTrust, type TenantTrust } from "./tenant-trust";
import type {
  AccumulatedCommands,
  ActionRequest,
  ActionsCacheStore,
  DeployedAction,
  LoginContext,
  PipelineOutcome,
  ResumePostLoginInput,
  RunPostLoginInput,
  RuntimeLog,
  TenantUser,
  UserMetadataPatch,
} from "./types";

interface Step {
  action: DeployedAction;
  entrypoint: Entrypoint;
  /** Position in the bindings, which is what a suspension records. */
  index: number;
}

/** One leg of a login: from `/authorize` to the end or a suspension, or from a resume onwards. */
interface Leg {
  steps: Step[];
  actionIds: string[];
  /** Kept as it was at `/authorize`, for the suspension record. */
  context: LoginContext;
  request: ActionRequest;
  user: TenantUser;
  /** What the Actions before this leg asked for (empty at `/authorize`). */
  commands: AccumulatedCommands;
  cache: ActionsCacheStore;
  log: RuntimeLog;
  now: () => number;
  budget: Budget;
  trust: TenantTrust | undefined;
}

function messageOf(error: unknown): string {
  // Errors from other realms (vm) fail `instanceof Error`, so read the message structurally.
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    return error.message;
  }
  return error === undefined || error === null ? "Unknown error" : String(error);
}

async function execute(leg: Leg, execution: Execution): Promise<void> {
  const { action, entrypoint } = execution;
  const log = leg.log;
  // Built before the Action runs, so it shows the earlier Actions' writes and none of its own.
  const event = buildEvent({
    action,
    user: leg.user,
    userUpdates: execution.userUpdates,
    context: leg.context,
    request: leg.request,
    commands: execution.commands,
  });
  const api = createPostLoginApi({
    event,
    execution,
    storedUser: leg.user,
    cache: createCacheApi(leg.cache, leg.now),
    now: leg.now,
    warn: (message) => log({ action: action.name, level: "warn", message }),
  });
  await runWithinBudget(leg.budget, action.name, () =>
    withTenantTrust(leg.trust, () => withActionLog({ action: action.name, log }, () => loadHandler(action, entrypoint)(event, api))),
  );
}

/** What a suspension keeps of the leg for the resume, besides where and why it stopped. */
function suspensionOf(leg: Leg, commands: AccumulatedCommands) {
  return { actionIds: leg.actionIds, context: leg.context, commands };
}

async function runLeg(leg: Leg): Promise<PipelineOutcome> {
  let commands = leg.commands;
  let userUpdates: UserMetadataPatch = {};
  for (const step of leg.steps) {
    const name = step.action.name;
    const execution = startExecution(step.action, step.entrypoint, commands, userUpdates);
    try {
      await execute(leg, execution);
    } catch (error) {
      // The failing Action's own metadata writes are discarded with the rest of its commands (its execution failed
      // as a whole); writes of the Actions that completed before it are still returned for the server to persist.
      return { kind: "failed", message: messageOf(error), action: name, userUpdates };
    }
    const protocol = leg.context.transaction.protocol;
    const redirects = execution.redirectUrl !== undefined && execution.denyReason === undefined;
    if (redirects && NO_REDIRECT_PROTOCOLS.includes(protocol)) {
      return {
        kind: "failed",
        message: `The Action "${name}" called api.redirect.sendUserTo, but a "${protocol}" request cannot be redirected; check api.redirect.canRedirect() first.`,
        action: name,
        userUpdates,
      };
    }
    commands = execution.commands;
    userUpdates = execution.userUpdates;
    // Deny wins over a redirect or an MFA request of the same Action: the login is over either way.
    if (execution.denyReason !== undefined) {
      return { kind: "denied", reason: execution.denyReason, action: name, userUpdates };
    }
    if (execution.redirectUrl !== undefined) {
      return {
        kind: "redirect",
        url: execution.redirectUrl,
        suspended: { suspendedBy: "redirect", resumeIndex: step.index, ...suspensionOf(leg, commands) },
        userUpdates,
      };
    }
    const request = execution.factorRequest;
    if (request !== undefined) {
      const plan = planMfaStep(request, leg.user.enrolledFactors ?? [], commands.passedFactors);
      // The Action completed: its metadata writes stand even when its MFA request fails the login.
      if (plan.kind === "refused") return { kind: "failed", message: plan.reason, action: name, userUpdates };
      if (plan.kind === "step") {
        return {
          kind: "mfa",
          step: plan.step,
          action: name,
          suspended: { suspendedBy: "mfa", resumeIndex: step.index + 1, ...suspensionOf(leg, commands) },
          userUpdates,
        };
      }
      const message = `${request.method}: a requested factor was passed earlier in this transaction; no new MFA step.`;
      leg.log({ action: name, level: "info", message });
    }
  }
  return { kind: "completed", commands, userUpdates };
}

/** Runs the post-login Actions bound to the trigger, in binding order, for a login that just authenticated. */
export function runPostLogin(input: RunPostLoginInput): Promise<PipelineOutcome> {
  return runLeg({
    steps: input.actions.map((action, index) => ({ action, entrypoint: "onExecutePostLogin", index })),
    actionIds: input.actions.map((action) => action.id),
    context: structuredClone(input.context),
    request: input.context.request,
    user: input.user,
    commands: emptyCommands(),
    cache: input.cache,
    log: input.log,
    now: input.now ?? Date.now,
    budget: startBudget(input.timeoutMs),
    trust: input.trust,
  });
}

/**
 * Resumes a suspended login with a fresh budget, the new request and the reloaded user, never running the Actions
 * before the suspension again. After a redirect (at `/continue`): `onContinuePostLogin` of the Action that redirected,
 * then `onExecutePostLogin` of the later ones. After an MFA step: `onExecutePostLogin` of the Actions after the one
 * that asked, which see the passed factor in `event.authentication.methods`.
 */
export async function resumePostLogin(input: ResumePostLoginInput): Promise<PipelineOutcome> {
  const { suspended } = input;
  const continues = suspended.suspendedBy === "redirect";
  const commands = structuredClone(suspended.commands);
  if (!continues) {
    if (!input.passedFactor) return cannotResume("it waits for an MFA step, and no passed factor was given.");
    commands.passedFactors.push(input.passedFactor);
  }
  // After an MFA step asked by the last Action, resumeIndex is the length: nothing is left to run, the login completes.
  const lastIndex = continues ? suspended.actionIds.length - 1 : suspended.actionIds.length;
  if (suspended.resumeIndex > lastIndex) {
    return cannotResume(`resumeIndex ${suspended.resumeIndex} is outside the ${suspended.actionIds.length} bound Actions.`);
  }
  const steps: Step[] = [];
  for (let index = suspended.resumeIndex; index < suspended.actionIds.length; index++) {
    const id = suspended.actionIds[index] ?? "";
    const action = Object.hasOwn(input.actionsById, id) ? input.actionsById[id] : undefined;
    if (!action) return cannotResume(`the Action "${id}", bound when it started, is no longer deployed.`, id);
    const entrypoint = continues && index === suspended.resumeIndex ? "onContinuePostLogin" : "onExecutePostLogin";
    steps.push({ action, entrypoint, index });
  }
  return runLeg({
    steps,
    actionIds: suspended.actionIds,
    context: structuredClone(suspended.context),
    request: input.request,
    user: input.user,
    commands,
    cache: input.cache,
    log: input.log,
    now: input.now ?? Date.now,
    budget: startBudget(input.timeoutMs),
    trust: input.trust,
  });
}

function cannotResume(reason: string, action = ""): PipelineOutcome {
  return { kind: "failed", message: `The login cannot resume: ${reason}`, action, userUpdates: {} };
}
