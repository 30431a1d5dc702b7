import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { loginWithPassword, type OidcClient } from "../../../tests/support/oidc-login";
import { PROCESS_USAGE_UNAVAILABLE, processUsage, usageBetween, type ProcessUsage } from "../../../tests/support/process-usage";
import { startTenantProcess } from "../../../tests/support/tenant-process";
import { writeUsersFile } from "./testing/stored-users";

/**
 * What one login costs the tenant process, with few users stored and with 10,000: a login records `logins_count`
 * and `last_login`, and that write must cost the changed user's record, not the whole store. Measured in bytes the
 * process writes to disk (deterministic, unlike time) and, with a generous bound, in CPU time. A tenant that
 * rewrites every user on each change writes megabytes per login here.
 */
const FEW_USERS = 20;
const MANY_USERS = 10_000;
const LOGINS = 10;
const PASSWORD = "stored-password-1";
/** One user's record is about 1 KB; its line and fsync dirty a few 4 KB pages. 10,000 users take about 9 MB. */
const MAX_BYTES_PER_LOGIN = 64 * 1024;
/** What 10,000 users may add to a login over 20 users: a few pages, nowhere near a user per user. */
const MAX_EXTRA_BYTES_PER_LOGIN = 16 * 1024;
/**
 * CPU is noisier than bytes: a login's scrypt (about 45 ms) is the same whatever the users, and rewriting 10,000
 * users on each login about doubled it (49 ms against 95 ms per login, measured on the old tenant).
 */
const MAX_CPU_RATIO = 1.5;
const CPU_SLACK_MS = 10;

interface LoginCost {
  perLogin: ProcessUsage;
  /** `logins_count` of the last user who logged in, as the Management API reads it after the tenant restarted. */
  loginsCountAfter: number;
}

async function measureLogins(storedUsers: number): Promise<LoginCost> {
  const dataDir = await mkdtemp(join(tmpdir(), "login-cost-"));
  try {
    const users = await writeUsersFile(dataDir, storedUsers, PASSWORD);
    const tenant = await startTenantProcess(dataDir);
    try {
      const app = await tenant.management.createWebClient({ callbacks: ["http://127.0.0.1:3000/auth/callback"] });
      const client: OidcClient = { issuer: tenant.issuer, clientId: app.client_id, clientSecret: app.client_secret, redirectUri: "http://127.0.0.1:3000/auth/callback" };
      // A fresh client per login: no tenant session, so each one submits the password form as a new browser does.
      const login = (index: number) => loginWithPassword(new HttpClient(), client, { email: users[index]?.email ?? "", password: PASSWORD });
      // The first login loads what the later ones reuse (signing keys, templates, compiled code paths).
      await login(0);
      const before = await processUsage(tenant.pid);
      for (let index = 1; index <= LOGINS; index += 1) await login(index);
      const used = usageBetween(before, await processUsage(tenant.pid));
      const last = await tenant.management.expect<{ logins_count: number }>(200, "GET", `users/${encodeURIComponent(users[LOGINS]?.user_id ?? "")}`);
      return { perLogin: { writeBytes: used.writeBytes / LOGINS, cpuMs: used.cpuMs / LOGINS }, loginsCountAfter: last.logins_count };
    } finally {
      await tenant.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe.skipIf(PROCESS_USAGE_UNAVAILABLE !== undefined)(`a login's cost to the tenant process, ${FEW_USERS} and ${MANY_USERS} users stored`, () => {
  let few: LoginCost;
  let many: LoginCost;

  beforeAll(async () => {
    // One after the other: the two tenants do not compete for the CPU they are measured on.
    few = await measureLogins(FEW_USERS);
    many = await measureLogins(MANY_USERS);
  }, 120_000);

  afterAll(() => {
    if (few && many) {
      const figures = (cost: LoginCost) => `${Math.round(cost.perLogin.writeBytes)} B and ${cost.perLogin.cpuMs.toFixed(0)} ms CPU`;
      console.info(`per login: ${FEW_USERS} users ${figures(few)}; ${MANY_USERS} users ${figures(many)}`);
    }
  });

  it("records each login (the stored users' logins_count went from 1 to 2)", () => {
    expect(few.loginsCountAfter).toBe(2);
    expect(many.loginsCountAfter).toBe(2);
    expect(many.perLogin.writeBytes, "the measure sees the tenant's writes").toBeGreaterThan(0);
  });

  it("writes a bounded number of bytes per login, whatever the number of users", () => {
    expect(many.perLogin.writeBytes, `bytes written per login with ${MANY_USERS} users`).toBeLessThan(MAX_BYTES_PER_LOGIN);
    expect(
      many.perLogin.writeBytes - few.perLogin.writeBytes,
      `bytes per login with ${MANY_USERS} users (${many.perLogin.writeBytes}) over those with ${FEW_USERS} (${few.perLogin.writeBytes})`,
    ).toBeLessThan(MAX_EXTRA_BYTES_PER_LOGIN);
  });

  it("spends CPU time per login that does not grow with the users", () => {
    expect(many.perLogin.cpuMs, `CPU ms per login with ${MANY_USERS} users, against ${few.perLogin.cpuMs} ms with ${FEW_USERS}`).toBeLessThan(
      few.perLogin.cpuMs * MAX_CPU_RATIO + CPU_SLACK_MS,
    );
  });
});
