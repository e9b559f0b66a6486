-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- CreateEnum
CREATE TYPE "CustomFieldType" AS ENUM ('TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'SELECT');

-- CreateEnum
CREATE TYPE "CaseEventKind" AS ENUM ('CREATED', 'NOTE', 'STATUS_CHANGED', 'ASSIGNED', 'UPDATED');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('VALIDATING', 'VALIDATED', 'IMPORTING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- DropIndex
DROP INDEX "cases_tenant_id_assignee_id_idx";

-- DropIndex
DROP INDEX "cases_tenant_id_citizen_id_idx";

-- DropIndex
DROP INDEX "cases_tenant_id_status_created_at_idx";

-- DropIndex
DROP INDEX "citizens_tenant_id_created_at_idx";

-- DropIndex
DROP INDEX "citizens_tenant_id_last_name_first_name_idx";

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "category" TEXT,
ADD COLUMN     "created_by_id" UUID,
ADD COLUMN     "resolved_at" TIMESTAMPTZ(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "citizens" DROP COLUMN "email",
DROP COLUMN "phone",
ADD COLUMN     "address_line1" TEXT,
ADD COLUMN     "address_line2" TEXT,
ADD COLUMN     "consents" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "country" TEXT,
ADD COLUMN     "created_by_id" UUID,
ADD COLUMN     "custom_fields" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "date_of_birth_bidx" TEXT,
ADD COLUMN     "date_of_birth_enc" TEXT,
ADD COLUMN     "deleted_at" TIMESTAMPTZ(3),
ADD COLUMN     "email_bidx" TEXT,
ADD COLUMN     "email_enc" TEXT,
ADD COLUMN     "national_id_bidx" TEXT,
ADD COLUMN     "national_id_enc" TEXT,
ADD COLUMN     "notes" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "phone_bidx" TEXT,
ADD COLUMN     "phone_enc" TEXT,
ADD COLUMN     "postal_code" TEXT,
ADD COLUMN     "preferred_language" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "search_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "search_vector" tsvector,
ADD COLUMN     "updated_by_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "custom_field_definitions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" "CustomFieldType" NOT NULL,
    "options" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "custom_field_definitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" "CaseEventKind" NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "from_status" "CaseStatus",
    "to_status" "CaseStatus",
    "author_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_views" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "resource" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" JSONB NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'VALIDATING',
    "mapping" JSONB NOT NULL,
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "valid_rows" INTEGER NOT NULL DEFAULT 0,
    "invalid_rows" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "imported_rows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_rows" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "data" JSONB,
    "errors" JSONB,
    "duplicate_of" UUID,

    CONSTRAINT "import_rows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "custom_field_definitions_tenant_id_id_key" ON "custom_field_definitions"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "custom_field_definitions_tenant_id_key_key" ON "custom_field_definitions"("tenant_id", "key");

-- CreateIndex
CREATE INDEX "case_events_tenant_id_case_id_created_at_idx" ON "case_events"("tenant_id", "case_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "case_events_tenant_id_id_key" ON "case_events"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "saved_views_tenant_id_resource_user_id_idx" ON "saved_views"("tenant_id", "resource", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "saved_views_tenant_id_id_key" ON "saved_views"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "import_jobs_tenant_id_created_at_idx" ON "import_jobs"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "import_jobs_tenant_id_id_key" ON "import_jobs"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "import_rows_tenant_id_job_id_line_idx" ON "import_rows"("tenant_id", "job_id", "line");

-- CreateIndex
CREATE UNIQUE INDEX "import_rows_tenant_id_id_key" ON "import_rows"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "cases_tenant_id_status_created_at_id_idx" ON "cases"("tenant_id", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "cases_tenant_id_created_at_id_idx" ON "cases"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "cases_tenant_id_citizen_id_created_at_idx" ON "cases"("tenant_id", "citizen_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "cases_tenant_id_assignee_id_status_idx" ON "cases"("tenant_id", "assignee_id", "status");

-- CreateIndex
CREATE INDEX "cases_tenant_id_due_at_idx" ON "cases"("tenant_id", "due_at");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_deleted_at_created_at_id_idx" ON "citizens"("tenant_id", "deleted_at", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "citizens_tenant_id_deleted_at_last_name_first_name_id_idx" ON "citizens"("tenant_id", "deleted_at", "last_name", "first_name", "id");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_deleted_at_updated_at_id_idx" ON "citizens"("tenant_id", "deleted_at", "updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "citizens_tenant_id_email_bidx_idx" ON "citizens"("tenant_id", "email_bidx");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_phone_bidx_idx" ON "citizens"("tenant_id", "phone_bidx");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_national_id_bidx_idx" ON "citizens"("tenant_id", "national_id_bidx");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_date_of_birth_bidx_idx" ON "citizens"("tenant_id", "date_of_birth_bidx");

-- CreateIndex
CREATE INDEX "citizens_tags_idx" ON "citizens" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "citizens_custom_fields_idx" ON "citizens" USING GIN ("custom_fields" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "citizens_search_name_idx" ON "citizens" USING GIN ("search_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "citizens_search_vector_idx" ON "citizens" USING GIN ("search_vector");

-- AddForeignKey
ALTER TABLE "custom_field_definitions" ADD CONSTRAINT "custom_field_definitions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_tenant_id_case_id_fkey" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_tenant_id_job_id_fkey" FOREIGN KEY ("tenant_id", "job_id") REFERENCES "import_jobs"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ===========================================================================================
-- Hand-written below: search columns kept by a trigger, row-level security on the new tables.
-- ===========================================================================================

-- The text-search configuration for a citizen's preferred language (ISO 639-1); names are
-- indexed with 'simple' (no stemming: "Jansen" must not become "jans"), notes with the
-- language's own stemmer so "requests" finds "request".
CREATE FUNCTION citizen_search_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lower(coalesce(lang, ''))
    WHEN 'en' THEN 'english' WHEN 'nl' THEN 'dutch' WHEN 'fr' THEN 'french' WHEN 'de' THEN 'german'
    WHEN 'es' THEN 'spanish' WHEN 'it' THEN 'italian' WHEN 'pt' THEN 'portuguese' WHEN 'sv' THEN 'swedish'
    WHEN 'da' THEN 'danish' WHEN 'fi' THEN 'finnish' WHEN 'no' THEN 'norwegian' WHEN 'ru' THEN 'russian'
    ELSE 'simple' END::regconfig
$$;

-- search_name (trigram fuzzy search) and search_vector (full text), recomputed only when a
-- column they are made of changes.
CREATE FUNCTION citizens_search_fields() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  full_name text := unaccent(coalesce(NEW.first_name, '') || ' ' || coalesce(NEW.last_name, ''));
BEGIN
  NEW.search_name := lower(full_name);
  NEW.search_vector :=
    setweight(to_tsvector('simple', full_name), 'A') ||
    setweight(to_tsvector('simple', unaccent(concat_ws(' ', NEW.city, NEW.postal_code, NEW.address_line1, array_to_string(NEW.tags, ' ')))), 'B') ||
    setweight(to_tsvector(citizen_search_config(NEW.preferred_language), coalesce(NEW.notes, '')), 'C');
  RETURN NEW;
END
$$;
CREATE TRIGGER citizens_search_fields
  BEFORE INSERT OR UPDATE OF first_name, last_name, city, postal_code, address_line1, tags, notes, preferred_language
  ON citizens FOR EACH ROW EXECUTE FUNCTION citizens_search_fields();
-- Existing rows (the demo data) get their search columns now.
UPDATE citizens SET first_name = first_name;

-- Row-level security on the new tenant-owned tables (see the tenant_isolation migration).
ALTER TABLE custom_field_definitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_field_definitions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON custom_field_definitions FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON case_events FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_views FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON saved_views FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_jobs FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE import_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_rows FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
