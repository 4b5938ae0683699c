-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT NOT NULL,
    "ticket" TEXT,
    "durationSeconds" INTEGER NOT NULL,
    "viaGroups" TEXT NOT NULL,
    "approverGroups" TEXT NOT NULL,
    "approvalsRequired" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "closedAt" DATETIME,
    "closedBy" TEXT,
    CONSTRAINT "AccessRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccessRequest_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccessDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccessDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Role" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "description" TEXT,
    "maxSessionDuration" INTEGER NOT NULL DEFAULT 3600,
    "samlProviderName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "requireReason" BOOLEAN NOT NULL DEFAULT false,
    "defaultSessionDuration" INTEGER,
    "sessionDurationLimit" INTEGER,
    "readOnlyFirst" BOOLEAN NOT NULL DEFAULT false,
    "approvalsRequired" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Role_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Role" ("accountId", "createdAt", "defaultSessionDuration", "description", "id", "maxSessionDuration", "name", "path", "readOnlyFirst", "requireReason", "samlProviderName", "sessionDurationLimit", "updatedAt") SELECT "accountId", "createdAt", "defaultSessionDuration", "description", "id", "maxSessionDuration", "name", "path", "readOnlyFirst", "requireReason", "samlProviderName", "sessionDurationLimit", "updatedAt" FROM "Role";
DROP TABLE "Role";
ALTER TABLE "new_Role" RENAME TO "Role";
CREATE UNIQUE INDEX "Role_accountId_name_key" ON "Role"("accountId", "name");
CREATE TABLE "new_GroupMapping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "group" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "maxDurationSeconds" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'standing',
    "approverGroup" TEXT,
    "maxGrantSeconds" INTEGER,
    CONSTRAINT "GroupMapping_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_GroupMapping" ("createdAt", "group", "id", "maxDurationSeconds", "roleId", "updatedAt") SELECT "createdAt", "group", "id", "maxDurationSeconds", "roleId", "updatedAt" FROM "GroupMapping";
DROP TABLE "GroupMapping";
ALTER TABLE "new_GroupMapping" RENAME TO "GroupMapping";
CREATE INDEX "GroupMapping_roleId_idx" ON "GroupMapping"("roleId");
CREATE UNIQUE INDEX "GroupMapping_group_roleId_key" ON "GroupMapping"("group", "roleId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AccessRequest_userId_status_idx" ON "AccessRequest"("userId", "status");

-- CreateIndex
CREATE INDEX "AccessRequest_status_expiresAt_idx" ON "AccessRequest"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "AccessRequest_roleId_status_idx" ON "AccessRequest"("roleId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AccessDecision_requestId_userId_key" ON "AccessDecision"("requestId", "userId");

