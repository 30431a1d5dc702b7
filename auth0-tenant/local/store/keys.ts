import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { z } from "zod";
import { StoreError } from "../errors";
import { JsonFile } from "./json-file";

/** The tenant's RS256 signing key: generated on first start, persisted as a private JWK, served by its public half. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Public JWK with `kid`, `alg`, `use`, as the JWKS serves it. */
  publicJwk: JWK;
}

const fileSchema = z.object({
  kid: z.string().min(1),
  created_at: z.string(),
  private_jwk: z.looseObject({ kty: z.literal("RSA"), n: z.string(), e: z.string(), d: z.string() }),
});

export async function openSigningKey(dataDir: string, now: () => number): Promise<SigningKey> {
  const file = new JsonFile(join(dataDir, "signing-key.json"), fileSchema);
  const stored = await file.load();
  if (stored) return importStoredKey(stored, file.path);
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  const record = fileSchema.parse({ kid, created_at: new Date(now()).toISOString(), private_jwk: privateJwk });
  await file.save(record);
  return importStoredKey(record, file.path);
}

async function importStoredKey(stored: z.infer<typeof fileSchema>, path: string): Promise<SigningKey> {
  const { n, e } = stored.private_jwk;
  const publicJwk: JWK = { kty: "RSA", n, e, kid: stored.kid, alg: "RS256", use: "sig" };
  try {
    const privateKey = (await importJWK({ ...stored.private_jwk, alg: "RS256" }, "RS256")) as CryptoKey;
    const publicKey = (await importJWK(publicJwk, "RS256")) as CryptoKey;
    return { kid: stored.kid, privateKey, publicKey, publicJwk };
  } catch (error) {
    throw new StoreError("store_corrupt", `${path} holds an unusable RSA key (${(error as Error).message}).`, path);
  }
}
