-- The tenant's locale and time zone (issue #13: one format per kind of value). Existing tenants
-- keep what the UI mostly showed until now: US English, UTC.
-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en-US',
ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'UTC';
