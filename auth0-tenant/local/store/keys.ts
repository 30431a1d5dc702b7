import { X509Certificate, createHash, createPrivateKey } from "node:crypto";
import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { generate } from "selfsigned";
import { createPkcs7 } from "selfsigned/pkcs7";
import { z } from "zod";
import { CodedError } from "../../../contract/coded-error";
import { StoreError } from "../errors";
import { JsonFile } from "./json-file";

/**
 * One of the tenant's RS256 application signing keys, as Auth0 keeps them: one current key signs, one next key waits
 * (already published, so that caches hold it before it signs), previously used keys verify until they are revoked.
 */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Public JWK with `kid`, `alg`, `use`, `x5c`, `x5t`, as the JWKS serves it. */
  publicJwk: JWK;
  /** The key's self-signed X.509 certificate, PEM with CRLF line ends as Auth0 returns it. */
  cert: string;
  /** The same certificate as PKCS#7, PEM. */
  pkcs7: string;
  /** SHA-1 of the certificate, upper-case hex: `AA:BB:…` (fingerprint) and `AABB…` (thumbprint). */
  fingerprint: string;
  thumbprint: string;
  role: SigningKeyRole;
  /** ISO timestamps: when it began and ended signing, when it was revoked. */
  currentSince?: string;
  currentUntil?: string;
  revokedAt?: string;
}

export type SigningKeyRole = "current" | "next" | "previous" | "revoked";

const RSA_PRIVATE_JWK = z.looseObject({ kty: z.literal("RSA"), n: z.string(), e: z.string(), d: z.string() });

const storedKeySchema = z.object({
  kid: z.string().min(1),
  created_at: z.string(),
  private_jwk: RSA_PRIVATE_JWK,
  cert: z.string().min(1),
  pkcs7: z.string().min(1),
  current_since: z.string().optional(),
  current_until: z.string().optional(),
  revoked_at: z.string().optional(),
});
type StoredKey = z.infer<typeof storedKeySchema>;

const fileSchema = z.object({ keys: z.array(storedKeySchema) });
/** The single key an earlier version of the local tenant kept in the same file: it becomes the current key. */
const singleKeySchema = z.object({ kid: z.string().min(1), created_at: z.string(), private_jwk: RSA_PRIVATE_JWK });
type KeyFile = z.infer<typeof fileSchema>;

/** Auth0's Dashboard lists the last three revoked keys; older ones are forgotten. */
const REVOKED_KEPT = 3;
const CERTIFICATE_YEARS = 10;

export type SigningKeyErrorCode = "ERR_SIGNING_KEY_NOT_FOUND" | "ERR_SIGNING_KEY_NOT_REVOCABLE";

export class SigningKeyError extends CodedError<SigningKeyErrorCode> {}

/** The tenant's signing keys in `signing-key.json`: current, next, previous and recently revoked. */
export class SigningKeyStore {
  /** Rotations and revocations one at a time: each reads the state the previous one wrote. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: JsonFile<KeyFile>,
    private readonly now: () => number,
    private keys: LoadedKey[],
  ) {}

  static async open(dataDir: string, now: () => number): Promise<SigningKeyStore> {
    const path = join(dataDir, "signing-key.json");
    const file = new JsonFile(path, z.union([fileSchema, singleKeySchema]));
    const loaded = await file.load();
    const keyFile = new JsonFile(path, fileSchema);
    if (loaded && "keys" in loaded) {
      return new SigningKeyStore(keyFile, now, await Promise.all(loaded.keys.map((key) => importStoredKey(key, path))));
    }
    const stamp = new Date(now()).toISOString();
    const current = loaded ? await certify(loaded.kid, loaded.private_jwk, loaded.created_at, now()) : await newStoredKey(now());
    const stored: KeyFile = { keys: [{ ...current, current_since: loaded?.created_at ?? stamp }, await newStoredKey(now())] };
    await keyFile.save(stored);
    return new SigningKeyStore(keyFile, now, await Promise.all(stored.keys.map((key) => importStoredKey(key, path))));
  }

  /** The key that signs. */
  current(): SigningKey {
    return this.withRole("current");
  }

  next(): SigningKey {
    return this.withRole("next");
  }

  /** Current, next and previous keys: what the JWKS publishes and what verifies a token. */
  published(): SigningKey[] {
    const order: SigningKeyRole[] = ["current", "next", "previous"];
    return order.flatMap((role) => this.keys.filter((key) => key.role === role));
  }

  /** Every key Auth0 would list: the published ones, then the recently revoked ones. */
  list(): SigningKey[] {
    return [...this.published(), ...this.keys.filter((key) => key.role === "revoked")];
  }

  find(kid: string): SigningKey | undefined {
    return this.keys.find((key) => key.kid === kid);
  }

  /** The next key becomes current, the current one previous, and a new next key is made; returns the new next key. */
  rotate(): Promise<SigningKey> {
    return this.serialized(async () => {
      const stamp = new Date(this.now()).toISOString();
      const fresh = await newStoredKey(this.now());
      const keys = this.storedKeys().map((key): StoredKey => {
        if (key.current_since !== undefined && key.current_until === undefined) return { ...key, current_until: stamp };
        if (key.current_since === undefined) return { ...key, current_since: stamp };
        return key;
      });
      await this.replace({ keys: [...keys, fresh] });
      return this.next();
    });
  }

  /** Only a previously used key can be revoked (as on Auth0); it leaves the JWKS and its tokens stop verifying. */
  revoke(kid: string): Promise<SigningKey> {
    return this.serialized(async () => {
      const key = this.find(kid);
      if (!key) throw new SigningKeyError("ERR_SIGNING_KEY_NOT_FOUND", "Signing key not found");
      if (key.role !== "previous") {
        const why = key.role === "revoked" ? "it is already revoked" : `it is the ${key.role} key`;
        throw new SigningKeyError("ERR_SIGNING_KEY_NOT_REVOCABLE", `Only a previously used signing key can be revoked; ${why}.`);
      }
      const stamp = new Date(this.now()).toISOString();
      const revoked = this.storedKeys().map((stored) => (stored.kid === kid ? { ...stored, revoked_at: stamp } : stored));
      const forgotten = revoked
        .filter((stored) => stored.revoked_at !== undefined)
        .sort((a, b) => (b.revoked_at ?? "").localeCompare(a.revoked_at ?? ""))
        .slice(REVOKED_KEPT)
        .map((stored) => stored.kid);
      await this.replace({ keys: revoked.filter((stored) => !forgotten.includes(stored.kid)) });
      return this.find(kid) as SigningKey;
    });
  }

  private withRole(role: "current" | "next"): LoadedKey {
    const key = this.keys.find((candidate) => candidate.role === role);
    if (!key) throw new StoreError("store_corrupt", `${this.file.path} holds no ${role} signing key; fix or delete the file.`, this.file.path);
    return key;
  }

  private storedKeys(): StoredKey[] {
    return this.keys.map((key) => key.stored);
  }

  /** Written first, then swapped in memory: a failed write leaves the keys as they were. */
  private async replace(next: KeyFile): Promise<void> {
    const imported = await Promise.all(next.keys.map((key) => importStoredKey(key, this.file.path)));
    await this.file.save(next);
    this.keys = imported;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function roleOf(key: StoredKey): SigningKeyRole {
  if (key.revoked_at !== undefined) return "revoked";
  if (key.current_since === undefined) return "next";
  return key.current_until === undefined ? "current" : "previous";
}

async function newStoredKey(nowMs: number): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  return certify(kid, RSA_PRIVATE_JWK.parse(privateJwk), new Date(nowMs).toISOString(), nowMs);
}

/** A self-signed certificate for the key (Auth0 publishes one per key: `x5c`, the Management API's `cert`). */
async function certify(kid: string, privateJwk: StoredKey["private_jwk"], createdAt: string, nowMs: number): Promise<StoredKey> {
  const privateKey = (await importJWK({ ...privateJwk, alg: "RS256" }, "RS256", { extractable: true })) as CryptoKey;
  const publicKey = (await importJWK({ kty: "RSA", n: privateJwk.n, e: privateJwk.e }, "RS256", { extractable: true })) as CryptoKey;
  const notAfter = new Date(nowMs);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_YEARS);
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyPair: { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey) },
    keyType: "rsa",
    algorithm: "sha256",
    notBeforeDate: new Date(nowMs - 60_000),
    notAfterDate: notAfter,
    extensions: [{ name: "basicConstraints", cA: false }, { name: "keyUsage", digitalSignature: true, critical: true }],
  });
  return { kid, created_at: createdAt, private_jwk: privateJwk, cert: crlf(pems.cert), pkcs7: crlf(createPkcs7(pems.cert)) };
}

function crlf(pem: string): string {
  return pem.trim().replace(/\r?\n/g, "\r\n");
}

type LoadedKey = SigningKey & { stored: StoredKey };

async function importStoredKey(stored: StoredKey, path: string): Promise<LoadedKey> {
  const { n, e } = stored.private_jwk;
  try {
    const certificate = new X509Certificate(stored.cert);
    if (!certificate.checkPrivateKey(createPrivateKey({ key: stored.private_jwk, format: "jwk" }))) throw new Error("its certificate is for another key");
    const der = certificate.raw;
    const sha1 = createHash("sha1").update(der).digest();
    const publicJwk: JWK = { kty: "RSA", n, e, kid: stored.kid, alg: "RS256", use: "sig", x5c: [der.toString("base64")], x5t: sha1.toString("base64url") };
    const privateKey = (await importJWK({ ...stored.private_jwk, alg: "RS256" }, "RS256")) as CryptoKey;
    const publicKey = (await importJWK({ kty: "RSA", n, e }, "RS256")) as CryptoKey;
    const hex = sha1.toString("hex").toUpperCase();
    return {
      kid: stored.kid,
      privateKey,
      publicKey,
      publicJwk,
      cert: stored.cert,
      pkcs7: stored.pkcs7,
      fingerprint: hex.match(/../g)?.join(":") ?? hex,
      thumbprint: hex,
      role: roleOf(stored),
      ...(stored.current_since ? { currentSince: stored.current_since } : {}),
      ...(stored.current_until ? { currentUntil: stored.current_until } : {}),
      ...(stored.revoked_at ? { revokedAt: stored.revoked_at } : {}),
      stored,
    };
  } catch (error) {
    throw new StoreError("store_corrupt", `${path} holds an unusable signing key ${stored.kid} (${(error as Error).message}).`, path);
  }
}
