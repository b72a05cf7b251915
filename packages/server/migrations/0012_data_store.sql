-- The citizen's data store (kho quản lý dữ liệu điện tử, Decree 107/2021 and 45/2020): documents
-- a citizen keeps to hand in again, and the electronic results agencies returned to them, each
-- with its owner, where it came from, who issued it and when it is valid. A dossier component can
-- then reuse one instead of a new upload (dossier_files.reused_from, DuocTaiSuDung). The bytes are
-- in the content-addressed blob store, like every dossier file: a reuse is a second row naming the
-- same SHA-256, never a copy.
CREATE TABLE citizen_documents (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  citizen_id        bigint NOT NULL REFERENCES citizens (id),
  -- 'document': kept by the citizen (uploaded, or saved from a dossier they submitted);
  -- 'result': an electronic result returned online by an agency (ketQua, DanhSachGiayToKetQua)
  kind              text NOT NULL CHECK (kind IN ('document', 'result')),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  -- the procedure document it can stand for (a code of a procedure version's documents)
  document_code     text CHECK (document_code IS NULL OR length(document_code) BETWEEN 1 AND 100),
  -- the result's code in the procedure's catalogue (MaKetQua), for a result
  result_code       text CHECK (result_code IS NULL OR length(result_code) BETWEEN 1 AND 100),
  sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size              bigint NOT NULL CHECK (size >= 0),
  file_kind         text NOT NULL,
  mime_type         text NOT NULL,
  filename          text CHECK (filename IS NULL OR length(filename) <= 255),
  -- who issued it: an agency of MotCua, or as the citizen declared it (a paper of another system)
  issuer_agency_id  integer REFERENCES agencies (id),
  issuer_name       text CHECK (issuer_name IS NULL OR length(issuer_name) BETWEEN 1 AND 300),
  source_dossier_id bigint REFERENCES dossiers (id),
  valid_from        date NOT NULL,
  -- NULL: valid until further notice
  valid_until       date,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until >= valid_from),
  -- a result is always an agency's, for a dossier
  CHECK (kind <> 'result' OR (issuer_agency_id IS NOT NULL AND source_dossier_id IS NOT NULL))
);
CREATE INDEX citizen_documents_citizen ON citizen_documents (citizen_id, created_at DESC, id DESC);
-- one stored copy of a dossier's result file: storing a returned result twice changes nothing
CREATE UNIQUE INDEX citizen_documents_result ON citizen_documents (source_dossier_id, sha256)
  WHERE kind = 'result';

-- 0009 left reused_from without its table; the store exists now.
ALTER TABLE dossier_files
  ADD CONSTRAINT dossier_files_reused_from_fkey FOREIGN KEY (reused_from) REFERENCES citizen_documents (id);
CREATE INDEX dossier_files_component ON dossier_files (component_id) WHERE component_id IS NOT NULL;
CREATE INDEX dossier_files_reused_from ON dossier_files (reused_from) WHERE reused_from IS NOT NULL;

-- A file row is a record of what was handed in, by whom and when: never changed (a replaced file
-- is a new row). The application role holds only INSERT and SELECT on it (db/grants.ts); this
-- says the same to every other role.
CREATE FUNCTION dossier_files_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_files rows are never changed: % refused', TG_OP USING ERRCODE = 'MC002';
END $$;
CREATE TRIGGER dossier_files_no_update BEFORE UPDATE ON dossier_files
  FOR EACH ROW EXECUTE FUNCTION dossier_files_immutable();
