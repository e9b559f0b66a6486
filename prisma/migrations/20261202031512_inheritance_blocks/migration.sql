-- CreateTable
CREATE TABLE "inheritance_blocks" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inheritance_blocks_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "inheritance_blocks_user_id_idx" ON "inheritance_blocks"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "inheritance_blocks_tenant_id_user_id_key" ON "inheritance_blocks"("tenant_id", "user_id");

-- AddForeignKey
ALTER TABLE "inheritance_blocks" ADD CONSTRAINT "inheritance_blocks_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inheritance_blocks" ADD CONSTRAINT "inheritance_blocks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security (written by hand, like 20261121235724_tenant_isolation): rows and writes
-- of the tenant set for the transaction; and, for reading only, the rows about the signed-in
-- person (app.user_id), so the list of tenants they can open can leave out a blocked child
-- without any tenant being chosen yet.
ALTER TABLE "inheritance_blocks" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "inheritance_blocks" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "inheritance_blocks" FOR ALL TO PUBLIC
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY own_rows ON "inheritance_blocks" FOR SELECT TO PUBLIC
  USING (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid);
