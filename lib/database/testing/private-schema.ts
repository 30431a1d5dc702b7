import { randomBytes } from "node:crypto";
import { Client } from "pg";

/**
 * A new schema in the database of `databaseUrl`, and that URL with it as `search_path` (everything the migrations
 * create lands there), so that parallel test files and runs never meet; `drop` removes it.
 *
 * @example
 * const schema = await privateSchema("postgres://postgres@127.0.0.1:5432/test", "database_test");
 * // … open a database on schema.url …
 * await schema.drop();
 */
export async function privateSchema(databaseUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString("hex")}`;
  await run(databaseUrl, `CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(databaseUrl, `DROP SCHEMA ${schema} CASCADE`) };
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
