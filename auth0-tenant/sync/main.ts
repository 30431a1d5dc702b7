import { loadEnvConfig } from "@next/env";
import { parseCliArguments, USAGE } from "./cli-arguments";
import { ConfigError, getSyncConfig } from "../../lib/config";
import { SyncError } from "./errors";
import { syncFromConfig } from "./sync-from-config";

/** `npm run tenant:sync [-- --dry-run | --apply]`: reads the env files as Next does, then syncs. */
async function main(): Promise<void> {
  const mode = parseCliArguments(process.argv.slice(2));
  if (mode === "help") {
    process.stdout.write(USAGE);
    return;
  }
  const projectDir = process.cwd();
  loadEnvConfig(projectDir, true, { info: () => undefined, error: (...args: unknown[]) => console.error(...args) });
  const config = getSyncConfig();
  await syncFromConfig({ config, projectDir, mode, output: process.stdout });
}

main().catch((error: unknown) => {
  const known = error instanceof SyncError || error instanceof ConfigError;
  const message = known ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
