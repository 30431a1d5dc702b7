import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ACTIVE_TOKENS_PER_USER_AND_CLIENT, RefreshTokenStore } from "./refresh-tokens";

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
    for (const store of [first, second, third]) await store.close();
  });
});

describe("RefreshTokenStore write cost", () => {
  it("with 5,000 families stored, an issue and a rotation each append one bounded line and leave the snapshot alone", async () => {
    clock = 5_000_000;
    const costDir = await mkdtemp(join(tmpdir(), "refresh-tokens-cost-"));
    try {
      // 5,000 live families of as many users in the snapshot, written directly so that filling it costs the same for any store.
      const policy = { rotating: true, leewayMs: 0, expiresAt: clock + 60_000, idleMs: 30_000 };
      const stored = Array.from({ length: 5000 }, (_, i) => ({
        hash: `seeded-${i}`,
        grant: { ...grant, authentication: { ...grant.authentication, userId: `auth0|seeded-${i}` }, id: `grant-${i}`, familyId: `family-${i}`, createdAt: clock },
        policy,
        lastActiveAt: clock,
        revoked: false,
      }));
      const snapshotPath = join(costDir, "refresh-tokens.json");
      const journalPath = join(costDir, "refresh-tokens.journal");
      await writeFile(snapshotPath, JSON.stringify({ tokens: stored }));
      const snapshotBefore = await stat(snapshotPath);
      const store = await RefreshTokenStore.open(costDir, now);

      const start = await sizeOf(journalPath);
      const token = await store.issue(grant, expiring);
      const afterIssue = await sizeOf(journalPath);
      const rotated = await store.exchange(token, "app");
      const afterRotation = await sizeOf(journalPath);

      const snapshotAfter = await stat(snapshotPath);
      expect({ size: snapshotAfter.size, mtimeMs: snapshotAfter.mtimeMs }).toEqual({ size: snapshotBefore.size, mtimeMs: snapshotBefore.mtimeMs });
      // A record is about 400 bytes: an issue writes one, a rotation at most three (parent, token, successor).
      expect(afterIssue - start).toBeGreaterThan(0);
      expect(afterIssue - start).toBeLessThan(1000);
      expect(afterRotation - afterIssue).toBeGreaterThan(0);
      expect(afterRotation - afterIssue).toBeLessThan(2000);
      // Not closed, as after kill -9: the journal alone brings back the successor.
      const reopened = await RefreshTokenStore.open(costDir, now);
      expect(rotated).toMatchObject({ status: "ok", token: expect.any(String) });
      expect(await reopened.check(rotated.status === "ok" ? (rotated.token ?? "") : "", "app")).toMatchObject({ status: "ok" });
      await reopened.close();
      await store.close();
    } finally {
      await rm(costDir, { recursive: true, force: true });
    }
  });
});

describe("RefreshTokenStore keeps Auth0's limit of active refresh tokens per user and application", () => {
  it("forgets the oldest login's token when a login adds one past it, and no other user's or client's, across a restart", async () => {
    clock = 9_000_000;
    const limitDir = await mkdtemp(join(tmpdir(), "refresh-tokens-limit-"));
    const nonExpiring = { rotation_type: "non-rotating", expiration_type: "non-expiring" } as const;
    try {
      const store = await RefreshTokenStore.open(limitDir, now);
      const issue = (user: string, clientId = "app") => {
        clock += 1;
        return store.issue({ ...grant, clientId, authentication: { ...grant.authentication, userId: user } }, nonExpiring);
      };
      const tokens: string[] = [];
      for (let i = 0; i < MAX_ACTIVE_TOKENS_PER_USER_AND_CLIENT; i++) tokens.push(await issue("auth0|many"));
      const otherClient = await issue("auth0|many", "other-app");
      const otherUser = await issue("auth0|other");
      // A revoked family does not count: revoking one and adding one forgets nothing.
      await store.revoke(tokens[1]!, "app");
      tokens.push(await issue("auth0|many"));
      expect(await store.check(tokens[0]!, "app")).toMatchObject({ status: "ok" });

      // At the limit, one more forgets the oldest login's family, and only it.
      const newest = await issue("auth0|many");
      const forgotten = await store.check(tokens[0]!, "app");
      expect(forgotten).toMatchObject({ status: "refused", reason: expect.stringContaining("No refresh token like this one") });
      expect(forgotten.status === "refused" && forgotten.reason).toContain(`past the ${MAX_ACTIVE_TOKENS_PER_USER_AND_CLIENT}`);
      for (const kept of [tokens[2]!, tokens.at(-1)!, newest]) expect(await store.check(kept, "app")).toMatchObject({ status: "ok" });
      expect(await store.check(otherClient, "other-app")).toMatchObject({ status: "ok" });
      expect(await store.check(otherUser, "app")).toMatchObject({ status: "ok" });

      // Not closed, as after kill -9: the journal alone replays what was forgotten.
      const reopened = await RefreshTokenStore.open(limitDir, now);
      expect(await reopened.check(tokens[0]!, "app")).toMatchObject({ status: "refused", reason: expect.stringContaining("No refresh token like this one") });
      expect(await reopened.check(tokens[2]!, "app")).toMatchObject({ status: "ok" });
      expect(await reopened.check(newest, "app")).toMatchObject({ status: "ok" });
      await reopened.close();
      await store.close();
    } finally {
      await rm(limitDir, { recursive: true, force: true });
    }
  });
});

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
