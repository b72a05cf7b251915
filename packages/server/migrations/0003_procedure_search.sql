-- Faster accent-insensitive procedure search (bench/README.md: ~60 searches/s before). The folded
-- name is stored once instead of computed per row and per word, and the trigram index sits on it;
-- code prefixes get a pattern index that works under any collation.
ALTER TABLE procedures ADD COLUMN name_search text GENERATED ALWAYS AS (lower(f_unaccent(name))) STORED;
DROP INDEX procedures_name_search;
CREATE INDEX procedures_name_search ON procedures USING gin (name_search gin_trgm_ops);
CREATE INDEX procedures_code_prefix ON procedures (code text_pattern_ops);
