// Lambda runs a handler module's top level in the instance's init phase: before its first
// invocation, ahead of any invocation with provisioned concurrency, and sometimes proactively (AWS
// initializes instances before they are needed). Work done there is off the first request's path.
// Only in Lambda (and serverless-offline), never when a test imports a handler; never fatal: a
// failure leaves the work to the first request, which retries it and reports the error; and never
// longer than limits.database.initWaitMs: work still running then goes on while the init ends.
import { limits, readEnv } from "../../config/index.ts";
import { logger } from "../../services/index.ts";
import { warmDatabase } from "./warm-database.ts";

export async function duringInit(work: () => Promise<unknown>, waitMs = limits.database.initWaitMs): Promise<void> {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) return;
  const done = work().then(
    () => "done" as const,
    (error: unknown) => logger.warn({ err: error }, "init: warm-up failed; the first request will try again"),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(resolve, waitMs, "late")));
  if ((await Promise.race([done, late])) === "late") logger.warn({ waitMs }, "init: warm-up still running; the init ends without it");
  clearTimeout(timer);
}

/**
 * The database, ready: Prisma's query engine started (its WebAssembly query compiler built from
 * the schema), one connection open, and the compiler's path for model queries run once (the
 * first model query of a process costs ~15 ms more than the next one of a new shape), by a
 * read of a row that cannot exist.
 */
export async function openDatabase(): Promise<void> {
  const db = await warmDatabase(readEnv());
  await db.user.findUnique({ where: { id: "" }, select: { id: true } });
}
