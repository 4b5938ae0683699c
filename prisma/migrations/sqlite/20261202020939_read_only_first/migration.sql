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
    CONSTRAINT "Role_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Role" ("accountId", "createdAt", "defaultSessionDuration", "description", "id", "maxSessionDuration", "name", "path", "requireReason", "samlProviderName", "sessionDurationLimit", "updatedAt") SELECT "accountId", "createdAt", "defaultSessionDuration", "description", "id", "maxSessionDuration", "name", "path", "requireReason", "samlProviderName", "sessionDurationLimit", "updatedAt" FROM "Role";
DROP TABLE "Role";
ALTER TABLE "new_Role" RENAME TO "Role";
CREATE UNIQUE INDEX "Role_accountId_name_key" ON "Role"("accountId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

