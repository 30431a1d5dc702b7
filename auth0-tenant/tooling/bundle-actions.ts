import { readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { ACTION_LIMITS } from "../../contract/action-limits";
import { CodedError } from "../../contract/coded-error";

export const ACTIONS_DIRECTORY = path.join(process.cwd(), "actions");

export class ActionBundleError extends CodedError<"ERR_ACTION_BUNDLE"> {
  constructor(message: string) {
    super("ERR_ACTION_BUNDLE", message);
  }
}

/** The Action sources: every `.ts` file directly in `actions/` (helpers live in `actions/lib/`), tests excluded. */
export function actionSourceFiles(directory: string = ACTIONS_DIRECTORY): string[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => path.join(directory, file));
}

/**
 * Compiles one Action to the single CommonJS file Auth0 runs. The same string is deployed to Auth0 and executed
 * by the local tenant. Not minified, so it stays readable in Auth0's editor and logs.
 */
export async function bundleAction(sourceFile: string): Promise<string> {
  const result = await build({
    entryPoints: [sourceFile],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text ?? "";
  const size = Buffer.byteLength(code);
  if (size > ACTION_LIMITS.codeBytes) {
    throw new ActionBundleError(`${path.basename(sourceFile)} bundles to ${size} bytes; Auth0 accepts at most ${ACTION_LIMITS.codeBytes}.`);
  }
  return code;
}

/** The Action's name on the tenant: its file name, e.g. `actions/terms-of-use.ts` → `terms-of-use`. */
export function actionName(sourceFile: string): string {
  return path.basename(sourceFile, ".ts");
}

async function main() {
  const outputDirectory = path.join(process.cwd(), "build", "actions");
  await mkdir(outputDirectory, { recursive: true });
  for (const file of actionSourceFiles()) {
    const code = await bundleAction(file);
    const output = path.join(outputDirectory, `${actionName(file)}.js`);
    await writeFile(output, code);
    console.log(`${path.relative(process.cwd(), output)}  ${Buffer.byteLength(code)} bytes`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
