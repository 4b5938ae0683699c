-- AlterTable
ALTER TABLE "User" ADD COLUMN     "preferredDestination" TEXT;

