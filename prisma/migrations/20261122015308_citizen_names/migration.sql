-- CreateTable
CREATE TABLE "citizen_names" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "search_name" TEXT NOT NULL,
    "citizens" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "citizen_names_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "citizen_names_search_name_idx" ON "citizen_names" USING GIN ("search_name" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "citizen_names_tenant_id_search_name_key" ON "citizen_names"("tenant_id", "search_name");

-- CreateIndex
CREATE INDEX "citizens_tenant_id_search_name_idx" ON "citizens"("tenant_id", "search_name");

-- AddForeignKey
ALTER TABLE "citizen_names" ADD CONSTRAINT "citizen_names_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ===========================================================================================
-- Hand-written below: the statement triggers that keep citizen_names, its backfill, and RLS.
-- ===========================================================================================

-- One aggregate per statement (transition tables), so a 100,000-row import adds each distinct
-- name once instead of firing 100,000 row triggers. Rows are upserted in key order so
-- concurrent statements lock names in the same order (no deadlock between them). Counts that
-- reach 0 stay as rows with citizens = 0; the search ignores them.
CREATE FUNCTION citizen_names_apply() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO citizen_names (id, tenant_id, search_name, citizens)
    SELECT gen_random_uuid(), tenant_id, search_name, count(*)::int FROM new_rows WHERE deleted_at IS NULL
     GROUP BY tenant_id, search_name ORDER BY tenant_id, search_name
    ON CONFLICT (tenant_id, search_name) DO UPDATE SET citizens = citizen_names.citizens + excluded.citizens;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO citizen_names (id, tenant_id, search_name, citizens)
    SELECT gen_random_uuid(), tenant_id, search_name, sum(d)::int FROM (
      SELECT tenant_id, search_name, -1 AS d FROM old_rows WHERE deleted_at IS NULL
      UNION ALL
      SELECT tenant_id, search_name, 1 AS d FROM new_rows WHERE deleted_at IS NULL
    ) changes
     GROUP BY tenant_id, search_name HAVING sum(d) <> 0 ORDER BY tenant_id, search_name
    ON CONFLICT (tenant_id, search_name) DO UPDATE SET citizens = citizen_names.citizens + excluded.citizens;
  ELSE
    INSERT INTO citizen_names (id, tenant_id, search_name, citizens)
    SELECT gen_random_uuid(), tenant_id, search_name, -count(*)::int FROM old_rows WHERE deleted_at IS NULL
     GROUP BY tenant_id, search_name ORDER BY tenant_id, search_name
    ON CONFLICT (tenant_id, search_name) DO UPDATE SET citizens = citizen_names.citizens + excluded.citizens;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER citizen_names_insert AFTER INSERT ON citizens REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION citizen_names_apply();
CREATE TRIGGER citizen_names_update AFTER UPDATE ON citizens REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION citizen_names_apply();
CREATE TRIGGER citizen_names_delete AFTER DELETE ON citizens REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION citizen_names_apply();

INSERT INTO citizen_names (id, tenant_id, search_name, citizens)
SELECT gen_random_uuid(), tenant_id, search_name, count(*)::int FROM citizens WHERE deleted_at IS NULL GROUP BY tenant_id, search_name;

ALTER TABLE citizen_names ENABLE ROW LEVEL SECURITY;
ALTER TABLE citizen_names FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON citizen_names FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
