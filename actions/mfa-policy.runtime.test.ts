import { beforeAll, describe, expect, it } from "vitest";
import { createActionsCache, runPostLogin } from "../auth0-tenant/local/actions-runtime";
import type { GeoIp } from "../contract/post-login";
import type { DeployedAction, LoginContext } from "../auth0-tenant/local/actions-runtime";
import { mfaPolicySecret } from "../auth0-tenant/tenant/mfa-policy";
import { deployedAction, loginContext, tenantUser } from "../tests/support/action-runtime";

/** The bundle that is deployed, with the policy the sync gives it, run in the local tenant's Actions runtime. */
let action: DeployedAction;
beforeAll(async () => {
  action = await deployedAction("mfa-policy", {
    MFA_POLICY: mfaPolicySecret({ countries: ["FR"], continents: ["OC"], roles: ["admin"], clients: [] }),
  });
});

const cache = createActionsCache();
const logs: string[] = [];

function login(options: { geoip?: GeoIp; protocol?: LoginContext["transaction"]["protocol"]; roles?: string[]; methods?: string[] } = {}) {
  const context = loginContext(options.protocol);
  context.request.geoip = options.geoip ?? {};
  if (options.methods) {
    context.authentication.methods = options.methods.map((name) => ({ name, timestamp: new Date().toISOString() }));
  }
  return runPostLogin({
    actions: [action],
    user: tenantUser({ roles: options.roles ?? [] }),
    context,
    cache,
    log: (entry) => logs.push(entry.message),
  });
}

async function multifactor(options: Parameters<typeof login>[0]) {
  const outcome = await login(options);
  if (outcome.kind !== "completed") throw new Error(`expected a completed pipeline, got ${outcome.kind}`);
  return outcome.commands.multifactor;
}

describe("mfa-policy Action in the local runtime", () => {
  it("asks for MFA (any factor, browser not remembered) from a listed country, and says why", async () => {
    expect(await multifactor({ geoip: { countryCode: "FR", continentCode: "EU" } })).toEqual({ provider: "any", allowRememberBrowser: false });
    expect(logs.at(-1)).toBe("mfa policy: second factor required (country FR)");
  });

  it("asks from a listed continent, and for a listed role from anywhere", async () => {
    expect(await multifactor({ geoip: { countryCode: "AU", continentCode: "OC" } })).toMatchObject({ provider: "any" });
    expect(await multifactor({ roles: ["admin"] })).toMatchObject({ provider: "any" });
  });

  it("does not ask from elsewhere, nor with an unknown location", async () => {
    expect(await multifactor({ geoip: { countryCode: "US", continentCode: "NA" } })).toBeUndefined();
    expect(await multifactor({})).toBeUndefined();
  });

  it("does not ask on a refresh-token exchange, nor when the session already passed MFA", async () => {
    expect(await multifactor({ geoip: { countryCode: "FR" }, protocol: "oauth2-refresh-token" })).toBeUndefined();
    expect(await multifactor({ geoip: { countryCode: "FR" }, methods: ["pwd", "mfa"] })).toBeUndefined();
  });

  it("asks on a password grant: a password alone does not bypass the policy", async () => {
    expect(await multifactor({ geoip: { countryCode: "FR" }, protocol: "oauth2-password" })).toMatchObject({ provider: "any" });
  });
});
