-- CreateTable
CREATE TABLE "briefings" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "time_zone" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'generating',
    "numbers" JSONB NOT NULL DEFAULT '{}',
    "text" TEXT NOT NULL DEFAULT '',
    "model" TEXT,
    "created_by_id" UUID,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "briefings_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "briefings_tenant_id_day_key" ON "briefings"("tenant_id", "day");

-- AddForeignKey
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The claim's states, enforced here so a typo in code cannot leave a day that never completes.
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_status_check" CHECK ("status" IN ('generating', 'ready'));

-- Row-level security (written by hand, like 20261121235724_tenant_isolation): only the rows of
-- the tenant set for the transaction are visible or writable.
ALTER TABLE "briefings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "briefings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "briefings" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
