import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACES, logInFrom } from "../../../tests/support/geoip";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { loginWithPassword, refresh, type OidcClient } from "../../../tests/support/oidc-login";

const GEOIP_CLAIM = "https://example.com/geoip";
const GEOIP_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim("${GEOIP_CLAIM}", event.request.geoip);
};
`;

let tenant: TestTenant;
let app: OidcClient;

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await registerWebApp(tenant, { grantTypes: ["authorization_code", "refresh_token"] });
  await tenant.management.bindPostLogin([await tenant.management.deployAction("geoip", GEOIP_ACTION)]);
});
afterAll(async () => {
  await tenant.stop();
});

const geoipUrl = () => new URL("local/geoip", tenant.issuer);
const put = (body: string, contentType = "application/json") =>
  new HttpClient().request("PUT", geoipUrl(), { body, headers: { "content-type": contentType } });

async function loginGeoip(scope?: string) {
  const { tokens } = await loginWithPassword(new HttpClient(), app, tenant.demoUser, scope ? { scope } : {});
  return { geoip: decodeJwt(tokens.id_token ?? "")[GEOIP_CLAIM], refreshToken: tokens.refresh_token };
}

describe("the geoip table (GET/PUT /local/geoip)", () => {
  it("starts empty: no location for loopback, as on Auth0", async () => {
    const table = await new HttpClient().get(geoipUrl());
    expect(table.json()).toEqual({ default: {}, addresses: {} });
    expect((await loginGeoip()).geoip).toEqual({});
  });

  it("gives event.request.geoip by the request's address, persisted in geoip.json", async () => {
    await logInFrom(tenant.issuer, PLACES.paris);
    expect((await loginGeoip()).geoip).toEqual(PLACES.paris);
    const file = JSON.parse(await readFile(join(tenant.dataDir, "geoip.json"), "utf8"));
    expect(file.addresses["127.0.0.1"]).toEqual(PLACES.paris);
  });

  it("falls back to the default for an address it does not list", async () => {
    const table = { default: PLACES.newYork, addresses: { "203.0.113.7": PLACES.paris } };
    expect((await put(JSON.stringify(table))).json()).toEqual(table);
    expect((await loginGeoip()).geoip).toEqual(PLACES.newYork);
  });

  it("applies to refresh-token exchanges too: the table is read at every request", async () => {
    await logInFrom(tenant.issuer, PLACES.paris);
    const { refreshToken } = await loginGeoip("openid offline_access");
    await logInFrom(tenant.issuer, PLACES.newYork);
    const refreshed = await refresh(new HttpClient(), app, refreshToken ?? "");
    expect(decodeJwt(refreshed.json<{ id_token: string }>().id_token)[GEOIP_CLAIM]).toEqual(PLACES.newYork);
  });

  it.each([
    ["a country code that is not ISO alpha-2", { default: { countryCode: "France" }, addresses: {} }, "default.countryCode: countryCode must be two upper-case letters"],
    ["a key that is not an IP address", { default: {}, addresses: { localhost: {} } }, "addresses.localhost: each key must be an IP address"],
    ["an unknown field", { default: { country: "FR" }, addresses: {} }, "default: Unrecognized key"],
    ["a missing default", { addresses: {} }, "default:"],
  ])("refuses %s with a 400 naming the field", async (_case, body, message) => {
    const response = await put(JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(response.json<{ error: string; message: string }>()).toMatchObject({ error: "invalid_geoip_table" });
    expect(response.json<{ message: string }>().message).toContain(message);
  });

  it("takes JSON only: a form post is refused with 415", async () => {
    const response = await put("default=FR", "application/x-www-form-urlencoded");
    expect(response.status).toBe(415);
  });

  it("keeps the table across a restart", async () => {
    await logInFrom(tenant.issuer, PLACES.paris);
    await tenant.stop({ keepData: true });
    tenant = await startTestTenant({ dataDir: tenant.dataDir });
    const table = await new HttpClient().get(geoipUrl());
    expect(table.json<{ addresses: Record<string, unknown> }>().addresses["::1"]).toEqual(PLACES.paris);
  });
});
