-- A record says which language the user read the terms in: a version is now published in several languages, each its
-- own text, and `terms_sha256` is the hash of the text in this language. Rows written before were all shown the
-- English text (the only one published then), so they read 'en'. A constant default rewrites no row, so the
-- append-only triggers are not involved.

ALTER TABLE consent_records ADD COLUMN terms_language text NOT NULL DEFAULT 'en'
  CHECK (terms_language ~ '^[a-z]{2,3}$');

-- The recording function takes the language: the same body as migration 002's, with one argument and column more.
-- Its result type is the table's row, which now has the column; a replay with another language is the same answer
-- (the language follows the browser, which may change between a lost response and its retry).
DROP FUNCTION consent_records_record(text, integer, text, text, text, inet, text, text, text, integer, integer);

CREATE FUNCTION consent_records_record(
  p_user_id text, p_terms_version integer, p_terms_sha256 text, p_decision text, p_client_id text,
  p_ip_address inet, p_user_agent text, p_login_state text, p_login_id text,
  max_records integer, window_seconds integer, p_terms_language text
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
      (user_id, terms_version, terms_sha256, decision, client_id, ip_address, user_agent, login_state, login_id, terms_language)
    VALUES (p_user_id, p_terms_version, p_terms_sha256, p_decision, p_client_id, p_ip_address, p_user_agent, p_login_state, p_login_id,
            p_terms_language)
    RETURNING * INTO created;
  RETURN QUERY SELECT 'created', NULL::integer, created;
END
$$;
