-- CreateEnum
CREATE TYPE "CreditLedgerKind" AS ENUM ('grant', 'purchase', 'reserve', 'settle', 'refund', 'expire', 'adjustment');

-- CreateEnum
CREATE TYPE "CreditReservationStatus" AS ENUM ('open', 'settled', 'released');

-- CreateTable
CREATE TABLE "credit_balances" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "balance" BIGINT NOT NULL DEFAULT 0,
    "reserved" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_balances_pkey" PRIMARY KEY ("tenant_id", "id")
);

-- CreateTable
CREATE TABLE "credit_ledger" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" "CreditLedgerKind" NOT NULL,
    "delta" BIGINT NOT NULL,
    "actor_id" UUID,
    "actor_type" TEXT NOT NULL,
    "reason" TEXT,
    "request_id" TEXT,
    "usage_id" UUID,
    "reservation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_ledger_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "credit_reservations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID,
    "feature" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "credits" BIGINT NOT NULL,
    "status" "CreditReservationStatus" NOT NULL DEFAULT 'open',
    "usage_id" UUID,
    "credits_used" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "credit_reservations_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "ai_usage" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID,
    "feature" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "input_tokens" INTEGER NOT NULL,
    "output_tokens" INTEGER NOT NULL,
    "cache_read_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_write_tokens" INTEGER NOT NULL DEFAULT 0,
    "latency_ms" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "request_id" TEXT,
    "batch" BOOLEAN NOT NULL DEFAULT false,
    "reservation_id" UUID,
    "price_input_per_mtok" DECIMAL(12,6) NOT NULL,
    "price_output_per_mtok" DECIMAL(12,6) NOT NULL,
    "price_cache_read_per_mtok" DECIMAL(12,6) NOT NULL,
    "price_cache_write_per_mtok" DECIMAL(12,6) NOT NULL,
    "tier_multiplier" DECIMAL(8,4) NOT NULL,
    "region_multiplier" DECIMAL(8,4) NOT NULL,
    "batch_discount" DECIMAL(8,4) NOT NULL,
    -- tokens × $/MTok = dollars × 10^6; 1 credit = $0.001, so credits = that × 0.001. Only
    -- multiplications: NUMERIC multiplies exactly (no rounding), so lib/usage/pricing.ts can
    -- reproduce the value digit for digit.
    "cost_credits" DECIMAL NOT NULL GENERATED ALWAYS AS (
      ("input_tokens"::numeric * "price_input_per_mtok"
        + "output_tokens"::numeric * "price_output_per_mtok"
        + "cache_read_tokens"::numeric * "price_cache_read_per_mtok"
        + "cache_write_tokens"::numeric * "price_cache_write_per_mtok")
      * "tier_multiplier" * "region_multiplier"
      * (CASE WHEN "batch" THEN "batch_discount" ELSE 1 END) * 0.001
    ) STORED,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_usage_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "model_prices" (
    "id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "input_per_mtok" DECIMAL(12,6) NOT NULL,
    "output_per_mtok" DECIMAL(12,6) NOT NULL,
    "cache_read_per_mtok" DECIMAL(12,6) NOT NULL,
    "cache_write_per_mtok" DECIMAL(12,6) NOT NULL,
    "effective_from" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_prices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "price_multipliers" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DECIMAL(8,4) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "price_multipliers_pkey" PRIMARY KEY ("kind","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "credit_balances_tenant_id_key" ON "credit_balances"("tenant_id");

-- CreateIndex
CREATE INDEX "credit_ledger_tenant_id_created_at_idx" ON "credit_ledger"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "credit_ledger_tenant_id_reservation_id_idx" ON "credit_ledger"("tenant_id", "reservation_id");

-- CreateIndex
CREATE INDEX "credit_reservations_status_heartbeat_at_idx" ON "credit_reservations"("status", "heartbeat_at");

-- CreateIndex
CREATE INDEX "credit_reservations_tenant_id_feature_status_idx" ON "credit_reservations"("tenant_id", "feature", "status");

-- CreateIndex
CREATE INDEX "ai_usage_tenant_id_feature_created_at_idx" ON "ai_usage"("tenant_id", "feature", "created_at");

-- CreateIndex
CREATE INDEX "ai_usage_tenant_id_user_id_feature_created_at_idx" ON "ai_usage"("tenant_id", "user_id", "feature", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "model_prices_model_effective_from_key" ON "model_prices"("model", "effective_from");

-- AddForeignKey
ALTER TABLE "credit_balances" ADD CONSTRAINT "credit_balances_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_reservations" ADD CONSTRAINT "credit_reservations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- Invariants the schema cannot express ----
ALTER TABLE credit_balances ADD CONSTRAINT credit_balances_balance_nonnegative CHECK (balance >= 0);
ALTER TABLE credit_balances ADD CONSTRAINT credit_balances_reserved_nonnegative CHECK (reserved >= 0);
ALTER TABLE credit_reservations ADD CONSTRAINT credit_reservations_credits_positive CHECK (credits >= 0);
ALTER TABLE ai_usage ADD CONSTRAINT ai_usage_tokens_nonnegative
  CHECK (input_tokens >= 0 AND output_tokens >= 0 AND cache_read_tokens >= 0 AND cache_write_tokens >= 0 AND latency_ms >= 0);
ALTER TABLE ai_usage ADD CONSTRAINT ai_usage_outcome CHECK (outcome IN ('ok', 'cancelled', 'error'));

-- The balance follows the ledger: every ledger insert moves it in the same statement, so
-- balance = SUM(delta) always holds. A debit that would take it below zero raises CR402,
-- which lib/credits turns into PaymentRequiredError. Row-locking the balance row serialises
-- concurrent debits of one tenant: "balance >= n" is re-checked on the locked row, so 200
-- concurrent reserves against a balance covering 50 let exactly 50 through.
-- SECURITY DEFINER: the runtime role has no UPDATE on credit_balances at all.
CREATE FUNCTION credit_ledger_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  held bigint := CASE
    WHEN NEW.kind = 'reserve' THEN -NEW.delta
    WHEN NEW.kind = 'refund' AND NEW.reservation_id IS NOT NULL THEN -NEW.delta
    ELSE 0 END;
BEGIN
  IF NEW.delta >= 0 THEN
    INSERT INTO credit_balances AS b (tenant_id, balance, reserved)
      VALUES (NEW.tenant_id, NEW.delta, GREATEST(held, 0))
      ON CONFLICT (tenant_id) DO UPDATE
        SET balance = b.balance + NEW.delta, reserved = b.reserved + held, updated_at = now();
  ELSE
    UPDATE credit_balances
      SET balance = balance + NEW.delta, reserved = reserved + held, updated_at = now()
      WHERE tenant_id = NEW.tenant_id AND balance + NEW.delta >= 0;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'not enough credits' USING ERRCODE = 'CR402';
    END IF;
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION credit_ledger_apply() FROM PUBLIC;
CREATE TRIGGER credit_ledger_apply BEFORE INSERT ON credit_ledger
  FOR EACH ROW EXECUTE FUNCTION credit_ledger_apply();

-- Stale reservations across tenants, for the sweep (a system job: RLS would show it none).
-- Returns ids only; the sweep releases each through the tenant's own scoped transaction.
CREATE FUNCTION credit_stale_reservations(older_than interval, max_rows integer)
RETURNS TABLE (tenant_id uuid, id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.tenant_id, r.id FROM credit_reservations r
  WHERE r.status = 'open' AND r.heartbeat_at < now() - older_than
  ORDER BY r.heartbeat_at LIMIT max_rows
$$;
REVOKE ALL ON FUNCTION credit_stale_reservations(interval, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION credit_stale_reservations(interval, integer) TO civitas_app;

-- Append-only and trigger-only tables for the runtime role.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON credit_balances FROM civitas_app;
REVOKE UPDATE, DELETE, TRUNCATE ON credit_ledger FROM civitas_app;
REVOKE UPDATE, DELETE, TRUNCATE ON ai_usage FROM civitas_app;
-- Prices are read by every call and written by platform admins (the app role, audited).
REVOKE DELETE, TRUNCATE ON model_prices FROM civitas_app;

-- Row-level security on the tenant-owned tables (see the tenant_isolation migration).
ALTER TABLE credit_balances ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_balances FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON credit_balances FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE credit_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON credit_ledger FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE credit_reservations ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_reservations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON credit_reservations FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE ai_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ai_usage FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Current Claude prices ($ per million tokens; cache read 0.1x, cache write 1.25x of input).
INSERT INTO model_prices (id, model, input_per_mtok, output_per_mtok, cache_read_per_mtok, cache_write_per_mtok, effective_from) VALUES
  (gen_random_uuid(), 'claude-haiku-4-5', 1, 5, 0.1, 1.25, '2025-01-01T00:00:00Z'),
  (gen_random_uuid(), 'claude-sonnet-4-5', 3, 15, 0.3, 3.75, '2025-01-01T00:00:00Z'),
  (gen_random_uuid(), 'claude-opus-4-5', 5, 25, 0.5, 6.25, '2025-01-01T00:00:00Z');
INSERT INTO price_multipliers (kind, key, value) VALUES
  ('tier', 'FREE', 1), ('tier', 'PRO', 0.9), ('tier', 'ENTERPRISE', 0.8),
  ('region', 'eu', 1.1), ('region', 'us', 1),
  ('batch', 'discount', 0.5);
