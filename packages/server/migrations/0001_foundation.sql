-- MotCua foundation schema: reference data (administrative units, calendar, national procedure
-- catalogue), the organisation of a deployment (tenants, agencies, departments, reception points,
-- staff and their positions), officer sessions, the administrative audit log and import runs.

-- Trusted extensions (PostgreSQL ≥ 13): a database owner may create them without superuser.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- unaccent() is only STABLE (its dictionary could change), so it cannot appear in an index
-- expression. This IMMUTABLE wrapper pins the dictionary, which is what makes
-- lower(f_unaccent(name)) indexable for "giay phep xay dung" → "Giấy phép xây dựng".
CREATE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

---------------------------------------------------------------------------------------------------
-- Administrative units (GSO codes), effective-dated. A code is unique within a period; the same
-- code may name another unit in another period (00004 was Trúc Bạch before 2025, Ba Đình after).
CREATE TABLE admin_units (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code         text NOT NULL CHECK (code ~ '^[0-9]{2,5}$'),
  level        text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  unit_type    text NOT NULL,
  name         text NOT NULL,
  full_name    text NOT NULL,
  name_en      text,
  parent_id    integer REFERENCES admin_units (id),
  -- root … self; lets scope checks and subtree lists use one indexed array test
  ancestor_ids integer[] NOT NULL,
  valid_from   date,
  valid_to     date,
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
  CHECK ((level = 'province') = (parent_id IS NULL)),
  UNIQUE NULLS NOT DISTINCT (code, valid_from),
  EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
CREATE INDEX admin_units_parent ON admin_units (parent_id);
CREATE INDEX admin_units_ancestors ON admin_units USING gin (ancestor_ids);
CREATE INDEX admin_units_name_search ON admin_units USING gin (lower(f_unaccent(full_name)) gin_trgm_ops);

-- Old unit → new unit(s) of a reorganisation (the 2025 reform merged 10,035 communes into 3,321).
CREATE TABLE admin_unit_successions (
  old_unit_id integer NOT NULL REFERENCES admin_units (id),
  new_unit_id integer NOT NULL REFERENCES admin_units (id),
  effective   date NOT NULL,
  kind        text NOT NULL,
  confidence  text NOT NULL CHECK (confidence IN ('high', 'review')),
  note        text,
  PRIMARY KEY (old_unit_id, new_unit_id)
);
CREATE INDEX admin_unit_successions_new ON admin_unit_successions (new_unit_id);

---------------------------------------------------------------------------------------------------
-- Deployments (tenants): a province or ministry running MotCua. Every tenant-owned table carries
-- tenant_id so a national hosting can distribute by it.
CREATE TABLE tenants (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code         text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,40}$'),
  name         text NOT NULL,
  root_unit_id integer REFERENCES admin_units (id),
  -- 2: province and commune (since 1 July 2025); 3: province, district, commune
  levels       smallint NOT NULL CHECK (levels IN (2, 3)),
  is_demo      boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now()
);

---------------------------------------------------------------------------------------------------
-- Working calendars. The national public-sector calendar has tenant_id NULL; issue #3 adds per
-- deployment and per agency calendars and the deadline rules.
CREATE TABLE calendars (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code           text NOT NULL UNIQUE,
  name           text NOT NULL,
  tenant_id      integer REFERENCES tenants (id),
  -- ISO weekday (1 = Monday) → working periods "HH:MM-HH:MM"
  weekly_pattern jsonb NOT NULL,
  time_zone      text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calendar_exceptions (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  calendar_id integer NOT NULL REFERENCES calendars (id),
  date        date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('statutory', 'compensatory', 'swapped_day_off', 'makeup_working_day')),
  name        text NOT NULL,
  legal_basis text,
  status      text NOT NULL CHECK (status IN ('official', 'provisional')),
  confidence  text,
  UNIQUE (calendar_id, date)
);

---------------------------------------------------------------------------------------------------
-- The national procedure catalogue (CSDLQG về TTHC). Versions are immutable once published; a
-- re-import with changed content adds a version instead of rewriting one (issue #4 adds editing,
-- e-forms, per-agency implementation and workflows).
CREATE TABLE fields (
  id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- national field code (e.g. G09-TP03) when the catalogue gives one; the 2026 snapshot does not
  code text UNIQUE,
  name text NOT NULL UNIQUE
);

CREATE TABLE procedures (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code               text NOT NULL UNIQUE CHECK (code ~ '^[0-9]\.[0-9]{6}$'),
  name               text NOT NULL,
  field_id           integer REFERENCES fields (id),
  ministry           text,
  current_version_id integer,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procedures_field ON procedures (field_id);
CREATE INDEX procedures_name_search ON procedures USING gin (lower(f_unaccent(name)) gin_trgm_ops);

CREATE TABLE procedure_versions (
  id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  procedure_id        integer NOT NULL REFERENCES procedures (id),
  version_no          integer NOT NULL CHECK (version_no > 0),
  status              text NOT NULL CHECK (status IN ('draft', 'published')),
  name                text NOT NULL,
  decision_no         text,
  effective_from      date,
  levels              text[] NOT NULL DEFAULT '{}',
  procedure_type      text,
  applicant_types     text[] NOT NULL DEFAULT '{}',
  competent_agency    text,
  implementing_agency text,
  coordinating_agency text,
  delegated_agency    text,
  receiving_address   text,
  channels            jsonb NOT NULL DEFAULT '[]',
  documents           jsonb NOT NULL DEFAULT '[]',
  documents_preamble  text,
  legal_basis         jsonb NOT NULL DEFAULT '[]',
  conditions          text,
  result              jsonb,
  steps_text          text,
  source              text NOT NULL,
  source_url          text,
  -- ambiguities found on import (missing time unit, unparsed fee…) for an administrator to review
  review_flags        text[] NOT NULL DEFAULT '{}',
  content_hash        text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  published_at        timestamptz,
  UNIQUE (procedure_id, version_no)
);
ALTER TABLE procedures
  ADD CONSTRAINT procedures_current_version FOREIGN KEY (current_version_id) REFERENCES procedure_versions (id);
CREATE INDEX procedure_versions_review ON procedure_versions (procedure_id) WHERE cardinality(review_flags) > 0;

---------------------------------------------------------------------------------------------------
-- Organisation of a deployment.
CREATE TABLE agencies (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id     integer NOT NULL REFERENCES tenants (id),
  -- electronic identifier, Decision 20/2020/QĐ-TTg (validated by core before insert)
  identifier    text NOT NULL CHECK (identifier ~ '^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[GH][0-9]{2}$'),
  name          text NOT NULL,
  short_name    text,
  kind          text NOT NULL CHECK (kind IN ('people_committee', 'office', 'department', 'sector', 'service_center', 'police', 'other')),
  level         text NOT NULL CHECK (level IN ('ministry', 'province', 'district', 'commune')),
  admin_unit_id integer NOT NULL REFERENCES admin_units (id),
  parent_id     integer REFERENCES agencies (id),
  -- identifiers invented for the demo are not official codes
  is_demo       boolean NOT NULL DEFAULT false,
  valid_from    date,
  valid_to      date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, identifier),
  UNIQUE (tenant_id, id)
);
CREATE INDEX agencies_unit ON agencies (admin_unit_id);
CREATE INDEX agencies_parent ON agencies (parent_id);
CREATE INDEX agencies_name_search ON agencies USING gin (lower(f_unaccent(name)) gin_trgm_ops);

CREATE TABLE departments (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id  integer NOT NULL REFERENCES tenants (id),
  agency_id  integer NOT NULL REFERENCES agencies (id),
  code       text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,40}$'),
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, code)
);

-- One-stop reception points: provincial and commune Public Administration Service Centres
-- (Trung tâm Phục vụ hành chính công) and their branches, ministry reception units.
CREATE TABLE reception_points (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id     integer NOT NULL REFERENCES tenants (id),
  code          text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,40}$'),
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('provincial_center', 'district_center', 'commune_center', 'branch', 'ministry_unit')),
  -- the agency that runs the point (its receiving officers hold positions there)
  agency_id     integer NOT NULL REFERENCES agencies (id),
  admin_unit_id integer NOT NULL REFERENCES admin_units (id),
  parent_id     integer REFERENCES reception_points (id),
  address       text,
  phone         text,
  is_demo       boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code)
);

CREATE TABLE staff (
  id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id           integer NOT NULL REFERENCES tenants (id),
  username            text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  full_name           text NOT NULL,
  email               text,
  phone               text,
  password_hash       text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  last_login_at       timestamptz,
  active              boolean NOT NULL DEFAULT true,
  is_demo             boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_tenant ON staff (tenant_id);

CREATE TABLE staff_positions (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id          integer NOT NULL REFERENCES tenants (id),
  staff_id           integer NOT NULL REFERENCES staff (id),
  agency_id          integer NOT NULL REFERENCES agencies (id),
  department_id      integer REFERENCES departments (id),
  reception_point_id integer REFERENCES reception_points (id),
  role               text NOT NULL CHECK (role IN ('receiving_officer', 'specialist', 'department_head', 'agency_leader', 'clerk', 'admin', 'inspector')),
  scope              text NOT NULL CHECK (scope IN ('department', 'agency', 'unit_subtree')),
  title              text,
  valid_from         date,
  valid_to           date,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (scope <> 'department' OR department_id IS NOT NULL)
);
CREATE INDEX staff_positions_staff ON staff_positions (staff_id);
CREATE INDEX staff_positions_agency_role ON staff_positions (agency_id, role);

-- Officer sessions. The cookie carries a random token; only its SHA-256 is stored, so a leaked
-- table cannot be replayed.
CREATE TABLE sessions (
  id           text PRIMARY KEY,
  staff_id     integer NOT NULL REFERENCES staff (id),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_staff ON sessions (staff_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Administrative writes (who, when, what, before/after), written in the write's transaction.
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   integer REFERENCES tenants (id),
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    integer REFERENCES staff (id),
  actor_label text NOT NULL,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text,
  before      jsonb,
  after       jsonb,
  request_id  text,
  ip          text
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at DESC);

-- Provenance of every reference-data import.
CREATE TABLE import_runs (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL,
  file_name   text NOT NULL,
  file_sha256 text NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  inserted    integer NOT NULL,
  updated     integer NOT NULL,
  unchanged   integer NOT NULL,
  rejected    integer NOT NULL,
  actor       text NOT NULL
);

---------------------------------------------------------------------------------------------------
-- ancestor_ids is maintained by the database so no writer can get it wrong: identity values are
-- assigned before BEFORE triggers run, so NEW.id is known here.
CREATE FUNCTION admin_units_set_ancestors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.ancestor_ids := coalesce((SELECT ancestor_ids FROM admin_units WHERE id = NEW.parent_id), '{}') || NEW.id;
  RETURN NEW;
END $$;
CREATE TRIGGER admin_units_ancestors_bi BEFORE INSERT OR UPDATE OF parent_id ON admin_units
  FOR EACH ROW EXECUTE FUNCTION admin_units_set_ancestors();

-- Re-parenting a unit (rare: a reorganisation corrected after import) re-roots its subtree.
CREATE FUNCTION admin_units_cascade_ancestors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE admin_units SET parent_id = parent_id WHERE parent_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER admin_units_ancestors_au AFTER UPDATE OF ancestor_ids ON admin_units
  FOR EACH ROW WHEN (OLD.ancestor_ids IS DISTINCT FROM NEW.ancestor_ids)
  EXECUTE FUNCTION admin_units_cascade_ancestors();

-- The national public-sector calendar: Monday–Friday, 07:30–11:30 and 13:00–17:00 (8 hours,
-- Decision 188/1999/QĐ-TTg). Holidays come from the reference data import.
INSERT INTO calendars (code, name, weekly_pattern) VALUES (
  'vn-public-sector',
  'Lịch làm việc khu vực công (toàn quốc)',
  '{"1":["07:30-11:30","13:00-17:00"],"2":["07:30-11:30","13:00-17:00"],"3":["07:30-11:30","13:00-17:00"],"4":["07:30-11:30","13:00-17:00"],"5":["07:30-11:30","13:00-17:00"]}'
);
