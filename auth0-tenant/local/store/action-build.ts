import { Script } from "node:vm";
import type { ActionDependency, DependencyCache } from "./dependency-cache";

/**
 * The local "build" of an Action: compile (never run) the CommonJS source the way the runtime wraps it, so a syntax
 * error turns the draft `failed` at build time, as on Auth0, instead of failing every login after deploy.
 * Returns the compiler's message, or `undefined` when the code compiles.
 */
export function findBuildError(code: string, actionName: string): string | undefined {
  try {
    new Script(`(function (exports, require, module, __filename, __dirname) {\n${code}\n})`, {
      filename: `actions:${actionName}`,
    });
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/**
 * Builds a draft as Auth0 does: the code must compile and every declared npm dependency must install (from the cache
 * when it holds `name@version`, else from the registry). Returns why the build failed, or `undefined` once built.
 */
export async function buildAction(
  draft: { name: string; code: string; dependencies: ActionDependency[] },
  dependencies: DependencyCache,
): Promise<string | undefined> {
  const compileError = findBuildError(draft.code, draft.name);
  if (compileError) return compileError;
  for (const dependency of draft.dependencies) {
    try {
      await dependencies.ensure(dependency);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  return undefined;
}
