-- Business data of the product's customers: what the business-data Action puts into tokens at every login, read
-- through GET /api/users/{email}. Keyed by email: the product knows its customers before their first login, and
-- the Action looks up verified emails only.
-- Applied by lib/business-data (not the ledger's runner, which reads only the folder above), recorded in the same
-- ledger_migrations table.

CREATE TABLE business_data (
  -- Lowercase, as Auth0 stores the emails of database users.
  email           text        PRIMARY KEY CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254 AND position('@' IN email) > 1),
  plan            text        NOT NULL CHECK (length(plan) BETWEEN 1 AND 64),
  company         text        NOT NULL CHECK (length(company) BETWEEN 1 AND 256),
  account_manager text        CHECK (length(account_manager) BETWEEN 1 AND 254),
  seats           integer     NOT NULL CHECK (seats >= 0),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The local tenant's demo user, so that the first `npm run dev` login already shows business data. Harmless on a
-- real tenant: example.com is reserved, nobody can verify that address.
INSERT INTO business_data (email, plan, company, account_manager, seats)
VALUES ('demo@example.com', 'enterprise', 'Example Corp', 'sam.rivera@product-xyz.example', 25);
