// Custom scalars: ISO-8601 date-times and free-form JSON objects (from graphql-scalars).
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";
import { builder } from "./builder.ts";

builder.addScalarType("DateTime", DateTimeResolver);
builder.addScalarType("JSONObject", JSONObjectResolver);
