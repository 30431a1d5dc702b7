import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, SqlValue } from "../database/database";
import { migrate, readMigrations } from "../database/migrate";
import { createTestBackend, serverUrl, type TestBackend } from "../database/testing/test-backends";
import { HISTORY_SQL, LEDGER_MIGRATIONS_DIRECTORY } from "./consent-ledger";
import { listQuerySql, type ConsentQuery } from "./list-query";
import { seedConsents } from "./testing/seed-consents";

const ROWS = 1_000_000;

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * With a million rows in real PostgreSQL, every query the ledger makes is served by an index, in order: no
 * sequential scan, no sort. Plans only; timings belong to the benchmarks.
 */
describe.runIf(serverUrl)("ledger indexes with 1 million rows (PostgreSQL)", () => {
  let backend: TestBackend;
  let db: Database;
  let middle: { recordedAt: string; id: string };

  async function plan(sql: string, params: readonly SqlValue[]) {
    const { rows } = await db.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const nodes = nodesOf(rows[0]!["QUERY PLAN"][0]!.Plan);
    return {
      types: nodes.map((node) => node["Node Type"]),
      indexes: nodes.map((node) => node["Index Name"]).filter(Boolean),
      summary: nodes.map((node) => node["Node Type"] + (node["Index Name"] ? ` using ${node["Index Name"]}` : "")).join(" → "),
    };
  }

  beforeAll(async () => {
    backend = await createTestBackend("postgres");
    db = await backend.open({ timeoutMs: 600_000 });
    await migrate(db, readMigrations(LEDGER_MIGRATIONS_DIRECTORY));
    await seedConsents(db, ROWS);
    const { rows } = await db.query<{ recorded_at: string; id: string }>(
      `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at, id::text AS id
       FROM consent_records WHERE login_state = 'seed-state-500000'`,
    );
    middle = { recordedAt: rows[0]!.recorded_at, id: rows[0]!.id };
  }, 600_000);
  afterAll(async () => {
    await db?.close();
    await backend?.dispose();
  });

  it("holds the million rows", async () => {
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM consent_records");
    expect(rows[0]!.n).toBe(ROWS);
  });

  const pages: Array<[string, string, () => ConsentQuery]> = [
    ["the first page of everything", "consent_records_time_idx", () => ({ limit: 1000 })],
    ["a page after a cursor in the middle", "consent_records_time_idx", () => ({ after: middle, limit: 1000 })],
    ["everything since a date", "consent_records_time_idx", () => ({ since: "2025-06-01T00:00:00Z", limit: 1000 })],
    ["one user's rows", "consent_records_user_time_idx", () => ({ userId: "auth0|seed-4242", limit: 1000 })],
    ["one user's rows after a cursor", "consent_records_user_time_idx", () => ({ userId: "auth0|seed-100000", after: middle, limit: 1000 })],
  ];

  it.each(pages)("serves %s from %s, in order", async (name, index, query) => {
    const { sql, params } = listQuerySql(query());
    const explained = await plan(sql, params);
    console.log(`${name}: ${explained.summary}`);
    expect(explained.indexes).toContain(index);
    expect(explained.types).not.toContain("Seq Scan");
    expect(explained.types).not.toContain("Sort");
  });

  it("serves one version's rows since a date from an index, without a sort", async () => {
    const { sql, params } = listQuerySql({ termsVersion: 2, since: "2025-06-01T00:00:00Z", limit: 1000 });
    const explained = await plan(sql, params);
    console.log(`version since a date: ${explained.summary}`);
    expect(explained.indexes.length).toBeGreaterThan(0);
    expect(explained.types).not.toContain("Seq Scan");
    expect(explained.types).not.toContain("Sort");
  });

  it("serves a user's history (account page) from the user index, read backwards", async () => {
    const explained = await plan(HISTORY_SQL, ["auth0|seed-4242", 200]);
    console.log(`history: ${explained.summary}`);
    expect(explained.indexes).toEqual(["consent_records_user_time_idx"]);
    expect(explained.types).not.toContain("Sort");
  });

  // The two reads of consent_records_record (migration 002), which EXPLAIN cannot see inside the function.
  it("finds a login's answer (replays) through the unique user-and-login index", async () => {
    const explained = await plan("SELECT * FROM consent_records c WHERE c.user_id = $1 AND c.login_id = $2", ["auth0|seed-155", "a4f23670e1833f3fdb077ca70bbd0d8c"]);
    expect(explained.indexes).toEqual(["consent_records_user_login_key"]);
  });

  it("counts a user's recent records (rate limit) from the user index, reading at most the limit", async () => {
    const explained = await plan(
      `SELECT count(*), min(r.recorded_at) FROM (SELECT c.recorded_at FROM consent_records c
         WHERE c.user_id = $1 AND c.recorded_at > now() - $2::integer * interval '1 second'
         ORDER BY c.recorded_at DESC LIMIT $3::integer) AS r`,
      ["auth0|seed-4242", 3600, 10],
    );
    console.log(`rate limit: ${explained.summary}`);
    // With the seeded rows all older than the window, the planner may walk the time index's (empty) last hour
    // instead of the user's index: either reads at most the limit. What must never happen is a scan or a sort.
    expect(explained.indexes.length).toBeGreaterThan(0);
    expect(explained.indexes.every((index) => ["consent_records_user_time_idx", "consent_records_time_idx"].includes(index ?? ""))).toBe(true);
    expect(explained.types).not.toContain("Seq Scan");
    expect(explained.types).toContain("Limit");
    expect(explained.types).not.toContain("Sort");
  });
});
