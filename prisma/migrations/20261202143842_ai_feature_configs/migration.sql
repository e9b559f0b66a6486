-- CreateTable
CREATE TABLE "ai_feature_configs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "feature" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ai_feature_configs_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "ai_feature_configs_settings_idx" ON "ai_feature_configs" USING GIN ("settings" jsonb_path_ops);

-- CreateIndex
CREATE UNIQUE INDEX "ai_feature_configs_tenant_id_feature_key" ON "ai_feature_configs"("tenant_id", "feature");

-- AddForeignKey
ALTER TABLE "ai_feature_configs" ADD CONSTRAINT "ai_feature_configs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (by hand, like 20261202031512_inheritance_blocks): a query that forgets its
-- tenant filter cannot read or change another tenant's AI settings.
ALTER TABLE "ai_feature_configs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ai_feature_configs" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ai_feature_configs" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
