-- A result PDF signed by MotCua at the leader's signature (issue #5 item 7) is a new file row that
-- points to the unsigned one it was made from: nothing is overwritten, both stay in the log.
ALTER TABLE dossier_files ADD COLUMN signed_from bigint REFERENCES dossier_files (id);
CREATE UNIQUE INDEX dossier_files_signed_once ON dossier_files (signed_from) WHERE signed_from IS NOT NULL;
