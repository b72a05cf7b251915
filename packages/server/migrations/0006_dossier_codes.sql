-- Dossier codes (mã hồ sơ, shared/domain/CODES.md §1): the per-agency, per-day counter behind
-- `<agency>-<date>-<NNNN>`. One row per receiving agency, scheme and local receipt date, created by
-- the first acceptance of the day and incremented by each following one, always inside the
-- acceptance transaction (modules/dossiers/codes.ts). No in-process lock, no random number
-- (PITFALLS C7): the row lock taken by the upsert is what serialises two counters.
--
-- The scheme is part of the key so that a deployment switching to the 2026 variant (7 digits)
-- starts a fresh counter instead of continuing the 4-digit one; the two shapes never collide.
-- scope_date is the LOCAL date of receipt (Asia/Ho_Chi_Minh for every deployment today), computed
-- by the caller from the acceptance instant and the calendar's UTC offset, never by CURRENT_DATE
-- (the database session's time zone is not the office's).
CREATE TABLE dossier_code_sequences (
  agency_id  integer NOT NULL REFERENCES agencies (id),
  scheme     text NOT NULL CHECK (scheme ~ '^[A-Z0-9-]{1,40}$'),
  scope_date date NOT NULL,
  -- the last number issued; a row exists only once a number has been issued, so never below 1.
  -- The upper bound (9,999 or 9,999,999) depends on the scheme and is enforced by the upsert,
  -- which refuses to increment past it rather than wrap (CODES.md requirement 5).
  last_value integer NOT NULL CHECK (last_value >= 1),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, scheme, scope_date)
);
