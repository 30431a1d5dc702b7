import { SyncError } from "./errors";
import type { SyncMode } from "./sync-tenant";

export const USAGE = `Usage: npm run tenant:sync [-- --dry-run | --apply]

Brings the tenant to the state described in auth0-tenant/tenant/desired-state.ts.
  --dry-run  read the tenant and print the plan (the default)
  --apply    carry the plan out

Target: the Auth0 tenant AUTH0_DOMAIN (with AUTH0_MANAGEMENT_CLIENT_ID and AUTH0_MANAGEMENT_CLIENT_SECRET), or the
running local tenant when AUTH0_DOMAIN is unset or http://localhost:PORT. See auth0-tenant/sync/README.md.
`;

/** `help` or the mode; with no flag, the safe one (dry run). */
export function parseCliArguments(args: readonly string[]): SyncMode | "help" {
  const known = new Set(["--dry-run", "--apply", "--help", "-h"]);
  const unknown = args.filter((arg) => !known.has(arg));
  if (unknown.length > 0) throw new SyncError("ERR_SYNC_USAGE", `Unknown argument ${unknown.join(" ")}.\n\n${USAGE}`);
  if (args.includes("--help") || args.includes("-h")) return "help";
  if (args.includes("--dry-run") && args.includes("--apply")) {
    throw new SyncError("ERR_SYNC_USAGE", `Give either --dry-run or --apply, not both.\n\n${USAGE}`);
  }
  return args.includes("--apply") ? "apply" : "dry-run";
}
