import { defaults, seal, unseal } from "iron-webcrypto";
import { NODE_IRON_CRYPTO } from "./node-crypto";

/** iron-session 8 ends every seal with its format's major version. */
const VERSION_SUFFIX = "~2";
/** The id iron-session gives a password passed as a string. */
const PASSWORD_ID = "1";

export interface SealOptions {
  /** At least 32 characters. */
  password: string;
  /** Seconds the seal stays valid (iron-session's `ttl`). */
  ttl: number;
}

/**
 * Seals `data` exactly as iron-session's `sealData` does (an Iron `Fe26.2` seal with its `~2` suffix), so that
 * iron-session unseals it and the reverse, on Node's own crypto rather than Web Crypto.
 *
 * @example
 * const sealed = await sealData({ step: "terms" }, { password, ttl: 1800 });
 * await unsealData(sealed, { password, ttl: 1800 }); // { step: "terms" }
 */
export async function sealData(data: unknown, options: SealOptions): Promise<string> {
  const sealed = await seal(NODE_IRON_CRYPTO, data, { id: PASSWORD_ID, secret: options.password }, { ...defaults, ttl: options.ttl * 1000 });
  return `${sealed}${VERSION_SUFFIX}`;
}

/**
 * What `sealData` (ours or iron-session's) sealed with this password, or `null` when the value is not such a seal:
 * malformed, tampered with, expired (beyond Iron's 60 s of clock skew) or sealed with another password.
 */
export async function unsealData(sealed: string, options: SealOptions): Promise<unknown> {
  if (!sealed.endsWith(VERSION_SUFFIX)) return null;
  try {
    return await unseal(NODE_IRON_CRYPTO, sealed.slice(0, -VERSION_SUFFIX.length), { [PASSWORD_ID]: options.password }, { ...defaults, ttl: options.ttl * 1000 });
  } catch {
    return null;
  }
}
