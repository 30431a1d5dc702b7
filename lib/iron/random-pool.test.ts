import { describe, expect, it } from "vitest";
import { fillRandom, POOL_BYTES } from "./random-pool";

describe("fillRandom", () => {
  it("never hands out the same bytes twice, across the pool's refills", () => {
    const seen = new Set<string>();
    for (let index = 0; index < (3 * POOL_BYTES) / 32; index += 1) seen.add(Buffer.from(fillRandom(new Uint8Array(32))).toString("hex"));
    expect(seen.size).toBe((3 * POOL_BYTES) / 32);
  });

  it("fills a slice that does not fit in what is left of the pool", () => {
    fillRandom(new Uint8Array(POOL_BYTES - 10));
    expect(fillRandom(new Uint8Array(64)).some((byte) => byte !== 0)).toBe(true);
  });

  it("fills only the view it is given, of any integer array type", () => {
    const backing = new Uint8Array(48);
    fillRandom(new Uint32Array(backing.buffer, 16, 4));
    expect(backing.subarray(0, 16).every((byte) => byte === 0)).toBe(true);
    expect(backing.subarray(32).every((byte) => byte === 0)).toBe(true);
    expect(backing.subarray(16, 32).some((byte) => byte !== 0)).toBe(true);
  });

  it("fills an array larger than the pool directly", () => {
    expect(fillRandom(new Uint8Array(POOL_BYTES + 1)).subarray(POOL_BYTES - 16).some((byte) => byte !== 0)).toBe(true);
  });
});
