import { Script } from "node:vm";

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
