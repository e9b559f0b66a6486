-- CreateTable
CREATE TABLE "credit_allowances" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "plan" "Plan" NOT NULL,
    "credits" BIGINT NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_allowances_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "credit_allowances_tenant_id_month_key" ON "credit_allowances"("tenant_id", "month");

-- AddForeignKey
ALTER TABLE "credit_allowances" ADD CONSTRAINT "credit_allowances_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "credit_allowances" ADD CONSTRAINT "credit_allowances_credits_positive" CHECK (credits > 0);
ALTER TABLE "credit_allowances" ADD CONSTRAINT "credit_allowances_month_first_day" CHECK (extract(day FROM month) = 1);

-- Append-only for the runtime role: a month's allowance, once granted, is history.
REVOKE UPDATE, DELETE, TRUNCATE ON credit_allowances FROM civitas_app;

-- Row-level security (see the tenant_isolation migration).
ALTER TABLE credit_allowances ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_allowances FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON credit_allowances FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
