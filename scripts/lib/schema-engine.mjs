// Loads Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm) and connects it to a
// database through the official driver adapters, with the fixes the adapter glue needs today.
// Why: Prisma 7's `migrate` commands need a native engine downloaded from a host we cannot reach.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

/** Instantiates the engine by hand: its package entry uses a `.wasm` ESM import Node 20 cannot load. */
export async function loadSchemaEngineClass() {
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(gluePath);
  const module = new WebAssembly.Module(fs.readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue.SchemaEngine;
}

/**
 * A migration-aware adapter factory for the URL, plus a `close()` that ends every pool it opened.
 * @param {"sqlite" | "postgres"} kind
 */
export async function createAdapterFactory(kind, url) {
  const { factory, close } = kind === "postgres" ? await postgresFactory(url) : await sqliteFactory(url);
  return { adapter: bindMigrationAwareSqlAdapterFactory(factory), close };
}

async function sqliteFactory(url) {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const base = new PrismaBetterSqlite3({ url });
  const factory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    // The engine replays each migration file as ONE parameterless executeRaw; better-sqlite3's
    // prepare() rejects multi-statement SQL, so run those as a script (db.exec) instead.
    async connectToShadowDb() {
      const shadow = await base.connectToShadowDb();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => {
        if (query.args && query.args.length > 0) return executeRaw(query);
        await shadow.executeScript(query.sql);
        return 0;
      };
      return shadow;
    },
  };
  return { factory, close: async () => {} };
}

async function postgresFactory(url) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const pg = (await import("pg")).default;

  // The engine's catalog queries return columns of type "char" (OID 18), which adapter-pg 7.10
  // cannot deserialize. pg already returns them as strings; report them as text (OID 25).
  const charAsText = (result) => {
    for (const one of Array.isArray(result) ? result : [result]) {
      for (const field of one?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    }
    return result;
  };
  class CharAsTextClient extends pg.Client {
    query(...args) {
      const callbackIndex = args.findIndex((arg) => typeof arg === "function");
      if (callbackIndex >= 0) {
        const callback = args[callbackIndex];
        args[callbackIndex] = (error, result) => callback(error, error ? result : charAsText(result));
      }
      const returned = super.query(...args);
      return returned && typeof returned.then === "function" ? returned.then(charAsText) : returned;
    }
  }

  const parsed = new URL(url);
  const connection = {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
  };
  const pools = [];
  const poolFor = (database) => {
    const pool = new pg.Pool({ ...connection, database, Client: CharAsTextClient, max: 2 });
    pools.push(pool);
    return pool;
  };
  const main = new PrismaPg(poolFor(connection.database), { disposeExternalPool: true });

  const factory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    // adapter-pg's own shadow database reuses the main database when built from a pool and drops
    // the shadow while its pool is still open. Create a uniquely named one and force-drop it after.
    async connectToShadowDb() {
      const admin = new pg.Client(connection);
      await admin.connect();
      const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg(poolFor(name), { disposeExternalPool: true }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        try {
          await dispose();
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await admin.end();
        }
      };
      return shadow;
    },
  };
  const close = async () => {
    for (const pool of pools) if (!pool.ending && !pool.ended) await pool.end().catch(() => {});
  };
  return { factory, close };
}
