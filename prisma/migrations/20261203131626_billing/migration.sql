-- CreateEnum
CREATE TYPE "BillingGrantSource" AS ENUM ('invoice', 'credit_pack');

-- CreateTable
CREATE TABLE "billing_accounts" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "stripe_customer_id" TEXT,
    "stripe_subscription_id" TEXT,
    "subscription_status" TEXT,
    "current_period_end" TIMESTAMPTZ(3),
    "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
    "past_due_since" TIMESTAMPTZ(3),
    "subscription_event_at" INTEGER,
    "synced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_accounts_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "billing_credit_grants" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "source" "BillingGrantSource" NOT NULL,
    "stripe_object_id" TEXT NOT NULL,
    "credits" BIGINT NOT NULL,
    "clawed_back" BIGINT NOT NULL DEFAULT 0,
    "shortfall" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_credit_grants_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "stripe_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "applied_tenant_id" UUID,
    "outcome" TEXT NOT NULL,
    "created_at_stripe" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "billing_accounts_tenant_id_stripe_customer_id_key" ON "billing_accounts"("tenant_id", "stripe_customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "billing_credit_grants_tenant_id_stripe_object_id_key" ON "billing_credit_grants"("tenant_id", "stripe_object_id");

-- AddForeignKey
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_credit_grants" ADD CONSTRAINT "billing_credit_grants_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One Stripe customer per tenant (lib/billing also keys its account row by the tenant's id).
CREATE UNIQUE INDEX "billing_accounts_one_customer_per_tenant" ON "billing_accounts"("tenant_id")
  WHERE stripe_customer_id IS NOT NULL;

-- A refund never takes back more than the grant gave, nor records a negative shortfall.
ALTER TABLE "billing_credit_grants" ADD CONSTRAINT "billing_credit_grants_amounts_check"
  CHECK (credits > 0 AND clawed_back >= 0 AND shortfall >= 0 AND clawed_back + shortfall <= credits);

-- The webhook learns a tenant from the Stripe customer of the object it re-read; RLS would show
-- it no billing account before it knows the tenant. Returns the tenant id only, and only when
-- exactly one tenant has that customer (the unique constraints include tenant_id, so a customer
-- id cannot be unique on its own; we create one customer per tenant, never shared).
CREATE FUNCTION billing_tenant_of_customer(customer_id text)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE WHEN count(*) = 1 THEN min(a.tenant_id::text)::uuid END
  FROM billing_accounts a WHERE a.stripe_customer_id = customer_id
$$;
REVOKE ALL ON FUNCTION billing_tenant_of_customer(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION billing_tenant_of_customer(text) TO civitas_app;

-- stripe_events is platform-level (see schema.prisma): the runtime role only appends to it.
REVOKE UPDATE, DELETE, TRUNCATE ON stripe_events FROM civitas_app;

-- Row-level security on the tenant-owned tables (see the tenant_isolation migration).
ALTER TABLE billing_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing_accounts FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE billing_credit_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_credit_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing_credit_grants FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
