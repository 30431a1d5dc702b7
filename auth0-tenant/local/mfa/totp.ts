import { createHmac, randomBytes } from "node:crypto";
import { base32Decode, base32Encode } from "./base32";

/** What authenticator apps assume when only a secret is typed in (RFC 6238 defaults). */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_S = 30;

/** RFC 4226 §5.3: HMAC-SHA-1 of the 8-byte counter, dynamically truncated to `digits` decimal digits. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** RFC 6238: the time step that contains `nowMs`. */
export function totpStep(nowMs: number, periodS = TOTP_PERIOD_S): number {
  return Math.floor(nowMs / 1000 / periodS);
}

/** The code an authenticator app shows at `nowMs` for this base32 secret. */
export function totpCode(secret: string, nowMs: number, digits = TOTP_DIGITS): string {
  return hotp(base32Decode(secret), totpStep(nowMs), digits);
}

/** 160 random bits (RFC 4226 recommends the HMAC-SHA-1 output length), base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The time step whose code `code` is, within one step either side of now (clock drift, RFC 6238 §5.2). */
export function matchTotpStep(secret: string, code: string, nowMs: number): number | undefined {
  const key = base32Decode(secret);
  const current = totpStep(nowMs);
  return [current - 1, current, current + 1].find((step) => hotp(key, step) === code);
}
