-- DropIndex
DROP INDEX "Example_datasetId_createdAt_idx";

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "name" TEXT NOT NULL DEFAULT 'default';

-- AlterTable: existing examples are numbered in the order training read them (createdAt, then id).
ALTER TABLE "Example" ADD COLUMN     "position" INTEGER;
UPDATE "Example" AS e SET "position" = n."position"
FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "datasetId" ORDER BY "createdAt", "id") - 1 AS "position" FROM "Example") AS n
WHERE e."id" = n."id";
ALTER TABLE "Example" ALTER COLUMN "position" SET NOT NULL;

-- AlterTable
ALTER TABLE "TrainingJob" ADD COLUMN     "exampleCount" INTEGER;

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- CreateIndex
CREATE UNIQUE INDEX "Example_datasetId_position_key" ON "Example"("datasetId", "position");
