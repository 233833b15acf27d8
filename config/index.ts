export { limits, type Limits } from "./limits.ts";
export { readEnv, DEFAULT_DATABASE_URL, type AppEnv, type DatabasePool } from "./env.ts";
