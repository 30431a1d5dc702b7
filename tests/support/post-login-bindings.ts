import type { ManagementApi } from "./management-api";

interface BindingView {
  action: { id: string; name?: string };
}

/**
 * Binds an Action to post-login right after the one named `afterName`, keeping every other binding in its order;
 * an Action bound already moves there. For a test that adds an Action the desired state does not have yet.
 */
export async function bindPostLoginAfter(management: ManagementApi, actionId: string, afterName: string): Promise<void> {
  const { bindings } = await management.expect<{ bindings: BindingView[] }>(200, "GET", "actions/triggers/post-login/bindings");
  const others = bindings.map((binding) => binding.action).filter((action) => action.id !== actionId);
  const after = others.findIndex((action) => action.name === afterName);
  if (after < 0) throw new Error(`no Action named ${afterName} is bound to post-login`);
  const ids = others.map((action) => action.id);
  ids.splice(after + 1, 0, actionId);
  await management.bindPostLogin(ids);
}
