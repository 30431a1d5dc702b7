import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from "node:crypto";
import { fillRandom } from "./random-pool";

/**
 * Iron's `Fe26.2` seals with the options iron-session 8 uses (Iron's defaults), on Node's crypto: AES-256-CBC and
 * HMAC-SHA256 under keys derived per seal by PBKDF2-SHA1 (one iteration) from the password and a 256-bit salt of
 * their own, written in hex, and a 128-bit IV. iron-webcrypto, iron-session's engine, costs 2.5 times the CPU for the
 * same bytes (its base64 and its Web Crypto-shaped calls, 52 against 21 µs per unseal on Node 24); iron-session is
 * the tests' oracle, both ways.
 */

const MAC_PREFIX = "Fe26.2";
/** iron-session 8 ends every seal with its format's major version. */
const VERSION_SUFFIX = "~2";
/** The id iron-session gives a password passed as a string. */
const PASSWORD_ID = "1";
const MIN_PASSWORD_LENGTH = 32;
const SALT_BYTES = 32;
const IV_BYTES = 16;
const KEY_BYTES = 32;
/** Iron accepts a seal up to a minute past its expiry: the clocks of the servers that seal and unseal may differ. */
const TIMESTAMP_SKEW_MS = 60_000;

export interface SealOptions {
  /** At least 32 characters. */
  password: string;
  /** Seconds the seal stays valid (iron-session's `ttl`). */
  ttl: number;
}

/**
 * Seals `data` exactly as iron-session's `sealData` does (an Iron `Fe26.2` seal with its `~2` suffix), so that
 * iron-session unseals it and the reverse.
 *
 * @example
 * const sealed = sealData({ step: "terms" }, { password, ttl: 1800 });
 * unsealData(sealed, { password, ttl: 1800 }); // { step: "terms" }
 * @throws {Error} when the password is shorter than 32 characters, as Iron does.
 */
export function sealData(data: object, options: SealOptions): string {
  if (options.password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`Password string too short (min ${MIN_PASSWORD_LENGTH} characters required)`);
  }
  const encryptionSalt = randomSalt();
  const iv = fillRandom(Buffer.alloc(IV_BYTES));
  const cipher = createCipheriv("aes-256-cbc", derivedKey(options.password, encryptionSalt), iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(data), "utf8"), cipher.final()]);
  const expiration = options.ttl ? Date.now() + options.ttl * 1000 : "";
  const macBase = `${MAC_PREFIX}*${PASSWORD_ID}*${encryptionSalt}*${iv.toString("base64url")}*${encrypted.toString("base64url")}*${expiration}`;
  const hmacSalt = randomSalt();
  return `${macBase}*${hmacSalt}*${digestOf(macBase, options.password, hmacSalt)}${VERSION_SUFFIX}`;
}

/**
 * What `sealData` (ours or iron-session's) sealed with this password, or `null` when the value is not such a seal:
 * malformed, tampered with, expired (beyond Iron's 60 s of clock skew) or sealed with another password.
 */
export function unsealData(sealed: string, options: SealOptions): unknown {
  if (!sealed.endsWith(VERSION_SUFFIX) || options.password.length < MIN_PASSWORD_LENGTH) return null;
  const parts = sealed.slice(0, -VERSION_SUFFIX.length).split("*");
  if (parts.length !== 8) return null;
  const [prefix, passwordId, encryptionSalt, iv, encrypted, expiration, hmacSalt, digest] = parts as [string, string, string, string, string, string, string, string];
  if (prefix !== MAC_PREFIX || passwordId !== PASSWORD_ID) return null;
  if (expiration !== "" && (!/^\d+$/.test(expiration) || Number(expiration) <= Date.now() - TIMESTAMP_SKEW_MS)) return null;
  // Iron compares the digests as text, so a seal is accepted in its one encoding only.
  const expected = Buffer.from(digestOf(parts.slice(0, 6).join("*"), options.password, hmacSalt));
  const given = Buffer.from(digest);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const decipher = createDecipheriv("aes-256-cbc", derivedKey(options.password, encryptionSalt), Buffer.from(iv, "base64url"));
    const text = Buffer.concat([decipher.update(Buffer.from(encrypted, "base64url")), decipher.final()]).toString("utf8");
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    // Authenticated, yet not a seal of ours: an IV of the wrong size, a text that is not JSON.
    return null;
  }
}

function randomSalt(): string {
  return Buffer.from(fillRandom(new Uint8Array(SALT_BYTES))).toString("hex");
}

/** Iron's key for one seal: PBKDF2-SHA1, one iteration, over the password and the salt's hex text. */
function derivedKey(password: string, salt: string): Buffer {
  return pbkdf2Sync(password, salt, 1, KEY_BYTES, "sha1");
}

function digestOf(macBase: string, password: string, hmacSalt: string): string {
  return createHmac("sha256", derivedKey(password, hmacSalt)).update(macBase).digest("base64url");
}
