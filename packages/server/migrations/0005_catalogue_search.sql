-- Catalogue search (issue #4). Each procedure stores one folded text of everything a citizen may
-- type — the national code, the name, the field, the ministry and the competent and implementing
-- agencies of the version in force — as text and as a full-text vector (GIN: the words of a
-- query), plus what the filters read from the version in force; the catalogue's vocabulary sits
-- under a trigram index, to correct misspelt words. A search reads one row per procedure, and
-- every query is index-assisted (modules/catalog/search.ts; bench/README.md, "Catalogue search").
--
-- Folding: lower(f_unaccent(x)) (0001), every run of non-alphanumeric characters turned into one
-- space, and a leading space: "Đăng ký khai sinh, cấp …" → " dang ky khai sinh cap". The query
-- side folds its words with the same function, in the same statement, so both always agree.
--
-- PL/pgSQL rather than SQL on purpose: a query folds its words while it is planned, and a SQL
-- function that cannot be inlined (unaccent is only STABLE) is parsed and planned again on every
-- call, ~35 µs each; PL/pgSQL keeps its compiled body per connection (~3 µs).
CREATE FUNCTION f_search_fold(t text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
BEGIN
  RETURN ' ' || btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, t)), '[^[:alnum:]]+', ' ', 'g'));
END $$;

-- The full-text query of a search's words: every word must be a word of the procedure, the last
-- one may be the start of a word (it is still being typed): {ho, tich} → 'ho' & 'tich':*. A word
-- that folds into several ("cha,mẹ") gives all of them. NULL when no word has a letter or digit.
CREATE FUNCTION f_search_query(words text[]) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
DECLARE
  parts text[] := '{}';
  w     text;
  f     text;
BEGIN
  FOREACH w IN ARRAY words LOOP
    -- the folded word holds only [[:alnum:]] and single spaces: nothing to_tsquery reads as syntax
    f := replace(btrim(f_search_fold(w)), ' ', ' & ');
    IF f <> '' THEN
      parts := parts || f;
    END IF;
  END LOOP;
  IF cardinality(parts) = 0 THEN
    RETURN NULL;
  END IF;
  RETURN to_tsquery('simple', array_to_string(parts, ' & ') || ':*');
END $$;

-- The folded name alone, with a space at each end so that every word in it has one on both sides:
-- relevance ranks name matches first.
ALTER TABLE procedures ADD COLUMN search_name text GENERATED ALWAYS AS (f_search_fold(name) || ' ') STORED;

-- search_text: " <code> | <name> | <field> | <ministry> | <competent agency> | <implementing
-- agency> |"; the code keeps its dot ("1.001193"), and " |" ends each part so that a phrase never
-- runs from one part into the next. search_vector: its words, plus the six digits of the code
-- ("001193"), without positions (no phrase queries, so the GIN index answers without a recheck).
-- Then the levels, channel names and online level of the version in force, so that filters never
-- read the version's jsonb.
--
-- They read other tables (the field's name, the current version), which a generated column
-- cannot: the trigger below recomputes them on every write of the row that could change them, and
-- the two after it touch the rows whose field is renamed or whose current version changes.
ALTER TABLE procedures
  ADD COLUMN search_text         text,
  ADD COLUMN search_vector       tsvector,
  ADD COLUMN search_levels       text[],
  ADD COLUMN search_channels     text[],
  ADD COLUMN search_online_level text;

CREATE FUNCTION procedures_search_columns() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  field_name text;
  v          record;
BEGIN
  SELECT f.name INTO field_name FROM fields f WHERE f.id = NEW.field_id;
  SELECT pv.competent_agency, pv.implementing_agency, pv.levels, pv.online_level,
         ARRAY(SELECT DISTINCT c->>'channel' FROM jsonb_array_elements(pv.channels) c
               WHERE c->>'channel' IS NOT NULL ORDER BY 1) AS channels
    INTO v FROM procedure_versions pv WHERE pv.id = NEW.current_version_id;
  NEW.search_text := concat_ws(' |', ' ' || NEW.code, f_search_fold(NEW.name), f_search_fold(field_name),
    f_search_fold(NEW.ministry), f_search_fold(v.competent_agency), f_search_fold(v.implementing_agency)) || ' |';
  NEW.search_vector := strip(to_tsvector('simple', NEW.search_text || ' ' || substr(NEW.code, 3)));
  NEW.search_levels := coalesce(v.levels, '{}');
  NEW.search_channels := coalesce(v.channels, '{}');
  NEW.search_online_level := v.online_level;
  RETURN NEW;
END $$;
CREATE TRIGGER procedures_search_columns
  BEFORE INSERT OR UPDATE OF code, name, field_id, ministry, current_version_id,
    search_text, search_vector, search_levels, search_channels, search_online_level
  ON procedures FOR EACH ROW EXECUTE FUNCTION procedures_search_columns();

CREATE FUNCTION fields_search_columns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE procedures SET field_id = field_id WHERE field_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER fields_search_columns AFTER UPDATE OF name ON fields
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION fields_search_columns();

-- A published version never changes (0004), so this fires for drafts only, which are not in force;
-- it keeps the stored columns right whatever the editing rules become.
CREATE FUNCTION procedure_versions_search_columns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE procedures SET current_version_id = current_version_id WHERE current_version_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER procedure_versions_search_columns
  AFTER UPDATE OF competent_agency, implementing_agency, levels, channels, online_level ON procedure_versions
  FOR EACH ROW WHEN ((OLD.competent_agency, OLD.implementing_agency, OLD.levels, OLD.channels, OLD.online_level)
                     IS DISTINCT FROM (NEW.competent_agency, NEW.implementing_agency, NEW.levels, NEW.channels, NEW.online_level))
  EXECUTE FUNCTION procedure_versions_search_columns();

UPDATE procedures SET search_text = NULL;
ALTER TABLE procedures
  ALTER COLUMN search_text SET NOT NULL,
  ALTER COLUMN search_vector SET NOT NULL,
  ALTER COLUMN search_levels SET NOT NULL,
  ALTER COLUMN search_channels SET NOT NULL;
-- the catalogue as listed without a query: its first page and its count from the index alone
CREATE INDEX procedures_in_force ON procedures (code) WHERE current_version_id IS NOT NULL;
CREATE INDEX procedures_search_vector ON procedures USING gin (search_vector);

---------------------------------------------------------------------------------------------------
-- Misspelt words. The vocabulary of the stored texts (words with a letter) with a trigram index:
-- a query that matches nothing is retried with each unknown word replaced by the known words
-- nearest to it ("dugn" → dung, dun…). Words are added as texts are written and never removed: a
-- stale word only makes a suggestion that matches nothing.
-- The letters of a word in order ("dugn" → "dgnu"): two words with the same are anagrams.
CREATE FUNCTION f_search_letters(w text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT string_agg(c, '' ORDER BY c) FROM regexp_split_to_table(w, '') c $$;

-- letters: for swapped letters ("dugn" → dung), which short syllables hide from trigrams
CREATE TABLE search_words (
  word    text PRIMARY KEY,
  letters text NOT NULL GENERATED ALWAYS AS (f_search_letters(word)) STORED
);
CREATE INDEX search_words_trigram ON search_words USING gist (word gist_trgm_ops);
CREATE INDEX search_words_letters ON search_words (letters);

CREATE FUNCTION procedures_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
    SELECT DISTINCT w FROM new_rows, unnest(tsvector_to_array(new_rows.search_vector)) w
    WHERE w ~ '[[:alpha:]]'
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
-- (a trigger with a transition table takes one event, and no column list)
CREATE TRIGGER procedures_search_words_insert AFTER INSERT ON procedures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION procedures_search_words();
CREATE TRIGGER procedures_search_words_update AFTER UPDATE ON procedures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION procedures_search_words();
INSERT INTO search_words (word)
  SELECT DISTINCT w FROM procedures, unnest(tsvector_to_array(search_vector)) w WHERE w ~ '[[:alpha:]]'
  ON CONFLICT DO NOTHING;

-- f_search_query for a query that matched nothing: a folded word the vocabulary knows stays (the
-- last one as a prefix, if a known word starts with it); an unknown one becomes the alternative
-- of the known words made of the same letters, or else of the three nearest to it by trigrams (of
-- similarity 0.3 at least), or is left out when there is none. NULL when
-- no word is left. STABLE: it reads the vocabulary.
CREATE FUNCTION f_search_query_similar(words text[]) RETURNS tsquery
  LANGUAGE plpgsql STABLE PARALLEL SAFE STRICT
  AS $$
DECLARE
  parts text[] := '{}';
  tokens text[];
  t     text;
  alt   text;
  last  boolean;
BEGIN
  FOR i IN 1 .. cardinality(words) LOOP
    tokens := regexp_split_to_array(btrim(f_search_fold(words[i])), ' ');
    FOR j IN 1 .. cardinality(tokens) LOOP
      t := tokens[j];
      CONTINUE WHEN t = '';
      last := i = cardinality(words) AND j = cardinality(tokens);
      IF EXISTS (SELECT 1 FROM search_words WHERE word = t) THEN
        alt := quote_literal(t);
      ELSIF last AND EXISTS (SELECT 1 FROM search_words WHERE word LIKE t || '%') THEN
        alt := quote_literal(t) || ':*';
      ELSE
        -- the words with the same letters (two letters swapped, the commonest slip), or else the
        -- three nearest by trigrams
        SELECT string_agg(quote_literal(word), ' | ' ORDER BY word) INTO alt
          FROM search_words WHERE letters = f_search_letters(t);
        IF alt IS NULL THEN
          SELECT string_agg(quote_literal(n.word), ' | ' ORDER BY n.word) INTO alt
            FROM (SELECT word FROM search_words ORDER BY word <-> t LIMIT 3) n
            WHERE similarity(n.word, t) >= 0.3;
        END IF;
      END IF;
      IF alt IS NOT NULL THEN
        parts := parts || ('(' || alt || ')');
      END IF;
    END LOOP;
  END LOOP;
  IF cardinality(parts) = 0 THEN
    RETURN NULL;
  END IF;
  RETURN to_tsquery('simple', array_to_string(parts, ' & '));
END $$;
