-- Invalid import rows keep their values (issue #13: the report shows them beside the line
-- number). PII cells are ciphertexts, like import_rows.data's; the table's RLS policy covers
-- the new column.
-- AlterTable
ALTER TABLE "import_rows" ADD COLUMN     "cells" JSONB;
