-- The duplicate finder also scores an import's staged rows before they are citizens
-- (lib/citizens/duplicates/candidates-sql.ts): it needs the blocking keys' name initials with
-- the trigger's own expression, so the expression becomes a function both use. Same result as
-- before for every row: no backfill.
CREATE FUNCTION citizen_name_initials(search_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(left(search_name, 1), left(split_part(search_name, ' ', -1), 1))
      || greatest(left(search_name, 1), left(split_part(search_name, ' ', -1), 1))
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
  RETURN NEW;
END
$$;
