-- Day counters (issue #7 item 1, "read models that stay instant"): the periodic report from sums
-- instead of a scan of every dossier a period concerns. core indicators/counters.ts writes each
-- dossier as a few deltas keyed by day ("from the midnight starting day k, one more dossier in
-- class X, one fewer in Y"); a class's level at a midnight is the sum of its deltas up to that day,
-- and a midnight-to-midnight period's figures are the levels at its two ends.
--
-- Kept by a worker (modules/monitoring/counters.ts), not in the action's statement: the deltas are
-- a function of the whole facts row, which only the core computes, and the hot statement stays as
-- it is. The worker takes the facts rows whose counted_version differs from their version (the
-- partial index below is its queue: no extra table, nothing more in the action), adds the
-- difference between their new deltas and the ones it applied last (counted_deltas), and records
-- what it applied, in one transaction. Lag = now − the oldest changed_at still waiting.
-- `npm run motcua -- rebuild-counters` recomputes everything from the facts (--from-log: after
-- refolding the facts from the log; --check: report differences).

CREATE TABLE monitoring_counters (
  tenant_id     integer NOT NULL,
  -- the competent agency (dossier_facts.competent_agency_id): what the report and the indicators
  -- group by; the receiving agency is no key of any report, so it is not kept
  agency_id     integer NOT NULL,
  procedure_id  integer NOT NULL,
  -- a key column cannot be null: 'none' is a dossier without a channel (counted as direct, 766 §3.3)
  channel       text NOT NULL CHECK (channel IN ('direct', 'online', 'postal', 'none')),
  -- core CounterClass: 'open', 'overdue', 'paused:supplement', 'result:late', 'p:open_ok', 'apology', …
  class         text NOT NULL,
  -- core vnDayNumber: days since 1970-01-01 in Việt Nam's civil time; effective from its midnight
  day           integer NOT NULL,
  -- never 0: the worker deletes a counter its deltas bring back to zero, so a rebuild matches row for row
  value         bigint NOT NULL,
  PRIMARY KEY (tenant_id, agency_id, procedure_id, channel, class, day)
);

-- What the worker last applied for this dossier, so that a change of facts moves the dossier's
-- deltas instead of adding them again: {"agency", "procedure", "channel", "deltas": [[day, class,
-- delta], …]} (the keys too, since an action may move the dossier to another agency or procedure).
-- NULL on every existing row: not counted yet, so the worker counts the facts already there.
ALTER TABLE dossier_facts
  ADD COLUMN counted_version integer,
  ADD COLUMN counted_deltas jsonb,
  -- set by the facts upsert of each action (dossiers/repository.ts); the lag is measured from it
  ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();

-- The worker's queue: the rows not counted at their current version, oldest change first.
CREATE INDEX dossier_facts_uncounted ON dossier_facts (changed_at)
  WHERE counted_version IS DISTINCT FROM version;
