-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Prediction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "usedPersonalParameters" BOOLEAN NOT NULL DEFAULT false,
    "input" JSONB NOT NULL,
    "output" JSONB NOT NULL,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "latencyMs" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Prediction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Prediction_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Prediction" ("createdAt", "id", "input", "latencyMs", "modelVersionId", "output", "usedPersonalParameters", "userId") SELECT "createdAt", "id", "input", "latencyMs", "modelVersionId", "output", "usedPersonalParameters", "userId" FROM "Prediction";
DROP TABLE "Prediction";
ALTER TABLE "new_Prediction" RENAME TO "Prediction";
CREATE INDEX "Prediction_userId_createdAt_idx" ON "Prediction"("userId", "createdAt");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "preferences" JSONB NOT NULL,
    "features" JSONB NOT NULL,
    "consentPersonalization" BOOLEAN NOT NULL DEFAULT false,
    "consentSharedTraining" BOOLEAN NOT NULL DEFAULT false,
    "consentUpdatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "storedPredictions" INTEGER NOT NULL DEFAULT 0,
    "storedPredictionBytes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("consentPersonalization", "consentSharedTraining", "consentUpdatedAt", "createdAt", "displayName", "features", "id", "preferences", "updatedAt") SELECT "consentPersonalization", "consentSharedTraining", "consentUpdatedAt", "createdAt", "displayName", "features", "id", "preferences", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Existing predictions count against the new quota.
UPDATE "Prediction" SET "bytes" = length(CAST("input" AS TEXT)) + length(CAST("output" AS TEXT));
UPDATE "User" SET
  "storedPredictions" = (SELECT COUNT(*) FROM "Prediction" p WHERE p."userId" = "User"."id"),
  "storedPredictionBytes" = (SELECT COALESCE(SUM(p."bytes"), 0) FROM "Prediction" p WHERE p."userId" = "User"."id");
