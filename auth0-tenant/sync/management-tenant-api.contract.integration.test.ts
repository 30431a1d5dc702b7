import { startTestTenant, syncTargetOf } from "../../tests/support/local-tenant";
import { trustLocalTenant } from "../local/tls/trust-local-tenant";
import { DEFAULT_CALL_POLICY } from "./management-call";
import { managementTenantApi } from "./management-tenant-api";
import { describeTenantApiContract } from "./testing/tenant-api-contract";

describeTenantApiContract("the auth0 SDK's Management API client on the local tenant", async () => {
  const tenant = await startTestTenant({ tlsPort: 0 });
  const target = await syncTargetOf(tenant);
  if (!target.trustedCertificate) throw new Error("the local tenant's target carries no certificate to trust");
  const restore = trustLocalTenant({ origin: `https://${target.domain}`, certificate: target.trustedCertificate });
  const api = managementTenantApi({
    domain: target.domain,
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    policy: { ...DEFAULT_CALL_POLICY, credentialsHint: target.credentialsHint, unreachableHint: target.unreachableHint },
  });
  return {
    api,
    async close() {
      await restore();
      await tenant.stop();
    },
  };
});
