-- AlterTable
ALTER TABLE "Prediction" ADD COLUMN     "bytes" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "storedPredictionBytes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "storedPredictions" INTEGER NOT NULL DEFAULT 0;

-- Existing predictions count against the new quota.
UPDATE "Prediction" SET "bytes" = octet_length("input"::text) + octet_length("output"::text);
UPDATE "User" SET
  "storedPredictions" = (SELECT COUNT(*) FROM "Prediction" p WHERE p."userId" = "User"."id"),
  "storedPredictionBytes" = (SELECT COALESCE(SUM(p."bytes"), 0) FROM "Prediction" p WHERE p."userId" = "User"."id");
