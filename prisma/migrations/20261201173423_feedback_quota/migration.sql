-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "storedFeedback" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("consentPersonalization", "consentSharedTraining", "consentUpdatedAt", "createdAt", "displayName", "features", "id", "preferences", "storedPredictionBytes", "storedPredictions", "updatedAt") SELECT "consentPersonalization", "consentSharedTraining", "consentUpdatedAt", "createdAt", "displayName", "features", "id", "preferences", "storedPredictionBytes", "storedPredictions", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Existing feedback counts against the new quota.
UPDATE "User" SET "storedFeedback" = (SELECT COUNT(*) FROM "Interaction" i WHERE i."userId" = "User"."id");
