import { Pool, type PoolClient } from "pg";
import type { Database, SqlResult, SqlTransaction, SqlValue } from "./database";
import { DatabaseUnavailableError } from "./errors";

export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:5432/db`; `?options=-c%20search_path%3Dschema` selects a schema. */
  url: string;
  /** Bounds connecting, waiting for a pooled connection, and every statement (on the server and in the client). */
  timeoutMs: number;
  /** Connections per process; small, as serverless instances multiply it. */
  maxConnections?: number;
}

/** SQLSTATE classes and codes that mean "not now" rather than "wrong": the same statement may succeed later. */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-4]|57014|40001|40P01|55P03)/;
const NETWORK_ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ENOENT"]);
/** What `pg` says, without an error code, when a connection fails, times out or is gone. */
const DRIVER_MESSAGE = /timeout|Connection terminated|not queryable|after calling end on the pool/i;

/** A server error (pg's `DatabaseError`, told by its fields rather than `instanceof`, see `hasCode`) carries its SQLSTATE. */
function sqlStateOf(error: Error): string | undefined {
  const { code, severity } = error as Error & { code?: unknown; severity?: unknown };
  return typeof severity === "string" && typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const sqlState = sqlStateOf(error);
  if (sqlState) return TRANSIENT_SQLSTATE.test(sqlState);
  const code = (error as Error & { code?: unknown }).code;
  return (typeof code === "string" && NETWORK_ERRNO.has(code)) || DRIVER_MESSAGE.test(error.message);
}

function unavailableOr(error: unknown): unknown {
  return isTransient(error) ? new DatabaseUnavailableError("The database is unreachable or did not answer in time.", { cause: error }) : error;
}

/**
 * The PostgreSQL backend: a `pg` pool that connects on first use. Connection failures and timeouts become
 * `DatabaseUnavailableError`; SQL errors (constraint, syntax) pass through unchanged.
 *
 * @example
 * const database = openPostgresDatabase({ url: "postgres://postgres@127.0.0.1:5432/test", timeoutMs: 3000 });
 * await database.query("SELECT 1");
 */
export function openPostgresDatabase(options: PostgresDatabaseOptions): Database {
  const pool = new Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 5,
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
    statement_timeout: options.timeoutMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: "product-xyz-ledger",
  });
  // An idle connection that breaks (server restart) is reported here; unhandled, it would end the process.
  pool.on("error", (error) => console.warn(`[database] idle PostgreSQL connection closed: ${error.message}`));

  async function run<Row>(client: Pool | PoolClient, sql: string, params?: readonly SqlValue[]): Promise<SqlResult<Row>> {
    const result = await client.query(sql, params ? [...params] : undefined);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  return {
    backend: "postgres",
    async query<Row extends object>(sql: string, params?: readonly SqlValue[]) {
      try {
        return await run<Row>(pool, sql, params);
      } catch (error) {
        throw unavailableOr(error);
      }
    },
    async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw unavailableOr(error);
      }
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work({
          query: <Row extends object>(sql: string, params?: readonly SqlValue[]) => run<Row>(client, sql, params),
          exec: async (script) => void (await client.query(script)),
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        if (isTransient(error)) broken = error as Error;
        await client.query("ROLLBACK").catch(() => undefined);
        throw unavailableOr(error);
      } finally {
        // A connection that failed mid-transaction is discarded, not handed to the next caller.
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
