// The caller's data rights: `exportMyData` (everything stored about them) and `deleteMe`.
import { deleteUserData, exportUserData } from "../services/index.ts";
import { builder } from "./builder.ts";

builder.queryField("exportMyData", (t) =>
  t.field({
    type: "JSONObject",
    description: "Everything Superpose stores about you: profile, key prefixes, circuits, models, datasets, feedback, jobs, predictions, personal parameters.",
    authScopes: { user: true },
    resolve: (_root, _args, context) => exportUserData(context.db, context.viewer!.id),
  }),
);

builder.mutationField("deleteMe", (t) =>
  t.boolean({
    description: "Deletes your account and everything it owns, in one transaction. Your API keys stop working at once.",
    authScopes: { user: true },
    resolve: async (_root, _args, context) => {
      await deleteUserData(context.db, context.viewer!.id);
      return true;
    },
  }),
);
