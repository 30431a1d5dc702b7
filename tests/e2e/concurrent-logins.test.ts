import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeUsersFile } from "../../auth0-tenant/local/store/testing/stored-users";
import { runConcurrentLogins, type ConcurrentLoginsResult } from "../../bench/concurrent-logins";
import { backendNames, createTestBackend, type TestBackend } from "../../lib/database/testing/test-backends";
import { startStack, type Stack } from "./support/stack";

/**
 * New users signing up all at once through `next start` and the local tenant, each through every step to the
 * product page, with the ledger on PGlite and (when DATABASE_URL is set) PostgreSQL. The tenant already stores
 * 10,000 users: a tenant whose cost per login grows with its users (rewriting them all on each change) misses the
 * SDK's 5 s code exchange here. `npm run load -- --logins 200` runs the same at full size.
 */
const LOGINS = 25;
const STORED_USERS = 10_000;
const LOGIN_TIMEOUT_MS = 60_000;

describe.each(backendNames)(`%s ledger: ${LOGINS} concurrent sign-ups, ${STORED_USERS} users stored`, (backendName) => {
  let backend: TestBackend | undefined;
  let stack: Stack;
  let result: ConcurrentLoginsResult;

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "local-tenant-"));
    await writeUsersFile(dataDir, STORED_USERS);
    backend = backendName === "postgres" ? await createTestBackend("postgres") : undefined;
    stack = await startStack({ tenant: { dataDir }, ...(backend?.url ? { env: { DATABASE_URL: backend.url } } : {}) });
    result = await runConcurrentLogins(stack, { logins: LOGINS, timeoutMs: LOGIN_TIMEOUT_MS });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await backend?.dispose();
  });

  it("completes every login, without an error at any step", () => {
    expect(result.sampleErrors).toEqual([]);
    expect(result.completed).toBe(LOGINS);
    expect(result.steps.map((step) => [step.step, step.count, step.errors])).toEqual(
      [
        "authorize",
        "sign-up",
        "terms intake",
        "terms page",
        "terms accept",
        "terms /continue",
        "profile intake",
        "profile page",
        "profile save",
        "profile /continue",
        "callback",
        "product",
      ].map((step) => [step, LOGINS, 0]),
    );
  });

  it("records one ledger row per acceptance, none twice", () => {
    expect(result.acceptances).toBe(LOGINS);
    expect(result.rows).toBe(LOGINS);
    expect(result.duplicates).toBe(0);
  });
});
