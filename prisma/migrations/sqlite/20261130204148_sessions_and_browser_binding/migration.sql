-- AlterTable
ALTER TABLE "User" ADD COLUMN "suspendedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "suspendedBy" TEXT;
ALTER TABLE "User" ADD COLUMN "suspendReason" TEXT;

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "idp" TEXT NOT NULL,
    "groups" TEXT NOT NULL DEFAULT '[]',
    "groupsCheckedAt" DATETIME NOT NULL,
    "authenticatedAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedBy" TEXT,
    "revokeReason" TEXT,
    "clientIp" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LoginTicket" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "browserHash" TEXT,
    "passive" BOOLEAN NOT NULL DEFAULT false,
    "idp" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "username" TEXT NOT NULL,
    "groups" TEXT NOT NULL DEFAULT '[]',
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_LoginTicket" ("createdAt", "email", "expiresAt", "groups", "idp", "name", "subject", "tokenHash", "username") SELECT "createdAt", "email", "expiresAt", "groups", "idp", "name", "subject", "tokenHash", "username" FROM "LoginTicket";
DROP TABLE "LoginTicket";
ALTER TABLE "new_LoginTicket" RENAME TO "LoginTicket";
CREATE INDEX "LoginTicket_expiresAt_idx" ON "LoginTicket"("expiresAt");
CREATE TABLE "new_SamlPendingRequest" (
    "requestId" TEXT NOT NULL PRIMARY KEY,
    "browserHash" TEXT NOT NULL,
    "relayState" TEXT,
    "passive" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_SamlPendingRequest" ("browserHash", "createdAt", "expiresAt", "relayState", "requestId") SELECT "browserHash", "createdAt", "expiresAt", "relayState", "requestId" FROM "SamlPendingRequest";
DROP TABLE "SamlPendingRequest";
ALTER TABLE "new_SamlPendingRequest" RENAME TO "SamlPendingRequest";
CREATE INDEX "SamlPendingRequest_expiresAt_idx" ON "SamlPendingRequest"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Session_userId_expiresAt_idx" ON "Session"("userId", "expiresAt");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

