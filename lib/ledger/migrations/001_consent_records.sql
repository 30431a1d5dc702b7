-- The consent ledger: who answered which terms, when, from where. A legal record, so it is append-only: rows are
-- inserted and never changed or removed (enforced below by triggers, whatever the client).
-- Names are unqualified on purpose: everything is created in the first schema of the search_path.
-- Like every statement of a migration, each must finish within LEDGER_TIMEOUT_MS.

CREATE TABLE consent_records (
  id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Stamped by the database clock (trigger below), never by the client.
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  -- The Auth0 user id (sub). No email or name: the record needs only who, not who they are.
  user_id       text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 512),
  terms_version integer     NOT NULL CHECK (terms_version > 0),
  -- SHA-256 of the exact text shown, so the record proves which words were accepted.
  terms_sha256  text        NOT NULL CHECK (terms_sha256 ~ '^[0-9a-f]{64}$'),
  decision      text        NOT NULL CHECK (decision IN ('accepted', 'declined')),
  -- The Auth0 application; null while the terms Action's token does not carry it.
  client_id     text        CHECK (length(client_id) BETWEEN 1 AND 256),
  -- Null unless a trusted proxy reports the browser's address.
  ip_address    inet,
  user_agent    text        CHECK (length(user_agent) <= 512),
  -- Auth0's state for the login: one answer per login, so a replayed form cannot write twice.
  login_state   text        NOT NULL CHECK (length(login_state) BETWEEN 1 AND 1024),
  CONSTRAINT consent_records_login_state_key UNIQUE (login_state)
);

-- Keyset pagination reads (recorded_at, id) in order, optionally for one user or one version.
CREATE INDEX consent_records_time_idx ON consent_records (recorded_at, id);
CREATE INDEX consent_records_user_time_idx ON consent_records (user_id, recorded_at, id);
CREATE INDEX consent_records_version_time_idx ON consent_records (terms_version, recorded_at, id);

CREATE FUNCTION consent_records_stamp_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.recorded_at := now();
  RETURN NEW;
END
$$;

CREATE TRIGGER consent_records_stamp_time
  BEFORE INSERT ON consent_records
  FOR EACH ROW EXECUTE FUNCTION consent_records_stamp_time();

CREATE FUNCTION consent_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_records is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Statement-level, so even an UPDATE or DELETE that matches no row is refused, and TRUNCATE too.
CREATE TRIGGER consent_records_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON consent_records
  FOR EACH STATEMENT EXECUTE FUNCTION consent_records_refuse_change();
