-- CreateEnum
CREATE TYPE "AccountRole" AS ENUM ('CUSTOMER', 'DESK');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "role" "AccountRole" NOT NULL DEFAULT 'CUSTOMER';
