// What the caller has stored against each quota (`me.usage`), and `deletePredictions` to free room.
import { limits } from "../config/index.ts";
import { deletePredictions, quotaUsage, type QuotaUsage } from "../services/index.ts";
import { builder } from "./builder.ts";
import { UserRef } from "./user.ts";

const QuotaUsageRef = builder.objectRef<QuotaUsage>("QuotaUsage").implement({
  description: "One per-user quota: what you use of it. Past it, creating more answers a QuotaError.",
  fields: (t) => ({
    quota: t.exposeString("quota", { description: "circuits, circuitBytes, models, datasets, predictions, predictionBytes, feedback." }),
    used: t.exposeFloat("used"),
    limit: t.exposeFloat("limit"),
  }),
});

builder.objectField(UserRef, "usage", (t) =>
  t.field({
    type: [QuotaUsageRef],
    description: `Your quotas and what you use of them. Stored predictions are kept ${limits.prediction.retentionDays} days.`,
    resolve: (user, _args, context) => quotaUsage(context.db, user.id),
  }),
);

const DeletePredictionsPayload = builder.objectRef<{ deleted: number }>("DeletePredictionsPayload").implement({
  fields: (t) => ({ deleted: t.exposeInt("deleted") }),
});

builder.mutationField("deletePredictions", (t) =>
  t.field({
    type: DeletePredictionsPayload,
    description: "Deletes your stored predictions made before `before` (all of them when omitted), freeing your quota.",
    authScopes: { user: true },
    args: { before: t.arg({ type: "DateTime" }) },
    errors: { directResult: true },
    resolve: async (_root, { before }, context) => ({ deleted: await deletePredictions(context.db, context.viewer!.id, before ?? null) }),
  }),
);
