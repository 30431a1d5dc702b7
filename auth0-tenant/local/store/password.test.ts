import { stat } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("salts every hash and verifies only the right password", async () => {
    const first = await hashPassword("correct horse");
    const second = await hashPassword("correct horse");
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("correct horse", first)).toBe(true);
    expect(await verifyPassword("correct horsE", first)).toBe(false);
  });

  it("refuses malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(await verifyPassword("x", "scrypt$a$b$c$salt$hash")).toBe(false);
  });

  it("leaves the thread pool free for other work while many passwords are hashed", async () => {
    const finished: string[] = [];
    const hashes = Array.from({ length: 12 }, (_, index) => hashPassword(`password ${index}`).then(() => finished.push("hash")));
    // A file system call runs in the same pool as scrypt: it must not wait for the hashes queued before it.
    await stat(import.meta.dirname).then(() => finished.push("stat"));
    await Promise.all(hashes);
    expect(finished.indexOf("stat")).toBeLessThan(4);
  });
});
