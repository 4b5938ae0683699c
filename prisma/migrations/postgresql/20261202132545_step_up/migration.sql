-- AlterTable
ALTER TABLE "Role" ADD COLUMN     "stepUpMinutes" INTEGER;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "idpAuthenticatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "LoginTicket" ADD COLUMN     "idpAuthenticatedAt" TIMESTAMP(3);

