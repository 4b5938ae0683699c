-- AlterTable
ALTER TABLE "Role" ADD COLUMN     "defaultSessionDuration" INTEGER,
ADD COLUMN     "requireReason" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sessionDurationLimit" INTEGER;

