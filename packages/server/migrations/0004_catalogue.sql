-- Issue #4: the editable, versioned catalogue; per-agency implementation; internal workflows.
--
-- The catalogue (procedures and their versions) is shared by every tenant of an installation: it
-- is the national catalogue plus local procedures. Which agency implements what, with which local
-- fees and which internal workflow, belongs to a tenant.

ALTER TABLE procedure_versions DROP CONSTRAINT procedure_versions_status_check;
ALTER TABLE procedure_versions
  ADD CONSTRAINT procedure_versions_status_check CHECK (status IN ('draft', 'published', 'retired')),
  -- the field (lĩnh vực) as this version states it; procedures.field_id follows the version in force
  ADD COLUMN field_name    text,
  ADD COLUMN decision_date date,
  ADD COLUMN eform         jsonb,
  ADD COLUMN results       jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN online_level  text NOT NULL DEFAULT 'none' CHECK (online_level IN ('full', 'partial', 'none')),
  -- the day the procedure is abolished (bãi bỏ): no version is in force from then on
  ADD COLUMN retired_on    date,
  ADD COLUMN created_by    integer REFERENCES staff (id),
  ADD COLUMN published_by  integer REFERENCES staff (id),
  ADD CONSTRAINT procedure_versions_retired CHECK ((status = 'retired') = (retired_on IS NOT NULL)),
  ADD CONSTRAINT procedure_versions_published CHECK (status = 'draft' OR published_at IS NOT NULL);

-- Imported versions: the national record says whether an online channel exists, not whether the
-- online service is full or partial; "partial" is the cautious reading and the admin can publish a
-- new version saying "full". The result text becomes one result type.
UPDATE procedure_versions SET
  online_level = CASE WHEN channels @> '[{"channel":"online"}]' THEN 'partial' ELSE 'none' END,
  results = CASE WHEN result IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
    'code', result->'codes'->0,
    'name', coalesce(nullif(result->>'text', ''), 'Kết quả giải quyết thủ tục hành chính'),
    'paper', true,
    'electronic', false)) END;

UPDATE procedure_versions v SET field_name = f.name
FROM procedures p JOIN fields f ON f.id = p.field_id WHERE p.id = v.procedure_id;

-- One version in force per date: two published versions of a procedure cannot take effect on the
-- same day (a version without a date is in force since the beginning).
CREATE UNIQUE INDEX procedure_versions_effective
  ON procedure_versions (procedure_id, (coalesce(effective_from, '-infinity'::date)))
  WHERE status <> 'draft';
-- at most one draft per procedure: editing goes to that draft
CREATE UNIQUE INDEX procedure_versions_one_draft ON procedure_versions (procedure_id) WHERE status = 'draft';

-- A published version is immutable: dossiers received under it stay bound to what it said. Only
-- its retirement (status and date) may be recorded, and it can never be deleted.
CREATE FUNCTION procedure_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'published procedure version % cannot be deleted', OLD.id USING ERRCODE = 'MC001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (to_jsonb(NEW) - 'status' - 'retired_on') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'retired_on') THEN
    RAISE EXCEPTION 'published procedure version % is immutable', OLD.id USING ERRCODE = 'MC001';
  END IF;
  IF OLD.status <> 'draft' AND NEW.status = 'draft' THEN
    RAISE EXCEPTION 'published procedure version % cannot return to draft', OLD.id USING ERRCODE = 'MC001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER procedure_versions_immutable BEFORE UPDATE OR DELETE ON procedure_versions
  FOR EACH ROW EXECUTE FUNCTION procedure_versions_immutable();

---------------------------------------------------------------------------------------------------
-- Internal workflows: one immutable row per version; an implementation points at the one in use.
-- A dossier records the workflow row it was received under.
CREATE TABLE workflows (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id          integer NOT NULL REFERENCES tenants (id),
  agency_id          integer NOT NULL,
  procedure_id       integer NOT NULL REFERENCES procedures (id),
  version_no         integer NOT NULL CHECK (version_no > 0),
  definition         jsonb NOT NULL,
  -- the validation figures at save time (a workflow is only saved when valid)
  longest_path_hours numeric NOT NULL,
  limit_hours        numeric,
  template_code      text,
  created_by         integer REFERENCES staff (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id),
  UNIQUE (agency_id, procedure_id, version_no)
);

CREATE FUNCTION workflows_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'workflow versions are immutable; save a new version' USING ERRCODE = 'MC001';
END $$;
CREATE TRIGGER workflows_immutable BEFORE UPDATE OR DELETE ON workflows
  FOR EACH ROW EXECUTE FUNCTION workflows_immutable();

-- Which agency implements which procedure (an agency of any level, a commune People's Committee…).
CREATE TABLE procedure_implementations (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id     integer NOT NULL REFERENCES tenants (id),
  procedure_id  integer NOT NULL REFERENCES procedures (id),
  agency_id     integer NOT NULL,
  -- national code + agency identifier (CODES.md §2), kept as an alias for synchronisation
  local_code    text NOT NULL,
  -- local amounts for fees the People's Council sets, by fee label: [{label, amountVnd, note}]
  fee_overrides jsonb NOT NULL DEFAULT '[]',
  workflow_id   integer REFERENCES workflows (id),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id),
  UNIQUE (agency_id, procedure_id)
);
CREATE INDEX procedure_implementations_procedure ON procedure_implementations (procedure_id) WHERE active;
CREATE INDEX procedure_implementations_tenant ON procedure_implementations (tenant_id, procedure_id) WHERE active;

-- A tenant's own workflow templates (the built-in ones live in core).
CREATE TABLE workflow_templates (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   integer NOT NULL REFERENCES tenants (id),
  code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{1,39}$'),
  name        text NOT NULL,
  definition  jsonb NOT NULL,
  created_by  integer REFERENCES staff (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code)
);
