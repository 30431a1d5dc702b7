import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientAddress", () => {
  it("ignores X-Forwarded-For when no proxy is trusted: anyone can send it", () => {
    expect(clientAddress(forwarded("203.0.113.9"), 0)).toBeNull();
  });

  it.each([
    ["the entry the one proxy appended", "198.51.100.1, 203.0.113.9", 1, "203.0.113.9"],
    ["Vercel's single, overwritten entry", "203.0.113.9", 1, "203.0.113.9"],
    ["the address seen by the outer of two proxies", "198.51.100.1, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"],
    ["an IPv6 address", "2001:db8::1", 1, "2001:db8::1"],
    ["an IPv6 address in brackets with a port", "[2001:db8::1]:443", 1, "2001:db8::1"],
    ["an IPv4 address with a port", "203.0.113.9:51234", 1, "203.0.113.9"],
  ])("takes %s", (_name, header, hops, expected) => {
    expect(clientAddress(forwarded(header), hops)).toBe(expected);
  });

  it.each([
    ["no header", new Headers(), 1],
    ["fewer entries than trusted proxies", forwarded("203.0.113.9"), 2],
    ["something that is not an address", forwarded("unknown"), 1],
    ["an empty entry", forwarded("203.0.113.9, "), 1],
  ])("records nothing for %s", (_name, headers, hops) => {
    expect(clientAddress(headers, hops)).toBeNull();
  });
});
