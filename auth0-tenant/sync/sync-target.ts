import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { certificateFile, readTrustedCertificate } from "../local/tls/certificate";
import { SyncError } from "./errors";
import type { SyncTargetConfig } from "../../lib/config";

/** A tenant to sync, with what the Management API client needs to reach it. */
export interface SyncTarget {
  kind: "local" | "auth0";
  /** `host[:port]`, as the `auth0` SDK takes it: it calls `https://DOMAIN/api/v2` and `https://DOMAIN/oauth/token`. */
  domain: string;
  /**
   * The tenant's own origin, as Actions reach its token endpoint and Management API: `https://DOMAIN`, or the local
   * tenant's `http://localhost:PORT` (its issuer; the TLS `domain` above only serves the sync's SDK).
   */
  tenantUrl: string;
  /** How the plan names the tenant. */
  label: string;
  clientId: string;
  clientSecret: string;
  /** The local tenant's self-signed certificate (PEM), trusted for its origin only; unset for a real tenant. */
  trustedCertificate?: string;
  /** What to check when the credentials are rejected. */
  credentialsHint: string;
  /** What to check when the tenant does not answer. */
  unreachableHint: string;
}

const managementClientSchema = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  // `localhost:PORT`, or the public host name an https tenant was given; the sync calls it on localhost either way.
  issuer: z.url({ protocol: /^https?$/ }),
});

/** Turns the configured target into one the sync can call; for the local tenant, reads its data folder. */
export async function resolveTarget(config: SyncTargetConfig, projectDir: string): Promise<SyncTarget> {
  if (config.kind === "auth0") {
    return {
      kind: "auth0",
      domain: config.domain,
      tenantUrl: `https://${config.domain}`,
      label: `the Auth0 tenant ${config.domain}`,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      credentialsHint:
        "Check AUTH0_MANAGEMENT_CLIENT_ID and AUTH0_MANAGEMENT_CLIENT_SECRET: a machine-to-machine application " +
        "authorized for the Auth0 Management API.",
      unreachableHint: `Check AUTH0_DOMAIN (${config.domain}) and the network.`,
    };
  }
  const dataDir = path.resolve(projectDir, config.dataDir);
  const relative = path.relative(projectDir, dataDir);
  const shown = relative.startsWith("..") || path.isAbsolute(relative) ? dataDir : relative || ".";
  const credentials = await readManagementClient(path.join(dataDir, "management-client.json"));
  const certificate = await readTrustedCertificate(dataDir);
  // In https mode the tenant is one https origin, as Auth0 is; otherwise its Management API has a TLS port of its own.
  const tlsPort = config.https ? config.port : config.tlsPort;
  if (certificate === undefined) {
    throw new SyncError(
      "ERR_SYNC_LOCAL_TENANT_MISSING",
      `The local tenant has no TLS certificate yet (${path.relative(projectDir, certificateFile(dataDir))}): ` +
        "start it " +
        `(npm run dev); it serves its Management API over HTTPS on port ${tlsPort}.`,
    );
  }
  return {
    kind: "local",
    domain: `localhost:${tlsPort}`,
    tenantUrl: new URL(credentials.issuer).origin,
    label: `the local tenant (https://localhost:${tlsPort}, data in ${shown})`,
    clientId: credentials.client_id,
    clientSecret: credentials.client_secret,
    trustedCertificate: certificate,
    credentialsHint:
      `The local tenant writes its management credentials to ${shown}/management-client.json at start: restart it.`,
    unreachableHint: `Is the local tenant running, with HTTPS on port ${tlsPort}? Start it with npm run dev.`,
  };
}

async function readManagementClient(file: string): Promise<z.infer<typeof managementClientSchema>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new SyncError(
        "ERR_SYNC_LOCAL_TENANT_MISSING",
        `No local tenant found: ${file} does not exist. Start the local tenant first (npm run dev), ` +
          "or set AUTH0_DOMAIN to sync a real tenant.",
      );
    }
    throw new SyncError("ERR_SYNC_LOCAL_TENANT_MISSING", `Cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = managementClientSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SyncError(
      "ERR_SYNC_LOCAL_TENANT_MISSING",
      `${file} does not hold {client_id, client_secret, issuer}: restart the local tenant, which rewrites it.`,
    );
  }
  return parsed.data;
}
