-- AlterTable
ALTER TABLE "Role" ADD COLUMN     "readOnlyFirst" BOOLEAN NOT NULL DEFAULT false;

