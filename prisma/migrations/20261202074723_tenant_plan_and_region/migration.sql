-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('FREE', 'PRO', 'ENTERPRISE');

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "data_region" TEXT NOT NULL DEFAULT 'eu',
ADD COLUMN     "plan" "Plan" NOT NULL DEFAULT 'FREE';
