-- CreateTable
CREATE TABLE "GramBlock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "firstRow" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "values" BLOB NOT NULL,
    CONSTRAINT "GramBlock_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "TrainingJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "GramBlock_jobId_firstRow_key" ON "GramBlock"("jobId", "firstRow");
