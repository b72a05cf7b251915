-- Reception and processing of dossiers over HTTP (issue #5): who the applicant is, what was
-- handed in, the files, and the columns worklists filter on.
--
-- The lifecycle state is still only what dossier_actions says (0008). What is added here is the
-- dossier's material: the document components checked at reception, the files attached to them,
-- and the citizens who submit online. Components and files are written in the transaction of the
-- action that brought them (register, submit, supplement_received, issue_result).

-- Citizens and organisations who use the portal. Identity is the 12-digit personal number (or an
-- organisation's identifier); contact details are where one-time codes and notifications go.
CREATE TABLE citizens (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL DEFAULT 'individual' CHECK (kind IN ('individual', 'organisation')),
  identity_number text NOT NULL CHECK (identity_number ~ '^[0-9A-Z-]{9,20}$'),
  full_name       text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  email           text CHECK (email IS NULL OR length(email) <= 254),
  phone           text CHECK (phone IS NULL OR phone ~ '^\+?[0-9]{8,15}$'),
  address         text,
  is_demo         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (identity_number)
);
CREATE UNIQUE INDEX citizens_email ON citizens (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX citizens_phone ON citizens (phone) WHERE phone IS NOT NULL;

ALTER TABLE dossiers
  -- the citizen account that owns an online dossier (NULL for a counter dossier of someone
  -- without an account): "my dossiers" and every citizen read filter on it
  ADD COLUMN citizen_id         bigint REFERENCES citizens (id),
  -- the performer of the current step, resolved from the workflow when the step is entered, so
  -- officers' worklists filter in SQL by the positions they hold (role, agency, department)
  ADD COLUMN step_role          text,
  ADD COLUMN step_agency_id     integer REFERENCES agencies (id),
  ADD COLUMN step_department_id integer REFERENCES departments (id),
  -- when the current step began and its own due instant (the step's budget in working hours)
  ADD COLUMN step_started_at    timestamptz,
  ADD COLUMN step_due_at        timestamptz,
  -- the e-form data of an online dossier, validated against the version's JSON Schema
  ADD COLUMN form_data          jsonb,
  -- liên thông: a child dossier processes the parent's part at another agency
  ADD COLUMN parent_id          bigint REFERENCES dossiers (id),
  ADD COLUMN parent_joint_id    text;
CREATE INDEX dossiers_citizen ON dossiers (citizen_id, created_at DESC) WHERE citizen_id IS NOT NULL;
CREATE INDEX dossiers_parent ON dossiers (parent_id) WHERE parent_id IS NOT NULL;
CREATE UNIQUE INDEX dossiers_parent_joint ON dossiers (parent_id, parent_joint_id) WHERE parent_id IS NOT NULL;

-- The components of a dossier (thành phần hồ sơ) as checked by the receiving officer or declared
-- online, one row per document of the procedure version (by its code) or per extra paper.
CREATE TABLE dossier_components (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id       bigint NOT NULL REFERENCES dossiers (id),
  -- the document's code in the procedure version; NULL for a paper the version does not list
  document_code    text,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  required         boolean NOT NULL DEFAULT false,
  provided         boolean NOT NULL DEFAULT false,
  originals        smallint NOT NULL DEFAULT 0 CHECK (originals >= 0),
  certified_copies smallint NOT NULL DEFAULT 0 CHECK (certified_copies >= 0),
  copies           smallint NOT NULL DEFAULT 0 CHECK (copies >= 0),
  -- Decree 107/2021: the receiving officer digitised the paper (DuocSoHoa); who and when
  digitised_by     integer REFERENCES staff (id),
  digitised_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dossier_id, document_code),
  CHECK ((digitised_by IS NULL) = (digitised_at IS NULL))
);
CREATE INDEX dossier_components_dossier ON dossier_components (dossier_id);

-- Files (content-addressed in the blob store by SHA-256) attached to a dossier: to a component,
-- or as a result document. A row is never updated: a replaced file is a new row.
CREATE TABLE dossier_files (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id   bigint NOT NULL REFERENCES dossiers (id),
  component_id bigint REFERENCES dossier_components (id),
  purpose      text NOT NULL CHECK (purpose IN ('component', 'result', 'form')),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size         bigint NOT NULL CHECK (size >= 0),
  kind         text NOT NULL,
  mime_type    text NOT NULL,
  filename     text,
  -- the file came from the applicant's data store instead of a new upload (DuocTaiSuDung)
  reused_from  bigint,
  uploaded_by  jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (purpose <> 'component' OR component_id IS NOT NULL)
);
CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id);
