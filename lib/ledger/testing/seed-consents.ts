import type { Database } from "../../database/database";

/**
 * Test only: fills the ledger with `count` synthetic answers in one statement (`generate_series`): 5 per user,
 * versions 1–3, one in 20 declined, one every 30 seconds from 2025-01-01. The time-stamping trigger is switched off
 * for the insert so the times spread like a real ledger's; then the table is analysed, as autovacuum would.
 *
 * @example
 * await seedConsents(database, 1_000_000); // needs a timeout of minutes, not the ledger's seconds
 */
export async function seedConsents(database: Database, count: number): Promise<void> {
  await database.transaction(async (tx) => {
    await tx.exec("ALTER TABLE consent_records DISABLE TRIGGER consent_records_stamp_time");
    await tx.query(
      `INSERT INTO consent_records
         (user_id, terms_version, terms_sha256, decision, client_id, user_agent, login_state, login_id, recorded_at)
       SELECT 'auth0|seed-' || (n / 5), 1 + n % 3, repeat('ab', 32),
              CASE WHEN n % 20 = 0 THEN 'declined' ELSE 'accepted' END,
              'seed-client', 'SeedAgent/1.0', 'seed-state-' || n, md5(n::text),
              timestamptz '2025-01-01T00:00:00Z' + n * interval '30 seconds'
       FROM generate_series(1, $1::integer) AS n`,
      [count],
    );
    await tx.exec("ALTER TABLE consent_records ENABLE TRIGGER consent_records_stamp_time");
  });
  await database.query("ANALYZE consent_records");
}
