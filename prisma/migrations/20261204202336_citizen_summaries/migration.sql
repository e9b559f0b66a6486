-- CreateTable
CREATE TABLE "citizen_summaries" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "citizen_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "citations" JSONB NOT NULL DEFAULT '[]',
    "source_version" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "citizen_summaries_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "citizen_summaries_tenant_id_citizen_id_key" ON "citizen_summaries"("tenant_id", "citizen_id");

-- AddForeignKey
ALTER TABLE "citizen_summaries" ADD CONSTRAINT "citizen_summaries_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citizen_summaries" ADD CONSTRAINT "citizen_summaries_tenant_id_citizen_id_fkey" FOREIGN KEY ("tenant_id", "citizen_id") REFERENCES "citizens"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (written by hand, like 20261121235724_tenant_isolation): only the rows of
-- the tenant set for the transaction are visible or writable.
ALTER TABLE "citizen_summaries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "citizen_summaries" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "citizen_summaries" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
