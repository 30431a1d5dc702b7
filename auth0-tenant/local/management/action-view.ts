import type { StoredAction, StoredActionVersion } from "../store/actions";

/** Secrets leave the tenant as names and dates only, never values. */
function secretNames(secrets: StoredAction["secrets"]) {
  return secrets.map(({ name, updated_at }) => ({ name, updated_at }));
}

export function actionVersionView(action: StoredAction, version: StoredActionVersion) {
  return {
    id: version.id,
    number: version.number,
    code: version.code,
    dependencies: version.dependencies,
    runtime: version.runtime,
    secrets: secretNames(version.secrets),
    status: "built",
    deployed: action.deployed_version?.id === version.id,
    supported_triggers: action.supported_triggers,
    action: {
      id: action.id,
      name: action.name,
      supported_triggers: action.supported_triggers,
      created_at: action.created_at,
      updated_at: action.updated_at,
    },
    created_at: version.created_at,
    updated_at: version.created_at,
  };
}

/** The Management API's Action: the draft, its build status, and the deployed version if any. */
export function actionView(action: StoredAction) {
  return {
    id: action.id,
    name: action.name,
    supported_triggers: action.supported_triggers,
    code: action.code,
    dependencies: action.dependencies,
    runtime: action.runtime,
    secrets: secretNames(action.secrets),
    status: action.status,
    ...(action.built_at ? { built_at: action.built_at } : {}),
    // Auth0's ActionError shape, as its versions carry it: the draft's build failure (npm's reason, a syntax error).
    ...(action.build_error ? { errors: [{ id: "build_failed", msg: action.build_error }] } : {}),
    all_changes_deployed: action.all_changes_deployed,
    ...(action.deployed_version ? { deployed_version: actionVersionView(action, action.deployed_version) } : {}),
    created_at: action.created_at,
    updated_at: action.updated_at,
  };
}
