import { createActionsCache, resumePostLogin, runPostLogin } from "../actions-runtime";
import type {
  ActionRequest,
  DeployedAction,
  LoginContext,
  PassedFactor,
  PipelineOutcome,
  RuntimeLog,
  SuspendedPipeline,
  TenantUser,
} from "../actions-runtime/types";
import type { TenantTrust } from "../actions-runtime/tenant-trust";
import type { TenantLog } from "../log";
import type { ActionStore } from "../store/actions";
import type { BindingStore } from "../store/bindings";

/**
 * The post-login trigger: the deployed versions of the bound Actions, in binding order, run by the Actions runtime
 * with one long-lived `api.cache` for the trigger (as on Auth0, where the cache is per trigger).
 */
export class PostLoginTrigger {
  private readonly cache = createActionsCache();
  private readonly runtimeLog: RuntimeLog;

  constructor(
    private readonly actions: ActionStore,
    private readonly bindings: BindingStore,
    private readonly log: TenantLog,
    private readonly now: () => number,
    private readonly trust?: TenantTrust,
  ) {
    this.runtimeLog = (entry) => log(`action "${entry.action}" ${entry.level}: ${entry.message}`);
  }

  boundActions(): DeployedAction[] {
    const deployed: DeployedAction[] = [];
    for (const binding of this.bindings.postLogin()) {
      const action = this.actions.deployed(binding.action_id);
      if (action) deployed.push(action);
      else this.log(`binding "${binding.display_name}" skipped: action ${binding.action_id} has no deployed version`);
    }
    return deployed;
  }

  run(user: TenantUser, context: LoginContext): Promise<PipelineOutcome> {
    return runPostLogin({
      actions: this.boundActions(),
      user,
      context,
      cache: this.cache,
      log: this.runtimeLog,
      now: this.now,
      trust: this.trust,
    });
  }

  /**
   * A redeploy between the suspension and the resume runs the new code, as on Auth0. `passedFactor`: the factor
   * passed at the MFA step the pipeline waited for.
   */
  resume(
    suspended: SuspendedPipeline,
    user: TenantUser,
    request: ActionRequest,
    passedFactor?: PassedFactor,
  ): Promise<PipelineOutcome> {
    const actionsById: Record<string, DeployedAction> = {};
    for (const id of suspended.actionIds) {
      const action = this.actions.deployed(id);
      if (action) actionsById[id] = action;
    }
    const { cache, runtimeLog: log, now, trust } = this;
    return resumePostLogin({ suspended, actionsById, user, request, passedFactor, cache, log, now, trust });
  }
}
