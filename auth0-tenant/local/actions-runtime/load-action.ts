import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import path from "node:path";
import { compileFunction } from "node:vm";
import { createActionConsole } from "./action-console";
import { ActionsRuntimeError } from "./errors";
import type { DeployedAction } from "./types";

export type Entrypoint = "onExecutePostLogin" | "onContinuePostLogin";

export type Handler = (event: unknown, api: unknown) => Promise<unknown>;

interface ActionModule {
  exports: unknown;
}

type ModuleFactory = (
  module: ActionModule,
  exports: unknown,
  require: (id: string) => unknown,
  console: Console,
) => void;

interface ModuleInstance {
  codeHash: string;
  factory: ModuleFactory;
  require: (id: string) => unknown;
  module: ActionModule;
  initialized: boolean;
  /** Boxed so that even `throw undefined` at the top level counts as a failure. */
  initFailure?: { error: unknown };
}

/** Compiled wrappers by SHA-256 of the code: repeated logins (and identical code) never recompile. */
const factories = new Map<string, ModuleFactory>();

/** One live module per Action id, as an Auth0 instance keeps it between executions; a redeploy replaces it. */
const instances = new Map<string, ModuleInstance>();

// Built-ins resolve the same from anywhere, so any absolute base path will do.
const requireBuiltin = createRequire("/");

/** `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`; `undefined` for a relative or absolute path. */
function packageNameOf(id: string): string | undefined {
  if (id.startsWith(".") || path.isAbsolute(id)) return undefined;
  const parts = id.split("/");
  return id.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * The `require` an Action's module receives: Node's built-ins and the packages its deployed version declares (each
 * from the folder its build installed it into, with that package's own dependencies), nothing else. Another
 * Action's dependencies are out of reach, as on Auth0 where each Action is built with its own.
 */
function requireFor(action: DeployedAction): (id: string) => unknown {
  const roots = action.dependencies ?? {};
  return (id: string) => {
    if (typeof id !== "string") throw new TypeError(`The "id" argument must be of type string. Received ${typeof id}`);
    if (isBuiltin(id)) return requireBuiltin(id);
    const name = packageNameOf(id);
    const root = name !== undefined && Object.hasOwn(roots, name) ? roots[name] : undefined;
    if (root === undefined) {
      const declared = Object.keys(roots);
      throw new ActionsRuntimeError(
        "ERR_ACTION_MODULE_NOT_FOUND",
        `Cannot find module '${id}': the Action "${action.name}" can require Node's built-in modules and its own dependencies (${declared.length ? declared.join(", ") : "none declared"}); add the package to the Action's dependencies.`,
      );
    }
    if (!existsSync(path.join(root, "node_modules"))) {
      throw new ActionsRuntimeError(
        "ERR_ACTION_MODULE_NOT_FOUND",
        `Cannot find module '${id}': its install (${root}) is no longer in the dependency cache; update the Action so that it builds again, then deploy it.`,
      );
    }
    return createRequire(path.join(root, "package.json"))(id);
  };
}

function compile(action: DeployedAction, codeHash: string): ModuleFactory {
  const cached = factories.get(codeHash);
  if (cached) return cached;
  // Auth0 wraps the code in a function of these names; compiling it as a function body (as Node's CommonJS loader
  // does) gives the same scope, while syntax errors point at the Action's own code instead of a wrapper's brace.
  // It runs in this context, so fetch, URL, crypto... are the host's own globals.
  const factory = compileFunction(action.code, ["module", "exports", "require", "console"], {
    filename: `actions/${action.name}.js`,
  }) as ModuleFactory;
  factories.set(codeHash, factory);
  return factory;
}

function instanceFor(action: DeployedAction): ModuleInstance {
  // The same code with other dependencies is another module: it must be initialized with their require.
  const codeHash = createHash("sha256")
    .update(action.code)
    .update(JSON.stringify(action.dependencies ?? {}))
    .digest("hex");
  const current = instances.get(action.id);
  if (current?.codeHash === codeHash) return current;
  const factory = compile(action, codeHash);
  const fresh: ModuleInstance = { codeHash, factory, require: requireFor(action), module: { exports: {} }, initialized: false };
  instances.set(action.id, fresh);
  return fresh;
}

function initialize(instance: ModuleInstance): void {
  // A fresh module each attempt: an earlier attempt may have been cut short by the budget half-way through.
  instance.module = { exports: {} };
  try {
    instance.factory(instance.module, instance.module.exports, instance.require, createActionConsole());
  } catch (error) {
    instance.initFailure = { error };
  }
  // Set only once the top level ran to its end: a budget timeout terminates it uncatchably, and the next
  // execution should then try again rather than use half-initialized exports.
  instance.initialized = true;
}

function isAsyncFunction(value: unknown): value is Handler {
  return typeof value === "function" && value.constructor?.name === "AsyncFunction";
}

/**
 * The Action's handler for `entrypoint`, initializing its module on first use (lazily, so top-level logs land in
 * the execution's log). A top-level throw is rethrown on every later call, as Auth0 does.
 */
export function loadHandler(action: DeployedAction, entrypoint: Entrypoint): Handler {
  const instance = instanceFor(action);
  if (!instance.initialized) initialize(instance);
  if (instance.initFailure) throw instance.initFailure.error;

  const exported = instance.module.exports;
  if (typeof exported !== "object" || exported === null) {
    throw new ActionsRuntimeError("ERR_ACTION_EXPORT_INVALID", "The Action must export an object.");
  }
  const handler: unknown = (exported as Record<string, unknown>)[entrypoint];
  if (!isAsyncFunction(handler)) {
    throw new ActionsRuntimeError(
      "ERR_ACTION_HANDLER_SIGNATURE_INVALID",
      `Invalid function signature for the "${entrypoint}" handler. Use "exports.${entrypoint} = async function(event, api) { }" as the signature.`,
    );
  }
  return handler;
}
