-- The duplicate finder's compared values, stored (lib/citizens/duplicates/candidates-sql.ts):
-- the unaccented name parts and the normalised address of each person in a pair were computed
-- on every refresh: at a million citizens ~240,000 people, for whom computing the three took
-- 3.6 s where reading the raw columns took 0.45 s (bench database, load ~9; the address's
-- regexp_replace most of it). The citizens trigger now keeps them, with the same expressions
-- as functions the finder also applies to an import's staged rows.
ALTER TABLE "citizens" ADD COLUMN "first_name_norm" TEXT,
ADD COLUMN "last_name_norm" TEXT,
ADD COLUMN "address_norm" TEXT;

CREATE FUNCTION citizen_name_norm(part text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = public, pg_temp AS $$
  SELECT lower(unaccent(part))
$$;

-- Address line and postal code as one lower-case string with single spaces; NULL without a
-- street line (a postal code alone is the address_name block, not an address).
CREATE FUNCTION citizen_address_norm(line1 text, postal_code text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN nullif(trim(line1), '') IS NULL THEN NULL
              ELSE lower(regexp_replace(trim(line1 || ' ' || coalesce(postal_code, '')), '\s+', ' ', 'g')) END
$$;

CREATE OR REPLACE FUNCTION citizens_search_fields() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  full_name text := unaccent(coalesce(NEW.first_name, '') || ' ' || coalesce(NEW.last_name, ''));
  initials text;
BEGIN
  NEW.search_name := lower(full_name);
  NEW.search_vector :=
    setweight(to_tsvector('simple', full_name), 'A') ||
    setweight(to_tsvector('simple', unaccent(concat_ws(' ', NEW.city, NEW.postal_code, NEW.address_line1, array_to_string(NEW.tags, ' ')))), 'B') ||
    setweight(to_tsvector(citizen_search_config(NEW.preferred_language), coalesce(NEW.notes, '')), 'C');
  initials := citizen_name_initials(NEW.search_name);
  NEW.dob_name_key := NEW.date_of_birth_bidx || ':' || initials;
  NEW.address_name_key := nullif(lower(replace(NEW.postal_code, ' ', '')), '') || ':' || initials;
  NEW.first_name_norm := citizen_name_norm(NEW.first_name);
  NEW.last_name_norm := citizen_name_norm(NEW.last_name);
  NEW.address_norm := citizen_address_norm(NEW.address_line1, NEW.postal_code);
  RETURN NEW;
END
$$;

-- Existing rows (the trigger fires on its input columns only, not on these).
UPDATE citizens SET
  first_name_norm = citizen_name_norm(first_name),
  last_name_norm = citizen_name_norm(last_name),
  address_norm = citizen_address_norm(address_line1, postal_code);
