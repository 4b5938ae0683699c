-- AlterTable
ALTER TABLE "Session" ADD COLUMN "idpLogout" TEXT;
ALTER TABLE "Session" ADD COLUMN "idpSessionId" TEXT;
ALTER TABLE "Session" ADD COLUMN "idpSubject" TEXT;

-- AlterTable
ALTER TABLE "LoginTicket" ADD COLUMN "idpLogout" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SamlPendingRequest" (
    "requestId" TEXT NOT NULL PRIMARY KEY,
    "browserHash" TEXT NOT NULL,
    "relayState" TEXT,
    "passive" BOOLEAN NOT NULL DEFAULT false,
    "kind" TEXT NOT NULL DEFAULT 'login',
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_SamlPendingRequest" ("browserHash", "createdAt", "expiresAt", "passive", "relayState", "requestId") SELECT "browserHash", "createdAt", "expiresAt", "passive", "relayState", "requestId" FROM "SamlPendingRequest";
DROP TABLE "SamlPendingRequest";
ALTER TABLE "new_SamlPendingRequest" RENAME TO "SamlPendingRequest";
CREATE INDEX "SamlPendingRequest_expiresAt_idx" ON "SamlPendingRequest"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Session_idp_idpSubject_idx" ON "Session"("idp", "idpSubject");

-- CreateIndex
CREATE INDEX "Session_idp_idpSessionId_idx" ON "Session"("idp", "idpSessionId");

