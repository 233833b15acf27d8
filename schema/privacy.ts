// The caller's data rights: `exportMyData` (an export job that writes everything stored about
// them to a file, page by page; `exportJob` gives its progress and a short-lived download URL)
// and `deleteMe`.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { limits } from "../config/index.ts";
import { deleteUserData, findOwnExport, openExportStore, NotFoundError, runExport, signedDownload, startExport, type ExportJobRecord } from "../services/index.ts";
import { builder } from "./builder.ts";
import type { Context } from "./context.ts";
import { localId } from "./global-ids.ts";

const ExportStatusEnum = builder.enumType("ExportStatus", { values: { QUEUED: {}, RUNNING: {}, SUCCEEDED: {}, FAILED: {} } as const });

const DownloadRef = builder.objectRef<{ url: string; expiresAt: Date }>("Download").implement({
  fields: (t) => ({
    url: t.exposeString("url", { description: "GET it (no key needed) to download the file, JSON lines: one record per line, the first naming the format." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
  }),
});

const ExportJobRef = builder.objectRef<ExportJobRecord>("ExportJob").implement({
  description: `An export of everything stored about you (profile, key names, circuits, models and versions, datasets and examples, feedback, jobs, predictions, personal parameters), kept ${limits.export.keepDays} days.`,
  fields: (t) => ({
    id: t.id({ resolve: (job) => encodeGlobalID("ExportJob", job.id) }),
    status: t.field({ type: ExportStatusEnum, resolve: (job) => job.status as "QUEUED" }),
    rows: t.exposeInt("rows", { description: "Records written so far." }),
    bytes: t.exposeInt("bytes"),
    error: t.exposeString("error", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
    download: t.field({
      type: DownloadRef,
      nullable: true,
      description: `Once SUCCEEDED: a signed URL that works for ${limits.export.urlSeconds / 60} minutes (ask again for a fresh one).`,
      resolve: async (job, _args, context) => {
        if (job.status !== "SUCCEEDED") return null;
        // From the store itself when it can sign (S3), else through our own signed route.
        const direct = await (await openExportStore(context.exports)).presignedUrl(job.id, limits.export.urlSeconds);
        return direct ? { url: direct, expiresAt: new Date(Date.now() + limits.export.urlSeconds * 1_000) } : signedDownload(job, context.exports.publicUrl, context.exports.signingSecret);
      },
    }),
  }),
});

const ExportPayload = builder.objectRef<{ job: ExportJobRecord }>("ExportPayload").implement({
  fields: (t) => ({ job: t.field({ type: ExportJobRef, resolve: (p) => p.job }) }),
});

builder.mutationField("exportMyData", (t) =>
  t.field({
    type: ExportPayload,
    description: "Starts an export of everything Superpose stores about you (one at a time); follow it with exportJob.",
    authScopes: { user: true },
    errors: { directResult: true },
    resolve: async (_root, _args, context) => {
      const job = await startExport(context.db, context.viewer!.id);
      await launch(context, job.id);
      return { job };
    },
  }),
);

builder.queryField("exportJob", (t) =>
  t.field({
    type: ExportJobRef,
    description: "One of your exports: its progress and, once done, its download.",
    authScopes: { user: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, { id }, context) => findOwnExport(context.db, context.viewer!.id, localId(String(id), "ExportJob")),
  }),
);

/** The export runs outside the request: in the exportData worker, or in this process's background. */
async function launch(context: Context, jobId: string): Promise<void> {
  if (context.workers) {
    await context.workers.start("exportData", { jobId });
    return;
  }
  const store = await openExportStore(context.exports);
  void runExport(context.db, jobId, store).catch(() => undefined); // failures are recorded on the job
}

builder.mutationField("deleteMe", (t) =>
  t.boolean({
    description: "Deletes your account and everything it owns, in one transaction. Your API keys stop working at once.",
    authScopes: { user: true },
    resolve: async (_root, _args, context) => {
      await deleteUserData(context.db, context.viewer!.id, await openExportStore(context.exports));
      return true;
    },
  }),
);
