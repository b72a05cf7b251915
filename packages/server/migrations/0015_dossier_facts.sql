-- The monitoring read model (issue #7 item 1): one row per dossier with the facts the Decision 766
-- indicators and the periodic report count (core indicators/facts.ts), written in the transaction
-- of every action, in the statement that appends the action (modules/dossiers/repository.ts
-- insertAction), and rebuildable from the log (`motcua rebuild-facts`).
--
-- The instants the counts turn on are columns, so that a period's dossiers are found by index:
-- received before the period's end and not ended (nor withdrawn) before its start. What a count
-- needs beyond them (the due instant's history, the pauses, the apologies) is in `facts`, the
-- whole core LoggedFacts, read only for the dossiers a period selects.

CREATE TABLE dossier_facts (
  dossier_id           bigint PRIMARY KEY,
  tenant_id            integer NOT NULL,
  procedure_id         integer NOT NULL,
  receiving_agency_id  integer NOT NULL,
  competent_agency_id  integer NOT NULL,
  -- a liên thông child's facts count for its own agency; reports may leave children out
  parent_id            bigint,
  channel              text CHECK (channel IN ('direct', 'online', 'postal')),
  received_at          timestamptz,
  refused_at           timestamptz,
  end_kind             text CHECK (end_kind IN ('result', 'stopped')),
  end_at               timestamptz,
  withdrawn_at         timestamptz,
  -- the due instant in force now, and when each value came into force (epoch ms, as the core has it)
  due_at               timestamptz,
  due_history          jsonb NOT NULL DEFAULT '[]',
  facts                jsonb NOT NULL,
  rating               smallint,
  -- the log's version these facts are folded up to (= dossiers.version)
  version              integer NOT NULL,
  FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id),
  CHECK ((end_kind IS NULL) = (end_at IS NULL))
);

-- a period's dossiers of a deployment or an agency: received before the end...
CREATE INDEX dossier_facts_received ON dossier_facts (tenant_id, competent_agency_id, received_at)
  WHERE received_at IS NOT NULL;
-- ...and still running at its start: the open ones, and those ended or withdrawn since
CREATE INDEX dossier_facts_open ON dossier_facts (tenant_id, competent_agency_id, received_at)
  WHERE received_at IS NOT NULL AND end_at IS NULL AND withdrawn_at IS NULL;
CREATE INDEX dossier_facts_ended ON dossier_facts (tenant_id, competent_agency_id, end_at)
  WHERE end_at IS NOT NULL;
CREATE INDEX dossier_facts_withdrawn ON dossier_facts (tenant_id, competent_agency_id, withdrawn_at)
  WHERE withdrawn_at IS NOT NULL;

-- Dossiers that existed before this migration (or were written by SQL, as bench/ does) have no
-- row until `npm run motcua -- rebuild-facts --missing` folds their logs (docs/architecture.md).
