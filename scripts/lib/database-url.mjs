// Which database a URL names, shared by the migration tool and the app (services/db.ts mirrors it).
export const DEFAULT_DATABASE_URL = "file:./data/dev.db";

/** "postgres" for postgres:// and postgresql:// URLs, "sqlite" for everything else (file:...). */
export function databaseKind(url) {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** The URL with its password hidden, for logs. */
export function redactUrl(url) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
