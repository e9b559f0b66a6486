-- CreateTable
CREATE TABLE "classification_runs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "created_by_id" UUID,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL,
    "batch_id" TEXT,
    "reservation_id" UUID,
    "batches" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "credits_used" BIGINT NOT NULL DEFAULT 0,
    "failure" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "undone_at" TIMESTAMPTZ(3),

    CONSTRAINT "classification_runs_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "classification_run_items" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "suggestion" JSONB,
    "error_type" TEXT,
    "before" JSONB,
    "applied_version" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "classification_run_items_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "classification_runs_tenant_id_created_at_idx" ON "classification_runs"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "classification_run_items_tenant_id_case_id_idx" ON "classification_run_items"("tenant_id", "case_id");

-- CreateIndex
CREATE UNIQUE INDEX "classification_run_items_tenant_id_run_id_case_id_key" ON "classification_run_items"("tenant_id", "run_id", "case_id");

-- AddForeignKey
ALTER TABLE "classification_runs" ADD CONSTRAINT "classification_runs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "classification_run_items" ADD CONSTRAINT "classification_run_items_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "classification_run_items" ADD CONSTRAINT "classification_run_items_tenant_id_run_id_fkey" FOREIGN KEY ("tenant_id", "run_id") REFERENCES "classification_runs"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "classification_run_items" ADD CONSTRAINT "classification_run_items_tenant_id_case_id_fkey" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (written by hand, like 20261121235724_tenant_isolation): only the rows of
-- the tenant set for the transaction are visible or writable.
ALTER TABLE "classification_runs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "classification_runs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "classification_runs" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
ALTER TABLE "classification_run_items" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "classification_run_items" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "classification_run_items" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
