-- The blind-index indexes gain deleted_at and id (see schema.prisma): the same look-ups, and
-- the finder's email / phone / national-ID blocks become index-only scans.
-- DropIndex
DROP INDEX "citizens_tenant_id_email_bidx_idx";

-- DropIndex
DROP INDEX "citizens_tenant_id_national_id_bidx_idx";

-- DropIndex
DROP INDEX "citizens_tenant_id_phone_bidx_idx";

-- AlterTable
ALTER TABLE "citizens" ADD COLUMN     "address_name_key" TEXT,
ADD COLUMN     "dob_name_key" TEXT;

-- The duplicate finder's combined blocking keys (lib/citizens/duplicates/candidates-sql.ts),
-- kept by the trigger that already keeps search_name: grouping a million citizens by a stored,
-- indexed key is an index-only scan in key order, where computing the keys per row meant
-- emitting and hash-aggregating 3 million strings on every refresh. Initials are the first
-- letters of the first and last word of search_name, sorted ("Smith John" = "John Smith").
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
  initials := least(left(NEW.search_name, 1), left(split_part(NEW.search_name, ' ', -1), 1))
           || greatest(left(NEW.search_name, 1), left(split_part(NEW.search_name, ' ', -1), 1));
  NEW.dob_name_key := NEW.date_of_birth_bidx || ':' || initials;
  NEW.address_name_key := nullif(lower(replace(NEW.postal_code, ' ', '')), '') || ':' || initials;
  RETURN NEW;
END
$$;
-- The birth date is now an input too.
DROP TRIGGER citizens_search_fields ON citizens;
CREATE TRIGGER citizens_search_fields
  BEFORE INSERT OR UPDATE OF first_name, last_name, city, postal_code, address_line1, tags, notes, preferred_language, date_of_birth_bidx
  ON citizens FOR EACH ROW EXECUTE FUNCTION citizens_search_fields();
-- Existing rows, with the trigger's expressions (search_name is already current), before the
-- indexes exist so the backfill does not maintain them row by row.
UPDATE citizens SET
  dob_name_key = date_of_birth_bidx || ':' || least(left(search_name, 1), left(split_part(search_name, ' ', -1), 1))
                 || greatest(left(search_name, 1), left(split_part(search_name, ' ', -1), 1)),
  address_name_key = nullif(lower(replace(postal_code, ' ', '')), '') || ':' || least(left(search_name, 1), left(split_part(search_name, ' ', -1), 1))
                 || greatest(left(search_name, 1), left(split_part(search_name, ' ', -1), 1))
 WHERE date_of_birth_bidx IS NOT NULL OR nullif(postal_code, '') IS NOT NULL;

-- CreateIndex
CREATE INDEX "citizens_tenant_id_email_bidx_deleted_at_id_idx" ON "citizens"("tenant_id", "email_bidx", "deleted_at", "id");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_phone_bidx_deleted_at_id_idx" ON "citizens"("tenant_id", "phone_bidx", "deleted_at", "id");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_national_id_bidx_deleted_at_id_idx" ON "citizens"("tenant_id", "national_id_bidx", "deleted_at", "id");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_dob_name_key_deleted_at_id_idx" ON "citizens"("tenant_id", "dob_name_key", "deleted_at", "id");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_address_name_key_deleted_at_id_idx" ON "citizens"("tenant_id", "address_name_key", "deleted_at", "id");
