-- AlterTable: existing circuits count their bytes of UTF-8.
ALTER TABLE "Circuit" ADD COLUMN     "sourceBytes" INTEGER NOT NULL DEFAULT 0;
UPDATE "Circuit" SET "sourceBytes" = octet_length("source");

-- AlterTable
ALTER TABLE "TrainingJob" ADD COLUMN     "activeModelId" TEXT;

-- A running job marks its model (the newest, where a race once started two).
UPDATE "TrainingJob" SET "activeModelId" = "modelId"
WHERE "status" IN ('QUEUED', 'RUNNING')
  AND "id" = (SELECT t."id" FROM "TrainingJob" t WHERE t."modelId" = "TrainingJob"."modelId" AND t."status" IN ('QUEUED', 'RUNNING') ORDER BY t."createdAt" DESC, t."id" DESC LIMIT 1);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingJob_activeModelId_key" ON "TrainingJob"("activeModelId");
