import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashes: `scrypt$N$r$p$salt$hash` (salt and hash base64url), a fresh 16-byte salt per password.
 * Verification is constant-time, and an unknown user costs the same as a wrong password, so timing does not reveal
 * which accounts exist.
 */

const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, COST);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  const [scheme, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(cost).every(Number.isSafeInteger) || expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, Buffer.from(salt, "base64url"), cost);
  return timingSafeEqual(actual, expected);
}

/** Spends the same work as a real check; used when the email matches no user. */
export async function spendPasswordCheck(password: string): Promise<void> {
  await derive(password, DUMMY_SALT, COST);
}

const DUMMY_SALT = randomBytes(16);

/**
 * scrypt runs in libuv's thread pool (4 threads by default), which the tenant's file writes, DNS lookups and
 * WebCrypto signatures (its tokens) share. 200 sign-ups at once would queue 200 derivations ahead of all of them,
 * and a token request would wait for seconds; running two at a time keeps threads free, and two cores as busy.
 */
const MAX_CONCURRENT_DERIVATIONS = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  if (running < MAX_CONCURRENT_DERIVATIONS) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await new Promise((resolve, reject) => {
      scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
        error ? reject(error) : resolve(key),
      );
    });
  } finally {
    // The slot passes to the next derivation waiting, if any.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
