-- CreateIndex
CREATE INDEX "cases_title_idx" ON "cases" USING GIN ("title" gin_trgm_ops);
