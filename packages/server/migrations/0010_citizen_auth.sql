-- Citizens sign in to the portal with a one-time code sent to the e-mail address or phone number
-- on their record (issue #5 item 11): nothing to remember, nothing reused from another site.
-- The service is modules/citizens/service.ts; the numbers (10 minutes, 5 tries, 60 seconds, 5 codes
-- an hour) are constants there.

-- One live code per identity number and channel; a new request replaces it, once the cooldown has
-- passed. Rows are keyed by the identity number as typed, not by citizens.id: a number with no
-- citizen behind it (or a citizen without that contact) gets a row too, with citizen_id NULL and a
-- hash no code matches, and nothing is sent. The cooldown, the attempts and the expiry then answer
-- exactly as for a real citizen, so no answer tells who has an account.
CREATE TABLE citizen_sign_in_codes (
  id                bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  identity_number   text NOT NULL CHECK (identity_number ~ '^[0-9A-Z-]{9,20}$'),
  channel           text NOT NULL CHECK (channel IN ('email', 'sms')),
  citizen_id        bigint REFERENCES citizens (id) ON DELETE CASCADE,
  -- HMAC-SHA256 of the code keyed with the row's random salt. A six-digit code cannot be protected
  -- from someone who reads this table (a million guesses are instant); the hash keeps it out of
  -- plain sight in backups and query logs, and the expiry makes a stolen one worthless soon.
  code_hash         text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  salt              text NOT NULL,
  -- wrong codes tried against this code; at the limit the code is dead
  attempts          smallint NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  issued_at         timestamptz NOT NULL DEFAULT now(),
  expires_at        timestamptz NOT NULL,
  -- codes issued since window_started_at: caps the guesses (and the SMS bill) per number an hour
  window_started_at timestamptz NOT NULL DEFAULT now(),
  window_count      smallint NOT NULL DEFAULT 1 CHECK (window_count >= 1),
  -- codes this row has carried: with id, the outbox idempotency key of each message
  serial            integer NOT NULL DEFAULT 1 CHECK (serial >= 1),
  PRIMARY KEY (identity_number, channel),
  CHECK (expires_at > issued_at)
);
-- the sweep of rows whose window is over
CREATE INDEX citizen_sign_in_codes_window ON citizen_sign_in_codes (window_started_at);

-- A random key of this installation. It picks the plausible masked destination shown for a number
-- without a citizen ("09*****417"), the same on every request, and unpredictable from outside.
CREATE TABLE citizen_auth_keys (
  id        smallint PRIMARY KEY CHECK (id = 1),
  decoy_key text NOT NULL CHECK (length(decoy_key) >= 32)
);
-- gen_random_uuid() draws from PostgreSQL's strong random source (pg_strong_random)
INSERT INTO citizen_auth_keys (id, decoy_key)
VALUES (1, encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'));

-- Citizen sessions, as officer sessions (0001): the cookie carries a random token, only its SHA-256
-- is stored; a CSRF token bound to the session; a longest life and an idle timeout.
CREATE TABLE citizen_sessions (
  id           text PRIMARY KEY,
  citizen_id   bigint NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX citizen_sessions_citizen ON citizen_sessions (citizen_id);
CREATE INDEX citizen_sessions_expiry ON citizen_sessions (expires_at);
