export { limits, type Limits } from "./limits.ts";
export { readEnv, DEFAULT_DATABASE_URL, type AppEnv } from "./env.ts";
