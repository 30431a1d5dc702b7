import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";

export interface TestIssuer {
  /** `http://127.0.0.1:PORT/`, as Auth0 writes `iss`. */
  issuer: string;
  jwksUrl: string;
  /** An RS256 access token signed with the published key (or another key, with the same `kid`, to forge one). */
  sign(claims: JWTPayload, options?: { forged?: boolean; kid?: string }): Promise<string>;
  /** Stop answering the JWKS URL with keys (500), to play a tenant outage. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** A stand-in for the tenant: an RSA key, and its JWKS served by a tiny HTTP server on 127.0.0.1, port 0. */
export async function startTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const forger: { privateKey: CryptoKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key-1", alg: "RS256", use: "sig" };
  let down = false;
  const server: Server = createServer((request, response) => {
    if (down || request.url !== "/.well-known/jwks.json") {
      response.writeHead(down ? 500 : 404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    issuer: `${origin}/`,
    jwksUrl: `${origin}/.well-known/jwks.json`,
    sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: `${origin}/`, iat: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: options.kid ?? jwk.kid })
        .sign(options.forged ? forger.privateKey : privateKey);
    },
    setDown(value) {
      down = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
