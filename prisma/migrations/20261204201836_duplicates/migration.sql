-- levenshtein(): the duplicate finder's typo-tolerant name comparison (lib/citizens/duplicates).
CREATE EXTENSION IF NOT EXISTS "fuzzystrmatch";

-- CreateTable
CREATE TABLE "duplicate_candidates" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "citizen_a_id" UUID NOT NULL,
    "citizen_b_id" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "fields" JSONB NOT NULL,
    "blocks" TEXT[],
    "found_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "duplicate_candidates_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "duplicate_dismissals" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "citizen_a_id" UUID NOT NULL,
    "citizen_b_id" UUID NOT NULL,
    "dismissed_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "duplicate_dismissals_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "citizen_merges" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kept_id" UUID NOT NULL,
    "merged_id" UUID NOT NULL,
    "choices" JSONB NOT NULL,
    "kept_before" JSONB NOT NULL,
    "merged_before" JSONB NOT NULL,
    "candidate_before" JSONB,
    "moved_case_ids" UUID[],
    "kept_after_version" INTEGER NOT NULL,
    "merged_after_version" INTEGER NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by_id" UUID,

    CONSTRAINT "citizen_merges_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "duplicate_candidates_tenant_id_score_idx" ON "duplicate_candidates"("tenant_id", "score" DESC);

-- CreateIndex
CREATE INDEX "duplicate_candidates_tenant_id_citizen_b_id_idx" ON "duplicate_candidates"("tenant_id", "citizen_b_id");

-- CreateIndex
CREATE UNIQUE INDEX "duplicate_candidates_tenant_id_citizen_a_id_citizen_b_id_key" ON "duplicate_candidates"("tenant_id", "citizen_a_id", "citizen_b_id");

-- CreateIndex
CREATE UNIQUE INDEX "duplicate_dismissals_tenant_id_citizen_a_id_citizen_b_id_key" ON "duplicate_dismissals"("tenant_id", "citizen_a_id", "citizen_b_id");

-- CreateIndex
CREATE INDEX "citizen_merges_tenant_id_created_at_idx" ON "citizen_merges"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "citizen_merges_tenant_id_merged_id_idx" ON "citizen_merges"("tenant_id", "merged_id");

-- CreateIndex
CREATE INDEX "citizen_merges_tenant_id_kept_id_idx" ON "citizen_merges"("tenant_id", "kept_id");

-- AddForeignKey
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_tenant_id_citizen_a_id_fkey" FOREIGN KEY ("tenant_id", "citizen_a_id") REFERENCES "citizens"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT "duplicate_candidates_tenant_id_citizen_b_id_fkey" FOREIGN KEY ("tenant_id", "citizen_b_id") REFERENCES "citizens"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_tenant_id_citizen_a_id_fkey" FOREIGN KEY ("tenant_id", "citizen_a_id") REFERENCES "citizens"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT "duplicate_dismissals_tenant_id_citizen_b_id_fkey" FOREIGN KEY ("tenant_id", "citizen_b_id") REFERENCES "citizens"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citizen_merges" ADD CONSTRAINT "citizen_merges_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citizen_merges" ADD CONSTRAINT "citizen_merges_tenant_id_kept_id_fkey" FOREIGN KEY ("tenant_id", "kept_id") REFERENCES "citizens"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "citizen_merges" ADD CONSTRAINT "citizen_merges_tenant_id_merged_id_fkey" FOREIGN KEY ("tenant_id", "merged_id") REFERENCES "citizens"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ===========================================================================================
-- Hand-written below: RLS on the three tenant-owned tables (as for every tenant-owned table),
-- and one ordering check per pair table. The blind-index columns already have (tenant_id, <bidx>)
-- indexes, which the scoring uses to count how common a value is; names use citizen_names.
-- ===========================================================================================
ALTER TABLE "duplicate_candidates" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "duplicate_candidates" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "duplicate_candidates" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "duplicate_dismissals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "duplicate_dismissals" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "duplicate_dismissals" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "citizen_merges" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "citizen_merges" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "citizen_merges" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- A pair has one row, with the smaller id first (the finder and the dismissal both order it).
ALTER TABLE "duplicate_candidates" ADD CONSTRAINT duplicate_candidates_ordered CHECK (citizen_a_id < citizen_b_id);
ALTER TABLE "duplicate_dismissals" ADD CONSTRAINT duplicate_dismissals_ordered CHECK (citizen_a_id < citizen_b_id);
