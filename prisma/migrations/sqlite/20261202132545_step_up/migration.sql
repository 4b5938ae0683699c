-- AlterTable
ALTER TABLE "Role" ADD COLUMN "stepUpMinutes" INTEGER;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "idpAuthenticatedAt" DATETIME;

-- AlterTable
ALTER TABLE "LoginTicket" ADD COLUMN "idpAuthenticatedAt" DATETIME;

