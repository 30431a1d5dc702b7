import { X509Certificate, createHash } from "node:crypto";
import { ManagementClient } from "auth0";
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWK } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startHttpsTestTenant, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { sdkFailure } from "../../../tests/support/management-api";
import { loginWithPassword } from "../../../tests/support/oidc-login";
import { codeFlow, discoverWithOpenidClient } from "../../../tests/support/openid-client";
import type { OidcClient } from "../../../tests/support/oidc-login";

/**
 * The tenant's application signing keys as Auth0 rotates them, driven by clients we did not write: the `auth0` SDK's
 * `keys.signing` (list, get, rotate, revoke), `jose`'s remote JWKS and `openid-client` verifying ID tokens.
 */
let tenant: TestTenant;
let sdk: ManagementClient;
let app: OidcClient;

/**
 * A ManagementClient with a token of its own. The SDK keeps its token until it expires: once the key that signed it
 * is revoked, that token is refused (as on Auth0), so the calls after a revocation take a new client.
 */
const newSdk = () =>
  new ManagementClient({
    domain: new URL(tenant.issuer).host,
    clientId: tenant.managementClient.client_id,
    clientSecret: tenant.managementClient.client_secret,
    maxRetries: 0,
  });

beforeAll(async () => {
  tenant = await startHttpsTestTenant();
  sdk = newSdk();
  app = await registerWebApp(tenant);
});
afterAll(async () => {
  await tenant?.stop();
});

async function publishedKeys(): Promise<JWK[]> {
  const response = await fetch(`${tenant.issuer}.well-known/jwks.json`);
  return ((await response.json()) as { keys: JWK[] }).keys;
}

async function idToken(): Promise<string> {
  const { tokens } = await loginWithPassword(new HttpClient(), app, tenant.demoUser, { scope: "openid profile email" });
  return tokens.id_token ?? "";
}

/** A fresh cache, as a verifier started after the change would have. */
const freshJwks = () => createRemoteJWKSet(new URL(`${tenant.issuer}.well-known/jwks.json`));
const verifyIdToken = (token: string, jwks = freshJwks()) => jwtVerify(token, jwks, { issuer: tenant.issuer, audience: app.clientId });

describe("application signing keys", () => {
  describe("the JWKS and keys.signing.list", () => {
    it("publish the current and the next key, each with the x5c and x5t of its self-signed certificate", async () => {
      const keys = await sdk.keys.signing.list();
      expect(keys.map((key) => [key.current, key.next, key.previous, key.revoked])).toEqual([
        [true, false, false, false],
        [false, true, false, false],
      ]);
      const [current, next] = keys;
      expect(current?.current_since).toEqual(expect.any(String));
      expect(next).not.toHaveProperty("current_since");

      const jwks = await publishedKeys();
      expect(jwks.map((jwk) => jwk.kid)).toEqual(keys.map((key) => key.kid));
      for (const [index, jwk] of jwks.entries()) {
        const listed = keys[index];
        expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" });
        const certificate = new X509Certificate(Buffer.from(jwk.x5c?.[0] ?? "", "base64"));
        // The certificate is the key's own: its public key is the JWK's.
        expect(certificate.publicKey.export({ format: "jwk" })).toMatchObject({ n: jwk.n, e: jwk.e });
        expect(certificate.verify(certificate.publicKey)).toBe(true);
        const sha1 = createHash("sha1").update(certificate.raw).digest();
        expect(jwk.x5t).toBe(sha1.toString("base64url"));
        // The Management API's view of the same certificate: PEM with CRLF, SHA-1 thumbprint and fingerprint.
        expect(new X509Certificate(listed?.cert ?? "").raw.equals(certificate.raw)).toBe(true);
        expect(listed?.cert).toMatch(/^-----BEGIN CERTIFICATE-----\r\n[\s\S]+\r\n-----END CERTIFICATE-----$/);
        expect(listed?.pkcs7).toMatch(/^-----BEGIN PKCS7-----\r\n[\s\S]+-----END PKCS7-----$/);
        expect(listed?.thumbprint).toBe(sha1.toString("hex").toUpperCase());
        expect(listed?.fingerprint).toBe(listed?.thumbprint.match(/../g)?.join(":"));
      }
    });

    it("keys.signing.get answers one key, and Auth0's 404 for a kid it does not have", async () => {
      const [current] = await sdk.keys.signing.list();
      await expect(sdk.keys.signing.get(current?.kid ?? "")).resolves.toMatchObject({ kid: current?.kid, current: true, cert: current?.cert });
      expect(await sdkFailure(sdk.keys.signing.get("no-such-kid"))).toMatchObject({ statusCode: 404, body: { message: "Signing key not found" } });
    });

    it("need read:signing_keys to read, create:signing_keys and update:signing_keys both to rotate", async () => {
      const readOnly = await tenant.management.fetchToken("read:clients create:signing_keys");
      const listed = await tenant.management.call("GET", "keys/signing", undefined, readOnly);
      expect(listed).toMatchObject({ status: 403, body: { message: "Insufficient scope, expected any of: read:signing_keys" } });
      const rotated = await tenant.management.call("POST", "keys/signing/rotate", undefined, readOnly);
      expect(rotated).toMatchObject({ status: 403, body: { message: "Insufficient scope, expected all of: create:signing_keys,update:signing_keys" } });
      const revoked = await tenant.management.call("PUT", "keys/signing/x/revoke", undefined, readOnly);
      expect(revoked).toMatchObject({ status: 403, body: { message: "Insufficient scope, expected any of: update:signing_keys" } });
    });
  });

  describe("a rotation and a revocation", () => {
    it("the next key signs, tokens of the previous one verify until it is revoked, and then no longer", async () => {
      const [before, waiting] = await sdk.keys.signing.list();
      const oldIdToken = await idToken();
      const oldManagementToken = await tenant.management.fetchToken("read:signing_keys");
      expect(decodeProtectedHeader(oldIdToken).kid).toBe(before?.kid);
      // A verifier that cached the JWKS before the rotation: the next key is in it already.
      const cachedJwks = freshJwks();
      await verifyIdToken(oldIdToken, cachedJwks);

      const rotated = await sdk.keys.signing.rotate();
      const afterRotation = await sdk.keys.signing.list();
      const newNext = afterRotation.find((key) => key.next);
      expect(rotated).toEqual({ kid: newNext?.kid, cert: newNext?.cert });
      expect(afterRotation.find((key) => key.current)?.kid).toBe(waiting?.kid);
      const previous = afterRotation.find((key) => key.previous);
      expect(previous).toMatchObject({ kid: before?.kid, current_since: before?.current_since, current_until: expect.any(String) });
      expect((await publishedKeys()).map((jwk) => jwk.kid)).toEqual([waiting?.kid, newNext?.kid, before?.kid]);

      const newIdToken = await idToken();
      expect(decodeProtectedHeader(newIdToken).kid).toBe(waiting?.kid);
      await verifyIdToken(newIdToken, cachedJwks);
      await verifyIdToken(oldIdToken);
      // The tenant's own checks accept a token of the previous key too (here a Management API token).
      expect((await tenant.management.call("GET", "keys/signing", undefined, oldManagementToken)).status).toBe(200);

      // Only the previously used key can be revoked.
      expect(await sdkFailure(sdk.keys.signing.revoke(waiting?.kid ?? ""))).toMatchObject({ statusCode: 400 });
      expect(await sdkFailure(sdk.keys.signing.revoke(newNext?.kid ?? ""))).toMatchObject({ statusCode: 400 });
      expect(await sdkFailure(sdk.keys.signing.revoke("no-such-kid"))).toMatchObject({ statusCode: 404, body: { message: "Signing key not found" } });

      await expect(sdk.keys.signing.revoke(before?.kid ?? "")).resolves.toEqual({ kid: before?.kid, cert: before?.cert });
      const sdkTokenRefused = await sdkFailure(sdk.keys.signing.list());
      expect(sdkTokenRefused).toMatchObject({ statusCode: 401, body: { message: `The access token was signed with a revoked key (kid ${before?.kid}).` } });
      sdk = newSdk();
      expect((await publishedKeys()).map((jwk) => jwk.kid)).toEqual([waiting?.kid, newNext?.kid]);
      expect(await sdk.keys.signing.get(before?.kid ?? "")).toMatchObject({ revoked: true, revoked_at: expect.any(String), previous: false });
      await expect(verifyIdToken(oldIdToken)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
      await verifyIdToken(newIdToken);
      const refused = await tenant.management.call("GET", "keys/signing", undefined, oldManagementToken);
      expect(refused).toMatchObject({ status: 401, body: { message: `The access token was signed with a revoked key (kid ${before?.kid}).` } });
      expect(await sdkFailure(sdk.keys.signing.revoke(before?.kid ?? ""))).toMatchObject({ statusCode: 400 });
    });

    it("openid-client, checking ID token signatures against the JWKS it cached before, logs in across a rotation and a revocation", async () => {
      const config = await discoverWithOpenidClient(app);
      // By default openid-client trusts the TLS channel; this makes it verify each ID token's signature with the JWKS.
      oidc.enableNonRepudiationChecks(config);
      const first = await codeFlow(new HttpClient(), config, app, tenant.demoUser);
      await sdk.keys.signing.rotate();
      const second = await codeFlow(new HttpClient(), config, app, tenant.demoUser);
      const previousKid = decodeProtectedHeader(first.tokens.id_token ?? "").kid ?? "";
      await sdk.keys.signing.revoke(previousKid);
      sdk = newSdk();
      const third = await codeFlow(new HttpClient(), config, app, tenant.demoUser);
      const kids = [first, second, third].map(({ tokens }) => decodeProtectedHeader(tokens.id_token ?? "").kid);
      expect(new Set(kids).size).toBe(2);
      expect(kids[1]).toBe(kids[2]);
      expect(third.tokens.claims()).toMatchObject({ iss: tenant.issuer, aud: app.clientId });
    });
  });
});

describe("signing keys across a restart", () => {
  it("keep their roles, certificates and kids; the tokens signed before still verify", async () => {
    const first = await startTestTenant();
    const dataDir = first.dataDir;
    await first.management.expect(201, "POST", "keys/signing/rotate");
    const before = await first.management.expect<Array<Record<string, unknown>>>(200, "GET", "keys/signing");
    const jwksBefore = await (await fetch(`${first.issuer}.well-known/jwks.json`)).json();
    const client = await registerWebApp(first);
    const { tokens } = await loginWithPassword(new HttpClient(), client, first.demoUser);
    await first.stop({ keepData: true });

    const second = await startTestTenant({ dataDir, port: first.port });
    try {
      expect(await second.management.expect(200, "GET", "keys/signing")).toEqual(before);
      expect(await (await fetch(`${second.issuer}.well-known/jwks.json`)).json()).toEqual(jwksBefore);
      const jwks = createRemoteJWKSet(new URL(`${second.issuer}.well-known/jwks.json`));
      await expect(jwtVerify(tokens.id_token ?? "", jwks, { issuer: second.issuer })).resolves.toBeDefined();
    } finally {
      await second.stop();
    }
  });
});
