import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { discoverWithOpenidClient } from "../../../tests/support/openid-client";
import { expectPage, land, type OidcClient } from "../../../tests/support/oidc-login";

let tenant: TestTenant;
let app: OidcClient;
let config: oidc.Configuration;

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await registerWebApp(tenant);
  config = await discoverWithOpenidClient(app);
  await tenant.management.expect(200, "PATCH", "tenants/settings", { enabled_locales: ["en", "fr"] });
});
afterAll(async () => {
  await tenant.stop();
});

/** The tenant page openid-client's authorization URL with `ui_locales` lands on, in a fresh browser. */
async function loginPageFor(uiLocales: string, extra: Record<string, string> = {}) {
  const http = new HttpClient();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: app.redirectUri,
    scope: "openid",
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: "S256",
    ui_locales: uiLocales,
    ...extra,
  });
  return { http, page: expectPage(await land(http, app, await http.get(url))) };
}

describe("the login page's language (Universal Login's ui_locales and enabled_locales)", () => {
  it("is French, with lang=fr, for ui_locales=fr", async () => {
    const { page } = await loginPageFor("fr");
    expect(page.text).toContain(`<html lang="fr">`);
    expect(page.text).toContain("<h1>Se connecter</h1>");
    expect(page.text).toContain("Mot de passe");
  });

  it("is the first enabled one of ui_locales: French for ui_locales=de fr", async () => {
    const { page } = await loginPageFor("de fr");
    expect(page.text).toContain(`<html lang="fr">`);
    expect(page.text).toContain("<h1>Se connecter</h1>");
  });

  it("is the tenant's default, English, when no ui_locales entry is enabled (ui_locales=de)", async () => {
    const { page } = await loginPageFor("de");
    expect(page.text).toContain(`<html lang="en">`);
    expect(page.text).toContain("<h1>Log in</h1>");
  });

  it("keeps French for the re-rendered form: a wrong password is refused in French", async () => {
    const { http, page } = await loginPageFor("fr");
    const refused = await http.submitForm(page, { username: tenant.demoUser.email, password: "not-the-password" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`<html lang="fr">`);
    expect(refused.text).toContain("E-mail ou mot de passe incorrect.");
  });

  it("is English for ui_locales=fr when the tenant's enabled_locales leave French out", async () => {
    await tenant.management.expect(200, "PATCH", "tenants/settings", { enabled_locales: ["en"] });
    try {
      const { page } = await loginPageFor("fr");
      expect(page.text).toContain(`<html lang="en">`);
      expect(page.text).toContain("<h1>Log in</h1>");
    } finally {
      await tenant.management.expect(200, "PATCH", "tenants/settings", { enabled_locales: ["en", "fr"] });
    }
  });

  it("shows the sign-up page and its refusals in French too", async () => {
    const { http, page } = await loginPageFor("fr", { screen_hint: "signup" });
    expect(page.text).toContain(`<html lang="fr">`);
    expect(page.text).toContain("<h1>S&#39;inscrire</h1>");
    const refused = await http.submitForm(page, { email: "short.password@example.com", password: "short" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Le mot de passe doit comporter au moins 8 caractères.");
  });

  it("shows the logged-out page, which has no ui_locales, in the tenant's default: its first enabled locale", async () => {
    const logout = new URL("/v2/logout", app.issuer);
    await tenant.management.expect(200, "PATCH", "tenants/settings", { enabled_locales: ["fr", "en"] });
    try {
      const french = await new HttpClient().get(logout);
      expect(french.text).toContain(`<html lang="fr">`);
      expect(french.text).toContain("<h1>Déconnecté</h1>");
    } finally {
      await tenant.management.expect(200, "PATCH", "tenants/settings", { enabled_locales: ["en", "fr"] });
    }
    expect((await new HttpClient().get(logout)).text).toContain("<h1>Logged out</h1>");
  });
});
