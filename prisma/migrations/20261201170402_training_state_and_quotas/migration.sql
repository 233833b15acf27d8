-- AlterTable
ALTER TABLE "TrainingJob" ADD COLUMN "activeModelId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Circuit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceBytes" INTEGER NOT NULL DEFAULT 0,
    "format" TEXT NOT NULL,
    "numQubits" INTEGER NOT NULL,
    "numClbits" INTEGER NOT NULL,
    "depth" INTEGER NOT NULL,
    "gateCount" INTEGER NOT NULL,
    "parameters" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Circuit_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Existing circuits count their bytes of UTF-8.
INSERT INTO "new_Circuit" ("createdAt", "depth", "format", "gateCount", "id", "name", "numClbits", "numQubits", "ownerId", "parameters", "source", "sourceBytes", "updatedAt") SELECT "createdAt", "depth", "format", "gateCount", "id", "name", "numClbits", "numQubits", "ownerId", "parameters", "source", length(CAST("source" AS BLOB)), "updatedAt" FROM "Circuit";
DROP TABLE "Circuit";
ALTER TABLE "new_Circuit" RENAME TO "Circuit";
CREATE INDEX "Circuit_ownerId_createdAt_idx" ON "Circuit"("ownerId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- A running job marks its model (the newest, where a race once started two).
UPDATE "TrainingJob" SET "activeModelId" = "modelId"
WHERE "status" IN ('QUEUED', 'RUNNING')
  AND "id" = (SELECT t."id" FROM "TrainingJob" t WHERE t."modelId" = "TrainingJob"."modelId" AND t."status" IN ('QUEUED', 'RUNNING') ORDER BY t."createdAt" DESC, t."id" DESC LIMIT 1);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingJob_activeModelId_key" ON "TrainingJob"("activeModelId");
