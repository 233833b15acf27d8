// Builds the GraphQL schema from the type files (one per domain type) registered on the builder.
import { builder } from "./builder.ts";
import "./scalars.ts";
import "./errors.ts";
import "./health.ts";
import "./user.ts";
import "./circuit.ts";
import "./simulation.ts";
import "./portfolio.ts";
import "./model.ts";
import "./dataset.ts";
import "./training.ts";
import "./prediction.ts";
import "./personalization.ts";
import "./privacy.ts";
import "./api-key.ts";
import "./usage.ts";

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: true });
export type { Context } from "./context.ts";
