-- AlterTable
ALTER TABLE "User" ADD COLUMN     "storedFeedback" INTEGER NOT NULL DEFAULT 0;

-- Existing feedback counts against the new quota.
UPDATE "User" SET "storedFeedback" = (SELECT COUNT(*) FROM "Interaction" i WHERE i."userId" = "User"."id");
