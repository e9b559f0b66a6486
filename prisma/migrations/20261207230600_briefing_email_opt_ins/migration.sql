-- CreateTable
CREATE TABLE "briefing_email_opt_ins" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "briefing_email_opt_ins_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "briefing_email_opt_ins_tenant_id_user_id_key" ON "briefing_email_opt_ins"("tenant_id", "user_id");

-- CreateIndex
CREATE INDEX "briefing_email_opt_ins_user_id_idx" ON "briefing_email_opt_ins"("user_id");

-- AddForeignKey
ALTER TABLE "briefing_email_opt_ins" ADD CONSTRAINT "briefing_email_opt_ins_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "briefing_email_opt_ins" ADD CONSTRAINT "briefing_email_opt_ins_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (written by hand, like 20261121235724_tenant_isolation): only the rows of
-- the tenant set for the transaction are visible or writable.
ALTER TABLE "briefing_email_opt_ins" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "briefing_email_opt_ins" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "briefing_email_opt_ins" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
