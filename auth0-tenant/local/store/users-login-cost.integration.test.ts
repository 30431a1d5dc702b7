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
  /** `logins_count` of the last user who logged in, as the tenant's Management API answers it. */
  loginsCountAfter: number;
}

/** A tenant process with `storedUsers` users, a web application registered, and one login done. */
interface MeasuredTenant {
  pid: number;
  /** Logs in the stored user `index` as a new browser does (no tenant session: the password form is submitted). */
  login(index: number): Promise<void>;
  loginsCountOf(index: number): Promise<number>;
  stop(): Promise<void>;
}

async function startMeasuredTenant(storedUsers: number): Promise<MeasuredTenant> {
  const dataDir = await mkdtemp(join(tmpdir(), "login-cost-"));
  const removeData = () => rm(dataDir, { recursive: true, force: true });
  const users = await writeUsersFile(dataDir, storedUsers, PASSWORD).catch(async (error: unknown) => {
    await removeData();
    throw error;
  });
  const tenant = await startTenantProcess(dataDir).catch(async (error: unknown) => {
    await removeData();
    throw error;
  });
  const stop = async () => {
    await tenant.stop();
    await removeData();
  };
  try {
    const redirectUri = "http://127.0.0.1:3000/auth/callback";
    const app = await tenant.management.createWebClient({ callbacks: [redirectUri] });
    const client: OidcClient = { issuer: tenant.issuer, clientId: app.client_id, clientSecret: app.client_secret, redirectUri };
    const userAt = (index: number) => {
      const user = users[index];
      if (!user) throw new Error(`no stored user ${index}: store more than ${storedUsers}`);
      return user;
    };
    const measured: MeasuredTenant = {
      pid: tenant.pid,
      async login(index) {
        await loginWithPassword(new HttpClient(), client, { email: userAt(index).email, password: PASSWORD });
      },
      async loginsCountOf(index) {
        const user = await tenant.management.expect<{ logins_count: number }>(200, "GET", `users/${encodeURIComponent(userAt(index).user_id)}`);
        return user.logins_count;
      },
      stop,
    };
    // The first login loads what the later ones reuse (signing keys, templates, compiled code paths).
    await measured.login(0);
    return measured;
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The same logins on each tenant, taking turns: each tenant is idle while the other works, and both see the same
 * load from whatever else the machine runs, which would otherwise skew one measure against the other.
 */
async function measureLogins(tenants: MeasuredTenant[]): Promise<LoginCost[]> {
  const before = await Promise.all(tenants.map((tenant) => processUsage(tenant.pid)));
  for (let index = 1; index <= LOGINS; index += 1) {
    for (const tenant of tenants) await tenant.login(index);
  }
  const after = await Promise.all(tenants.map((tenant) => processUsage(tenant.pid)));
  return Promise.all(
    tenants.map(async (tenant, which) => {
      const used = usageBetween(before[which] as ProcessUsage, after[which] as ProcessUsage);
      return { perLogin: { writeBytes: used.writeBytes / LOGINS, cpuMs: used.cpuMs / LOGINS }, loginsCountAfter: await tenant.loginsCountOf(LOGINS) };
    }),
  );
}

// Skipped where /proc is missing, with the reason in the suite's name.
const describeWhereMeasurable = PROCESS_USAGE_UNAVAILABLE === undefined ? describe : describe.skip;
const suite = `a login's cost to the tenant process, ${FEW_USERS} and ${MANY_USERS} users stored${PROCESS_USAGE_UNAVAILABLE ? ` (skipped: ${PROCESS_USAGE_UNAVAILABLE})` : ""}`;

describeWhereMeasurable(suite, () => {
  let few: LoginCost;
  let many: LoginCost;

  beforeAll(async () => {
    const tenants = await Promise.allSettled([startMeasuredTenant(FEW_USERS), startMeasuredTenant(MANY_USERS)]);
    try {
      const started = tenants.map((tenant) => {
        if (tenant.status === "rejected") throw tenant.reason;
        return tenant.value;
      });
      [few, many] = (await measureLogins(started)) as [LoginCost, LoginCost];
    } finally {
      await Promise.all(tenants.map((tenant) => (tenant.status === "fulfilled" ? tenant.value.stop() : undefined)));
    }
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
