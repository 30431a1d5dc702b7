import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync } from "node:crypto";
import type { seal } from "iron-webcrypto";
import { fillRandom } from "./random-pool";

/** The part of Web Crypto that iron-webcrypto calls, as its `seal` and `unseal` take it. */
type IronCrypto = Parameters<typeof seal>[0];

/** What our `importKey` hands iron-webcrypto, which only ever passes it back to us. */
interface RawKey {
  bytes: Buffer;
  /** `PBKDF2`, `AES-CBC` or `HMAC`: the one operation the key was imported for. */
  algorithm: string;
}

/** The algorithms of iron-session's defaults; iron-webcrypto's others are refused rather than run wrongly. */
const SUPPORTED = new Set(["PBKDF2", "AES-CBC", "HMAC"]);

function nameOf(algorithm: unknown): string {
  return typeof algorithm === "string" ? algorithm : String((algorithm as { name?: unknown }).name);
}

function hashOf(algorithm: unknown): string {
  const { hash } = algorithm as { hash?: unknown };
  return typeof hash === "string" ? hash : String((hash as { name?: unknown } | undefined)?.name);
}

function bytesOf(key: CryptoKey, algorithm: string): Buffer {
  const raw = key as unknown as RawKey;
  if (raw.algorithm !== algorithm) throw new TypeError(`A ${raw.algorithm} key cannot be used for ${algorithm}.`);
  return raw.bytes;
}

function arrayBufferOf(buffer: Buffer): ArrayBuffer {
  // A small Buffer is a view into Node's shared pool: copy out exactly its bytes.
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

/**
 * iron-webcrypto's primitives on Node's own crypto, synchronously. Web Crypto in Node runs each call as a job with
 * its own key object and promise, and an iron seal makes eight of them: this costs several times less CPU per
 * seal and per unseal (figures in README, "Benchmarks"), for the very same bytes, since the algorithms are those of
 * the Iron format: PBKDF2-SHA1 key derivation, AES-256-CBC and HMAC-SHA256.
 */
export const NODE_IRON_CRYPTO: IronCrypto = {
  getRandomValues: fillRandom,
  subtle: {
    async importKey(format, keyData, algorithm) {
      const name = nameOf(algorithm);
      if (format !== "raw" || !SUPPORTED.has(name)) throw new TypeError(`Unsupported key import: ${format} ${name}.`);
      if (name === "HMAC" && hashOf(algorithm) !== "SHA-256") throw new TypeError(`Unsupported HMAC hash: ${hashOf(algorithm)}.`);
      const key: RawKey = { bytes: Buffer.from(keyData instanceof ArrayBuffer ? new Uint8Array(keyData) : keyData), algorithm: name };
      return key as unknown as CryptoKey;
    },
    async deriveBits(algorithm, baseKey, length) {
      const { salt, iterations } = algorithm as Pbkdf2Params;
      if (nameOf(algorithm) !== "PBKDF2" || hashOf(algorithm) !== "SHA-1") throw new TypeError("Only PBKDF2 with SHA-1 is supported.");
      return arrayBufferOf(pbkdf2Sync(bytesOf(baseKey, "PBKDF2"), salt as Uint8Array, iterations, length / 8, "sha1"));
    },
    async encrypt(algorithm, key, data) {
      const cipher = createCipheriv("aes-256-cbc", bytesOf(key, "AES-CBC"), (algorithm as AesCbcParams).iv as Uint8Array);
      return arrayBufferOf(Buffer.concat([cipher.update(data), cipher.final()]));
    },
    async decrypt(algorithm, key, data) {
      const decipher = createDecipheriv("aes-256-cbc", bytesOf(key, "AES-CBC"), (algorithm as AesCbcParams).iv as Uint8Array);
      return arrayBufferOf(Buffer.concat([decipher.update(data), decipher.final()]));
    },
    async sign(_algorithm, key, data) {
      return arrayBufferOf(createHmac("sha256", bytesOf(key, "HMAC")).update(data).digest());
    },
  },
};
