-- A record is bound to the user and the login together. Until now a record was unique on Auth0's `state` alone, and
-- the app took any `state` that came with a valid token: one user could write a row per made-up state, and whoever
-- learnt another login's `state` could answer for it first. Now the terms Action draws a `login_id` per login, signs
-- it into the token it sends, and accepts back only an answer carrying it; the app records it, and a login is one
-- (user_id, login_id): one answer, under the one `state` that came with that token.
-- Rows written before this migration keep their meaning: their `login_id` is null (bound by `state` alone, as then).
-- Adding a column and changing constraints rewrites no row, so the append-only triggers are not involved.

ALTER TABLE consent_records ADD COLUMN login_id text CHECK (length(login_id) BETWEEN 16 AND 128);

-- Every new row carries it. NOT VALID: the rows written before are not checked, every insert from now on is.
ALTER TABLE consent_records ADD CONSTRAINT consent_records_login_id_required CHECK (login_id IS NOT NULL) NOT VALID;

-- One answer per user and login. A `state` is no longer unique on its own: another user's answer under a `state`
-- that is not theirs is their own row (which Auth0's /continue then refuses), and never blocks the real login.
ALTER TABLE consent_records ADD CONSTRAINT consent_records_user_login_key UNIQUE (user_id, login_id);
ALTER TABLE consent_records DROP CONSTRAINT consent_records_login_state_key;

-- Records one answer, in one statement, so each call is one round trip that holds no connection between steps:
-- under a lock on the user (across every process and instance; released at the end of the statement's transaction),
-- finds the login's record (a replay, or a conflict), else counts the user's records in the window (the newest
-- `max_records`, read backwards on the user index), else inserts. READ COMMITTED gives each statement below a fresh
-- snapshot, taken after the lock: it sees what the previous holder committed.
-- outcome: 'created' (answer: the new row) | 'replayed' or 'conflict' (answer: the row found; a conflict is another
-- decision or version, or the same login under another state) | 'rate_limited' (retry_after: seconds until the
-- oldest of those records leaves the window, and fewer than `max_records` remain).
CREATE FUNCTION consent_records_record(
  p_user_id text, p_terms_version integer, p_terms_sha256 text, p_decision text, p_client_id text,
  p_ip_address inet, p_user_agent text, p_login_state text, p_login_id text,
  max_records integer, window_seconds integer
) RETURNS TABLE (outcome text, retry_after integer, answer consent_records)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  existing consent_records;
  created consent_records;
  recent integer;
  oldest timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('product-xyz.ledger.user'), hashtext(p_user_id));
  SELECT * INTO existing FROM consent_records c WHERE c.user_id = p_user_id AND c.login_id = p_login_id;
  IF FOUND THEN
    RETURN QUERY SELECT CASE WHEN existing.decision = p_decision AND existing.terms_version = p_terms_version
                                  AND existing.login_state = p_login_state THEN 'replayed' ELSE 'conflict' END,
                        NULL::integer, existing;
    RETURN;
  END IF;
  SELECT count(*), min(r.recorded_at) INTO recent, oldest
    FROM (SELECT c.recorded_at FROM consent_records c
          WHERE c.user_id = p_user_id AND c.recorded_at > now() - window_seconds * interval '1 second'
          ORDER BY c.recorded_at DESC LIMIT max_records) AS r;
  IF recent >= max_records THEN
    RETURN QUERY SELECT 'rate_limited', greatest(1, ceil(extract(epoch FROM oldest + window_seconds * interval '1 second' - now())))::integer,
                        NULL::consent_records;
    RETURN;
  END IF;
  INSERT INTO consent_records AS c
      (user_id, terms_version, terms_sha256, decision, client_id, ip_address, user_agent, login_state, login_id)
    VALUES (p_user_id, p_terms_version, p_terms_sha256, p_decision, p_client_id, p_ip_address, p_user_agent, p_login_state, p_login_id)
    RETURNING * INTO created;
  RETURN QUERY SELECT 'created', NULL::integer, created;
END
$$;
