-- CreateTable
CREATE TABLE "GramBlock" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "firstRow" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "values" BYTEA NOT NULL,

    CONSTRAINT "GramBlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GramBlock_jobId_firstRow_key" ON "GramBlock"("jobId", "firstRow");

-- AddForeignKey
ALTER TABLE "GramBlock" ADD CONSTRAINT "GramBlock_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "TrainingJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
