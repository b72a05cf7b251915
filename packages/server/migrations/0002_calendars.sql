-- Working calendars per deployment and per agency (issue #3). A calendar inherits the exceptions of
-- its parent (a deployment's calendar → the national public-sector calendar) and may override the
-- weekly working periods; an agency may use its own calendar (e.g. Saturday-morning reception).
ALTER TABLE calendars
  ADD COLUMN parent_id          integer REFERENCES calendars (id),
  ADD COLUMN agency_id          integer REFERENCES agencies (id),
  -- periods of a make-up working day and of the standard day ("1 working day"); null: Monday's
  ADD COLUMN standard_day       jsonb,
  ADD COLUMN same_day_cutoff    text NOT NULL DEFAULT '15:00' CHECK (same_day_cutoff ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ADD COLUMN utc_offset_minutes integer NOT NULL DEFAULT 420 CHECK (utc_offset_minutes BETWEEN -720 AND 840),
  -- bumped by every change to the calendar or its exceptions: built calendars are cached by it
  ADD COLUMN revision           integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at         timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT calendars_no_self_parent CHECK (parent_id IS NULL OR parent_id <> id),
  ADD CONSTRAINT calendars_agency_tenant CHECK (agency_id IS NULL OR tenant_id IS NOT NULL);
-- a deployment's own weekly pattern may be absent (inherit the parent's)
ALTER TABLE calendars ALTER COLUMN weekly_pattern DROP NOT NULL;
CREATE UNIQUE INDEX calendars_one_per_agency ON calendars (agency_id) WHERE agency_id IS NOT NULL;
CREATE UNIQUE INDEX calendars_one_per_tenant ON calendars (tenant_id) WHERE tenant_id IS NOT NULL AND agency_id IS NULL;

ALTER TABLE calendar_exceptions
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX calendar_exceptions_year ON calendar_exceptions (calendar_id, date);

-- Extra holidays are data, not code: rules an administrator enables once they are law (e.g. 24/11
-- "Ngày Văn hóa Việt Nam", Resolution 80-NQ/TW, pending the Labour Code amendment).
CREATE TABLE holiday_rules (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  calendar_id integer NOT NULL REFERENCES calendars (id),
  name        text NOT NULL,
  calendar_kind text NOT NULL CHECK (calendar_kind IN ('solar', 'lunar')),
  month       smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  day         smallint NOT NULL CHECK (day BETWEEN 1 AND 31),
  legal_basis text,
  enabled     boolean NOT NULL DEFAULT false,
  valid_from  date,
  created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO holiday_rules (calendar_id, name, calendar_kind, month, day, legal_basis, enabled, valid_from)
SELECT id, 'Ngày Văn hóa Việt Nam', 'solar', 11, 24,
       'Nghị quyết 80-NQ/TW; chờ sửa đổi Điều 112 Bộ luật Lao động (Nghị quyết 30/NQ-CP)', false, '2026-11-24'
FROM calendars WHERE code = 'vn-public-sector';
