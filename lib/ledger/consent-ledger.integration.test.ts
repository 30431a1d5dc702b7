import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../database/database";
import { MigrationChangedError } from "../database/errors";
import { migrate, readMigrations } from "../database/migrate";
import { backendNames, createTestBackend, TEST_TIMEOUT_MS, type TestBackend } from "../database/testing/test-backends";
import { ledgerOver } from "./testing/ledger-over";
import { LEDGER_MIGRATIONS_DIRECTORY, type ConsentLedger } from "./consent-ledger";
import { DecisionConflictError, LedgerRateLimitedError } from "./errors";
import type { NewConsentRecord } from "./records";

const SHA = "ab".repeat(32);
const MIGRATIONS = ["001_consent_records", "002_consent_records_login_binding", "003_consent_records_terms_language"];

function entry(overrides: Partial<NewConsentRecord> = {}): NewConsentRecord {
  return {
    userId: `auth0|${randomUUID()}`,
    termsVersion: 2,
    termsSha256: SHA,
    termsLanguage: "en",
    decision: "accepted",
    state: `state-${randomUUID()}`,
    loginId: randomUUID(),
    clientId: null,
    ipAddress: null,
    userAgent: null,
    ...overrides,
  };
}

async function count(db: Database, where = "TRUE", params: string[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM consent_records WHERE ${where}`, params);
  return rows[0]!.n;
}

describe.each(backendNames)("consent ledger on %s", (name) => {
  describe("migrations", () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await createTestBackend(name);
    });
    afterAll(() => backend.dispose());

    it("from an empty database apply 001 and record it; a re-run is a no-op; an edited file is refused", async () => {
      const db = await backend.open();
      try {
        expect(await migrate(db, readMigrations(LEDGER_MIGRATIONS_DIRECTORY))).toEqual(MIGRATIONS);
        expect(await migrate(db, readMigrations(LEDGER_MIGRATIONS_DIRECTORY))).toEqual([]);
        const { rows } = await db.query<{ name: string }>("SELECT name FROM ledger_migrations ORDER BY name");
        expect(rows.map((row) => row.name)).toEqual(MIGRATIONS);
        const edited = readMigrations(LEDGER_MIGRATIONS_DIRECTORY).map((migration) => ({ ...migration, sha256: "0".repeat(64) }));
        await expect(migrate(db, edited)).rejects.toBeInstanceOf(MigrationChangedError);
      } finally {
        await db.close();
      }
    });
  });

  if (name === "postgres") {
    it("concurrent starts on an empty schema apply the migrations exactly once, without error", async () => {
      const backend = await createTestBackend(name);
      const handles = await Promise.all(Array.from({ length: 8 }, () => backend.open()));
      try {
        const applied = await Promise.all(handles.map((db) => migrate(db, readMigrations(LEDGER_MIGRATIONS_DIRECTORY))));
        expect(applied.flat()).toEqual(MIGRATIONS);
      } finally {
        await Promise.all(handles.map((db) => db.close()));
        await backend.dispose();
      }
    });
  }

  describe("migration 002: records bound to the user and the login", () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await createTestBackend(name);
    });
    afterAll(() => backend.dispose());

    it("keeps the rows written before it as they were, requires a login id of new rows, and stays append-only", async () => {
      const db = await backend.open();
      try {
        const [first, second] = readMigrations(LEDGER_MIGRATIONS_DIRECTORY);
        await migrate(db, [first!]);
        const old = entry();
        await db.query("INSERT INTO consent_records (user_id, terms_version, terms_sha256, decision, login_state) VALUES ($1, 2, $2, 'accepted', $3)", [
          old.userId,
          SHA,
          old.state,
        ]);
        const before = (await db.query("SELECT * FROM consent_records")).rows;
        expect(await migrate(db, [first!, second!])).toEqual(["002_consent_records_login_binding"]);
        expect((await db.query("SELECT * FROM consent_records")).rows).toEqual(before.map((row) => ({ ...row, login_id: null })));
        await expect(
          db.query("INSERT INTO consent_records (user_id, terms_version, terms_sha256, decision, login_state) VALUES ('auth0|x', 2, $1, 'accepted', 's')", [SHA]),
        ).rejects.toMatchObject({ code: "23514" });
        await expect(db.query("UPDATE consent_records SET login_id = 'x'")).rejects.toMatchObject({ code: "42501" });
        // The old row's state no longer blocks another user's login that (by chance or forgery) presents it.
        const ledger = ledgerOver(db);
        expect((await ledger.record(entry({ state: old.state }))).replayed).toBe(false);
      } finally {
        await db.close();
      }
    });
  });

  describe("migration 003: the language of the text shown", () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await createTestBackend(name);
    });
    afterAll(() => backend.dispose());

    it("the rows written before it read English, the only language then; new rows say theirs", async () => {
      const db = await backend.open();
      try {
        const [first, second, third] = readMigrations(LEDGER_MIGRATIONS_DIRECTORY);
        await migrate(db, [first!, second!]);
        const old = entry();
        await db.query(
          "INSERT INTO consent_records (user_id, terms_version, terms_sha256, decision, login_state, login_id) VALUES ($1, 1, $2, 'accepted', $3, $4)",
          [old.userId, SHA, old.state, old.loginId],
        );
        expect(await migrate(db, [first!, second!, third!])).toEqual(["003_consent_records_terms_language"]);
        const ledger = ledgerOver(db);
        expect((await ledger.history(old.userId)).map((record) => record.termsLanguage)).toEqual(["en"]);
        const french = await ledger.record(entry({ userId: old.userId, termsLanguage: "fr" }));
        expect(french.record.termsLanguage).toBe("fr");
        expect((await ledger.history(old.userId)).map((record) => record.termsLanguage)).toEqual(["fr", "en"]);
        await expect(
          db.query("INSERT INTO consent_records (user_id, terms_version, terms_sha256, decision, login_state, login_id, terms_language) VALUES ('auth0|x', 2, $1, 'accepted', 's', $2, 'FR; x')", [SHA, randomUUID()]),
        ).rejects.toMatchObject({ code: "23514" });
      } finally {
        await db.close();
      }
    });
  });

  describe("records bound to the user and the login", () => {
    let backend: TestBackend;
    let db: Database;
    let ledger: ConsentLedger;
    beforeAll(async () => {
      backend = await createTestBackend(name);
      db = await backend.open();
      ledger = ledgerOver(db);
    });
    afterAll(async () => {
      await ledger.close();
      await backend.dispose();
    });

    it("refuses one login's token presented under another state, and writes nothing", async () => {
      const answer = entry();
      await ledger.record(answer);
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => ledger.record({ ...answer, state: `made-up-${randomUUID()}` })));
      expect(outcomes.map((outcome) => outcome.status === "rejected" && (outcome.reason as { code?: string }).code)).toEqual(Array(20).fill("ERR_LEDGER_DECISION_CONFLICT"));
      expect(await count(db, "user_id = $1", [answer.userId])).toBe(1);
    });

    it("records another user's answer under a state that is not theirs as their own, and the real login's answer still", async () => {
      const victim = entry();
      const squatter = entry({ state: victim.state });
      expect((await ledger.record(squatter)).replayed).toBe(false);
      expect((await ledger.record(victim)).replayed).toBe(false);
      const { rows } = await db.query("SELECT user_id, login_id FROM consent_records WHERE login_state = $1 ORDER BY id", [victim.state]);
      expect(rows).toEqual([
        { user_id: squatter.userId, login_id: squatter.loginId },
        { user_id: victim.userId, login_id: victim.loginId },
      ]);
    });
  });

  describe("rate limit per user", () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await createTestBackend(name);
    });
    afterAll(() => backend.dispose());

    it("writes at most N new records per user in the window, across ledgers at once; replays and other users pass", async () => {
      const limit = { records: 5, windowSeconds: 600 };
      // PostgreSQL: three ledgers with pools of their own, as three app instances; PGlite: one process only.
      const handles = name === "postgres" ? await Promise.all([backend.open(), backend.open(), backend.open()]) : [await backend.open()];
      const ledgers = handles.map((handle) => ledgerOver(handle, TEST_TIMEOUT_MS, limit));
      try {
        const userId = `auth0|${randomUUID()}`;
        const answers = Array.from({ length: 12 }, () => entry({ userId }));
        const outcomes = await Promise.allSettled(answers.map((answer, index) => ledgers[index % ledgers.length]!.record(answer)));
        const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected").map((outcome) => outcome.reason);
        expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(5);
        expect(refused).toHaveLength(7);
        for (const error of refused) {
          expect(error).toBeInstanceOf(LedgerRateLimitedError);
          expect(error).toMatchObject({ code: "ERR_LEDGER_RATE_LIMITED" });
          expect(error.retryAfterSeconds).toBeGreaterThan(590);
          expect(error.retryAfterSeconds).toBeLessThanOrEqual(600);
        }
        expect(await count(handles[0]!, "user_id = $1", [userId])).toBe(5);

        const recorded = answers.filter((_answer, index) => outcomes[index]!.status === "fulfilled");
        expect((await ledgers[0]!.record(recorded[0]!)).replayed).toBe(true);
        expect((await ledgers[0]!.record(entry())).replayed).toBe(false);
        console.log(`[${name}] rate limit ${limit.records}/${limit.windowSeconds} s, 12 new records of one user at once on ${ledgers.length} ledger(s): 5 written, 7 refused (Retry-After ${refused[0].retryAfterSeconds} s)`);
      } finally {
        await Promise.all(ledgers.map((ledger) => ledger.close()));
      }
    });

    it("counts only the window: a record older than it no longer counts", async () => {
      const db = await backend.open();
      const ledger = ledgerOver(db, TEST_TIMEOUT_MS, { records: 1, windowSeconds: 1 });
      try {
        const userId = `auth0|${randomUUID()}`;
        await ledger.record(entry({ userId }));
        await expect(ledger.record(entry({ userId }))).rejects.toMatchObject({ code: "ERR_LEDGER_RATE_LIMITED", retryAfterSeconds: 1 });
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect((await ledger.record(entry({ userId }))).replayed).toBe(false);
      } finally {
        await ledger.close();
      }
    });
  });

  describe("records", () => {
    let backend: TestBackend;
    let db: Database;
    let ledger: ConsentLedger;
    beforeAll(async () => {
      backend = await createTestBackend(name);
      db = await backend.open();
      ledger = ledgerOver(db);
    });
    afterAll(async () => {
      await ledger.close();
      await backend.dispose();
    });

    it("opens and migrates ahead of the first call when prepared", async () => {
      await ledger.prepare();
      const { rows } = await db.query<{ name: string }>("SELECT name FROM ledger_migrations ORDER BY name");
      expect(rows.map((row) => row.name)).toEqual(MIGRATIONS);
    });

    it("writes one row per answer, stamped by the database clock", async () => {
      const answer = entry({ clientId: "app-client", ipAddress: "203.0.113.9", userAgent: "Mozilla/5.0 (test)" });
      const { rows: clock } = await db.query<{ now: string }>("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS now");
      const outcome = await ledger.record(answer);
      expect(outcome.replayed).toBe(false);
      expect(outcome.record).toMatchObject({
        id: expect.stringMatching(/^\d+$/),
        userId: answer.userId,
        termsVersion: 2,
        termsSha256: SHA,
        decision: "accepted",
        clientId: "app-client",
        ipAddress: "203.0.113.9",
        userAgent: "Mozilla/5.0 (test)",
      });
      expect(outcome.record.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(outcome.record.recordedAt >= clock[0]!.now).toBe(true);
      expect(await count(db, "user_id = $1", [answer.userId])).toBe(1);
    });

    it("a replayed answer writes nothing and returns the recorded row", async () => {
      const answer = entry();
      const first = await ledger.record(answer);
      const again = await ledger.record(answer);
      expect(again).toEqual({ record: first.record, replayed: true });
      expect(await count(db, "login_state = $1", [answer.state])).toBe(1);
    });

    it("another decision for a recorded login is refused and changes nothing", async () => {
      const answer = entry();
      await ledger.record(answer);
      const conflict = ledger.record({ ...answer, decision: "declined" });
      await expect(conflict).rejects.toBeInstanceOf(DecisionConflictError);
      await expect(conflict).rejects.toMatchObject({ code: "ERR_LEDGER_DECISION_CONFLICT", recorded: { decision: "accepted", termsVersion: 2 } });
      const { rows } = await db.query<{ decision: string }>("SELECT decision FROM consent_records WHERE login_state = $1", [answer.state]);
      expect(rows).toEqual([{ decision: "accepted" }]);
    });

    it("200 concurrent answers from different users are all recorded, without error", async () => {
      const batch = `auth0|batch-${randomUUID()}-`;
      const answers = Array.from({ length: 200 }, (_, index) =>
        entry({ userId: `${batch}${index}`, decision: index % 10 === 0 ? "declined" : "accepted" }),
      );
      const outcomes = await Promise.all(answers.map((answer) => ledger.record(answer)));
      expect(outcomes.every((outcome) => !outcome.replayed)).toBe(true);
      expect(await count(db, "starts_with(user_id, $1)", [batch])).toBe(200);
    });

    it("the same answer sent 20 times at once is recorded once", async () => {
      const answer = entry();
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => ledger.record(answer)));
      expect(outcomes.filter((outcome) => !outcome.replayed)).toHaveLength(1);
      expect(await count(db, "login_state = $1", [answer.state])).toBe(1);
    });

    it.each([
      ["UPDATE", "UPDATE consent_records SET decision = 'declined'"],
      ["DELETE", "DELETE FROM consent_records"],
      ["DELETE", "DELETE FROM consent_records WHERE FALSE"],
      ["TRUNCATE", "TRUNCATE consent_records"],
    ])("refuses %s (append-only trigger): %s", async (operation, sql) => {
      await ledger.record(entry());
      const before = await db.query("SELECT * FROM consent_records ORDER BY id");
      await expect(db.query(sql)).rejects.toMatchObject({
        code: "42501",
        message: `consent_records is append-only: ${operation} is not allowed`,
      });
      expect((await db.query("SELECT * FROM consent_records ORDER BY id")).rows).toEqual(before.rows);
    });

    it("stamps the time itself, whatever the client sends", async () => {
      const answer = entry();
      await db.query(
        `INSERT INTO consent_records (user_id, terms_version, terms_sha256, decision, login_state, login_id, recorded_at)
         VALUES ($1, 2, $2, 'accepted', $3, $4, '2001-01-01T00:00:00Z')`,
        [answer.userId, SHA, answer.state, answer.loginId],
      );
      expect(await count(db, "login_state = $1 AND recorded_at > now() - interval '1 minute'", [answer.state])).toBe(1);
    });

    it.each([
      ["a hash that is not SHA-256 hex", { termsSha256: "not-a-hash" }],
      ["a version below 1", { termsVersion: 0 }],
      ["an empty user id", { userId: "" }],
      ["an oversized user agent", { userAgent: "x".repeat(513) }],
    ])("refuses %s (check constraints)", async (_name, overrides) => {
      await expect(ledger.record(entry(overrides))).rejects.toMatchObject({ code: "23514" });
    });

    it("gives a user's history newest first, and only theirs", async () => {
      const userId = `auth0|${randomUUID()}`;
      await ledger.record(entry({ userId, termsVersion: 1 }));
      await ledger.record(entry({ userId, termsVersion: 2, decision: "declined" }));
      await ledger.record(entry({ userId, termsVersion: 2 }));
      await ledger.record(entry());
      const history = await ledger.history(userId);
      expect(history.map((record) => [record.termsVersion, record.decision])).toEqual([
        [2, "accepted"],
        [2, "declined"],
        [1, "accepted"],
      ]);
    });

    it("lists every row once across keyset pages, oldest first, with filters", async () => {
      const userId = `auth0|${randomUUID()}`;
      const states: string[] = [];
      for (let index = 0; index < 10; index++) {
        const answer = entry({ userId, termsVersion: index < 4 ? 1 : 2 });
        states.push(answer.state);
        await ledger.record(answer);
      }
      const seen: string[] = [];
      let after;
      let pages = 0;
      do {
        const page = await ledger.list({ userId, limit: 3, after });
        seen.push(...page.records.map((record) => record.id));
        after = page.next ?? undefined;
        pages++;
      } while (after);
      expect(pages).toBe(4);
      expect(seen).toHaveLength(10);
      expect(new Set(seen).size).toBe(10);
      expect([...seen].sort((a, b) => Number(a) - Number(b))).toEqual(seen);

      expect((await ledger.list({ userId, termsVersion: 1, limit: 100 })).records).toHaveLength(4);
      const all = (await ledger.list({ userId, limit: 100 })).records;
      const since = all[7]!.recordedAt;
      // `since` is inclusive, and rows written within one clock tick share a timestamp (PGlite's clock is coarse).
      expect((await ledger.list({ userId, since, limit: 100 })).records.map((record) => record.id)).toEqual(
        all.filter((record) => record.recordedAt >= since).map((record) => record.id),
      );
      expect(all.filter((record) => record.recordedAt >= since).length).toBeGreaterThanOrEqual(3);
      expect((await ledger.list({ userId, since: "2999-01-01T00:00:00Z", limit: 100 })).records).toEqual([]);
    });

    it("keeps the records when the store is closed and opened again", async () => {
      const answer = entry();
      const { record } = await ledger.record(answer);
      await ledger.close();
      db = await backend.open();
      ledger = ledgerOver(db);
      expect(await ledger.history(answer.userId)).toEqual([record]);
      expect(await migrate(db, readMigrations(LEDGER_MIGRATIONS_DIRECTORY))).toEqual([]);
    });
  });
});
