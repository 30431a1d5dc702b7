import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { urlWithSchema } from "../lib/ledger/testing/test-backends";

/** A new schema in the database of `databaseUrl`, and that URL with it as `search_path`; `drop` removes it. */
export async function privateSchema(databaseUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString("hex")}`;
  await run(databaseUrl, `CREATE SCHEMA ${schema}`);
  return { url: urlWithSchema(databaseUrl, schema), drop: () => run(databaseUrl, `DROP SCHEMA ${schema} CASCADE`) };
}

async function run(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
