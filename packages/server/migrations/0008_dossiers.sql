-- Dossiers (hồ sơ) as an append-only log of actions (ARCHITECTURE.md §3, docs/lifecycle.md).
--
-- dossier_actions is the truth: one immutable row per action, numbered 1..n per dossier. dossiers
-- holds the state derived from that log (the full core DossierSnapshot in `state`, plus the columns
-- worklists filter and sort on), written in the SAME transaction as the action row by
-- modules/dossiers/log.ts. `version` is the number of actions: the optimistic-concurrency token a
-- client sends back with its next action. replayCheck() in log.ts folds the log again and compares.
--
-- idempotency_keys remembers the first response to each client-supplied request id, so a retried
-- request returns exactly what the first one returned and writes nothing.

CREATE TABLE dossiers (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id            integer NOT NULL REFERENCES tenants (id),
  procedure_id         integer NOT NULL REFERENCES procedures (id),
  -- the procedure version in force at receipt: the dossier is bound to it for its whole life
  procedure_version_id integer REFERENCES procedure_versions (id),
  workflow_id          integer REFERENCES workflows (id),
  -- with boundary-free reception the receiving agency may differ from the competent one
  receiving_agency_id  integer NOT NULL,
  competent_agency_id  integer NOT NULL,
  reception_point_id   integer REFERENCES reception_points (id),
  -- mã hồ sơ, issued at acceptance (codes.ts); agencies' identifiers are unique per tenant, so
  -- codes are too
  code                 text,
  code_scheme          text CHECK (code_scheme ~ '^[A-Z0-9-]{1,40}$'),
  channel              text CHECK (channel IN ('direct', 'online', 'postal')),
  status               text NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'refused',
                         'processing', 'supplement_requested', 'awaiting_payment', 'withdrawn',
                         'stopped', 'result_ready', 'returned')),
  -- TrangThaiHoSo, the code the national portal receives (1..10; NULL for a draft)
  national_status      smallint CHECK (national_status BETWEEN 1 AND 10),
  version              integer NOT NULL CHECK (version >= 0),
  -- the full core DossierSnapshot; everything below is derived from it
  state                jsonb NOT NULL,
  due_at               timestamptz,
  appointment_at       timestamptz,
  received_at          timestamptz,
  finished_at          timestamptz,
  current_step         text,
  assignee_id          integer REFERENCES staff (id),
  -- { name, identityNumber, address, phone, email }
  applicant            jsonb NOT NULL DEFAULT '{}',
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, receiving_agency_id) REFERENCES agencies (tenant_id, id),
  FOREIGN KEY (tenant_id, competent_agency_id) REFERENCES agencies (tenant_id, id),
  UNIQUE (tenant_id, code),
  -- lets dossier_actions carry a (tenant_id, dossier_id) foreign key
  UNIQUE (tenant_id, id),
  CHECK ((state ->> 'version')::integer = version),
  CHECK (state ->> 'status' = status)
);
-- worklists: a tenant's dossiers by status, soonest due first
CREATE INDEX dossiers_worklist ON dossiers (tenant_id, status, due_at);
-- "my dossiers": what an officer holds that is not finished
CREATE INDEX dossiers_assignee ON dossiers (assignee_id, status)
  WHERE status NOT IN ('refused', 'withdrawn', 'stopped', 'returned');
-- the reception desk's registers and reports
CREATE INDEX dossiers_received ON dossiers (receiving_agency_id, received_at);

CREATE TABLE dossier_actions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id bigint NOT NULL,
  tenant_id  integer NOT NULL,
  -- 1..n within the dossier; seq = the dossier version after this action
  seq        integer NOT NULL CHECK (seq >= 1),
  type       text NOT NULL CHECK (type ~ '^[a-z_]{1,40}$'),
  -- when the action happened (the core action's `at`), not when the row was written
  at         timestamptz NOT NULL,
  actor      jsonb NOT NULL,
  reason     text,
  -- the whole core DossierAction, as replay() reads it
  payload    jsonb NOT NULL CHECK (payload ->> 'type' = type),
  -- the client's idempotency key for the request that recorded it
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id),
  UNIQUE (dossier_id, seq)
);
CREATE INDEX dossier_actions_tenant_at ON dossier_actions (tenant_id, at);

-- Append-only, enforced by the database: no row of the log is ever changed or removed, whoever
-- connects. A correction is a new action. (Purging a whole test deployment drops the database.)
CREATE FUNCTION dossier_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_actions is append-only: % refused', TG_OP USING ERRCODE = 'MC002';
END $$;
CREATE TRIGGER dossier_actions_no_update_delete BEFORE UPDATE OR DELETE ON dossier_actions
  FOR EACH ROW EXECUTE FUNCTION dossier_actions_append_only();
CREATE TRIGGER dossier_actions_no_truncate BEFORE TRUNCATE ON dossier_actions
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_actions_append_only();
-- Belt and braces for any role that is not the owner. The owner (today also the role the server
-- connects as) keeps these privileges, and could disable the triggers; the next step is the
-- role split: a `motcua_app` role, created by the bootstrap, holding only INSERT and SELECT here,
-- with migrations run as the owning role. Not done in this migration: creating roles needs the
-- bootstrap's superuser connection.
REVOKE UPDATE, DELETE, TRUNCATE ON dossier_actions FROM PUBLIC;

CREATE TABLE idempotency_keys (
  tenant_id       integer NOT NULL REFERENCES tenants (id),
  -- the client-supplied request id (Idempotency-Key header)
  key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  -- hex SHA-256 of method, path and canonical body: the same key with another body is refused
  request_hash    text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  dossier_id      bigint REFERENCES dossiers (id),
  -- NULL only inside the transaction that claimed the key; filled before it commits
  response_status integer,
  response_body   jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
-- purging old keys (purgeIdempotencyKeys in repository.ts)
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
