-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "idpLogout" TEXT,
ADD COLUMN     "idpSessionId" TEXT,
ADD COLUMN     "idpSubject" TEXT;

-- AlterTable
ALTER TABLE "LoginTicket" ADD COLUMN     "idpLogout" TEXT;

-- AlterTable
ALTER TABLE "SamlPendingRequest" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'login';

-- CreateIndex
CREATE INDEX "Session_idp_idpSubject_idx" ON "Session"("idp", "idpSubject");

-- CreateIndex
CREATE INDEX "Session_idp_idpSessionId_idx" ON "Session"("idp", "idpSessionId");

