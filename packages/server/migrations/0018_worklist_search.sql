-- A worklist's text filter (`?q=`: part of the dossier code or of the applicant's name, without
-- diacritics) found by a trigram index instead of by reading every dossier of the list.
--
-- Before, the filter was checked on each row an arm's index gave: the heap read and f_unaccent
-- of the name for every dossier in the list. For the city's inspector (`overdue`: every overdue
-- dossier of the city) and a rare name, that is the whole list: 11,700 rows and 49 ms at 300,000
-- dossiers, 590 ms (p50, shared machine) at a million. With this index the same count reads the
-- 48 candidates the trigrams give and takes 1 ms (bench/README.md, worklist benchmark). The
-- expression is worklist-repository.ts's SEARCH_TEXT, character for character, or the planner
-- cannot use it; the predicate is the live states every list draws from (the same as
-- dossiers_assignee's), so the index holds the live few percent only. A pattern of fewer than
-- three characters has no trigram and is still checked row by row.
CREATE INDEX dossiers_wl_search ON dossiers
  USING gin (lower(f_unaccent(coalesce(code, '') || ' ' || coalesce(applicant ->> 'name', ''))) gin_trgm_ops)
  WHERE status NOT IN ('refused', 'withdrawn', 'stopped', 'returned');
