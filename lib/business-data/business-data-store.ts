import path from "node:path";
import type { Database } from "../database/database";
import { withinDeadline } from "../database/deadline";
import { migrate, readMigrations, type Migration } from "../database/migrate";

/** What the product knows of a customer, as the business-data Action puts it into tokens. */
export interface BusinessData {
  email: string;
  plan: string;
  company: string;
  accountManager: string | null;
  seats: number;
}

/** The business data of the app's database, every call bounded by the database timeout. */
export interface BusinessDataStore {
  /** Opens and migrates the database now rather than at the first request. */
  prepare(): Promise<void>;
  /** The customer with this email (compared in lower case), or `undefined`. */
  findByEmail(email: string): Promise<BusinessData | undefined>;
  /** Creates or replaces a customer's data (tests, seeding scripts). */
  upsert(data: BusinessData): Promise<void>;
  close(): Promise<void>;
}

/** Business data's own migrations, read at run time: next.config.js ships the folder with the server functions. */
export const BUSINESS_DATA_MIGRATIONS_DIRECTORY = path.join(process.cwd(), "lib", "business-data", "migrations");

interface Row {
  email: string;
  plan: string;
  company: string;
  account_manager: string | null;
  seats: number;
}

/**
 * The store over a database, migrated on first use (once; again after a failed attempt).
 *
 * @example
 * const store = openBusinessDataStore({ open: () => openPgliteDatabase({ dataDir: "memory://" }), timeoutMs: 3000 });
 * await store.findByEmail("Demo@Example.com"); // { email: "demo@example.com", plan: "enterprise", … }
 */
export function openBusinessDataStore(options: {
  open: () => Promise<Database>;
  timeoutMs: number;
  migrations?: readonly Migration[];
}): BusinessDataStore {
  let opened: Promise<Database> | undefined;
  let migrated: Promise<void> | undefined;
  const migrations = options.migrations ?? readMigrations(BUSINESS_DATA_MIGRATIONS_DIRECTORY);

  // A failed open or migration is forgotten, so that the next call tries again (the database may be back).
  function database(): Promise<Database> {
    opened ??= options.open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened;
  }

  function migratedOnce(db: Database): Promise<void> {
    migrated ??= migrate(db, migrations).then(
      () => undefined,
      (error: unknown) => {
        migrated = undefined;
        throw error;
      },
    );
    return migrated;
  }

  // Opening is not timed (PGlite's first open is local work of a few seconds); migrating and querying are.
  const run = async <T>(work: (db: Database) => Promise<T>): Promise<T> => {
    const db = await database();
    return withinDeadline(options.timeoutMs, migratedOnce(db).then(() => work(db)));
  };

  return {
    prepare: async () => migratedOnce(await database()),
    findByEmail: (email) =>
      run(async (db) => {
        const { rows } = await db.query<Row>(
          "SELECT email, plan, company, account_manager, seats FROM business_data WHERE email = lower($1)",
          [email],
        );
        const row = rows[0];
        return row && { email: row.email, plan: row.plan, company: row.company, accountManager: row.account_manager, seats: row.seats };
      }),
    upsert: (data) =>
      run(async (db) => {
        await db.query(
          `INSERT INTO business_data (email, plan, company, account_manager, seats) VALUES (lower($1), $2, $3, $4, $5::integer)
           ON CONFLICT (email) DO UPDATE SET plan = EXCLUDED.plan, company = EXCLUDED.company,
             account_manager = EXCLUDED.account_manager, seats = EXCLUDED.seats, updated_at = now()`,
          [data.email, data.plan, data.company, data.accountManager, data.seats],
        );
      }),
    async close() {
      const db = await opened?.catch(() => undefined);
      opened = undefined;
      migrated = undefined;
      await db?.close();
    },
  };
}
