import { randomBytes } from "node:crypto";
import path from "node:path";
import { currentVersionOf, termsDocuments } from "../../../lib/terms/documents";
import type { LocalTenantOptions } from "../../../auth0-tenant/local/server";
import { startTestTenant, type TestTenant } from "../../support/local-tenant";
import { syncRepositoryTenant } from "../../support/sync-local-tenant";
import { freePort } from "./free-port";
import { startNextServer, type NextServer } from "./next-server";

export const CLAIM_NAMESPACE = "https://product-xyz.example/";

/** The whole product on loopback: the local tenant, configured by the real sync, and `next start` of the build. */
export interface Stack {
  appUrl: string;
  /** The `next start` process, e.g. to read its CPU time. */
  appPid: number | undefined;
  tenant: TestTenant;
  /** The app's environment, secrets included (tests forge tokens with REDIRECT_TOKEN_SECRET). */
  env: Record<string, string>;
  /** What `next start` printed, to explain a failure. */
  appOutput(): string;
  /** Re-syncs the tenant as if `content/terms` had this highest version. */
  publishTermsVersion(version: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(
  options: {
    termsVersion?: number;
    env?: Record<string, string>;
    /** Added to NODE_OPTIONS of `next start`, e.g. the bench's preloaded server-timing hook. */
    nodeOptions?: string[];
    tenant?: Partial<LocalTenantOptions>;
  } = {},
): Promise<Stack> {
  const tenant = await startTestTenant({ tlsPort: 0, ...options.tenant });
  let next: NextServer | undefined;
  try {
    const appUrl = `http://127.0.0.1:${await freePort()}`;
    const secret = () => randomBytes(32).toString("hex");
    const secrets = { AUTH0_SECRET: secret(), CONSENT_COOKIE_SECRET: secret(), REDIRECT_TOKEN_SECRET: secret() };
    const sync = (termsVersion: number) =>
      syncRepositoryTenant(tenant, {
        appBaseUrl: appUrl,
        claimNamespace: CLAIM_NAMESPACE,
        redirectTokenSecret: secrets.REDIRECT_TOKEN_SECRET,
        termsVersion,
        buildWait: { initialDelayMs: 20 },
      });
    const written = await sync(options.termsVersion ?? currentVersionOf(termsDocuments()));
    const env = {
      APP_BASE_URL: appUrl,
      AUTH0_DOMAIN: tenant.issuer.replace(/\/$/, ""),
      AUTH0_CLIENT_ID: written.get("AUTH0_CLIENT_ID") ?? "",
      AUTH0_CLIENT_SECRET: written.get("AUTH0_CLIENT_SECRET") ?? "",
      CLAIM_NAMESPACE,
      // A production build on a laptop: the embedded ledger, in this run's own folder.
      LEDGER_EMBEDDED: "1",
      LEDGER_DATA_DIR: path.join(tenant.dataDir, "ledger"),
      ...secrets,
      ...options.env,
    };
    next = await startNextServer({ port: Number(new URL(appUrl).port), env, nodeOptions: options.nodeOptions });
    const started = next;
    return {
      appUrl,
      appPid: started.pid,
      tenant,
      env,
      appOutput: () => started.output(),
      publishTermsVersion: async (version) => void (await sync(version)),
      async stop() {
        await started.stop();
        await tenant.stop();
      },
    };
  } catch (error) {
    await next?.stop();
    await tenant.stop();
    throw error;
  }
}
