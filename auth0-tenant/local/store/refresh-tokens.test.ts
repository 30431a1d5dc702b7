import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RefreshTokenStore } from "./refresh-tokens";

let dir: string;
let clock = 0;
const now = () => clock;
const grant = { clientId: "app", scopes: ["openid", "offline_access"], authentication: { userId: "auth0|1", sessionId: "s", authenticatedAt: 0, methods: [] } };
const expiring = { rotation_type: "rotating", expiration_type: "expiring", leeway: 0, token_lifetime: 60, infinite_token_lifetime: false, idle_token_lifetime: 30, infinite_idle_token_lifetime: false } as const;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "refresh-tokens-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("RefreshTokenStore on disk", () => {
  it("reloads a token's family and revocation, and drops expired families at load", async () => {
    clock = 1_000_000;
    const first = await RefreshTokenStore.open(dir, now);
    const live = await first.issue(grant, expiring);
    const revoked = await first.issue(grant, expiring);
    await first.revoke(revoked, "app");

    clock += 10_000;
    const second = await RefreshTokenStore.open(dir, now);
    expect(await second.check(live, "app")).toMatchObject({ status: "ok", grant: { clientId: "app", authentication: { userId: "auth0|1" } } });
    expect(await second.check(revoked, "app")).toEqual({ status: "refused", reason: "The refresh token was revoked." });

    // Past the idle lifetime, a revoked family would still answer "revoked" had it been kept.
    clock += 30_000;
    const third = await RefreshTokenStore.open(dir, now);
    expect(await third.check(revoked, "app")).toMatchObject({ status: "refused", reason: expect.stringContaining("No refresh token like this one") });
  });
});
