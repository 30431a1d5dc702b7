import { InMemoryTenant } from "./in-memory-tenant";
import { describeTenantApiContract } from "./testing/tenant-api-contract";

describeTenantApiContract("the in-memory tenant", async () => ({
  api: new InMemoryTenant(),
  close: async () => undefined,
}));
