// The public health query and the GraphiQL page, served by serverless-offline.
import { describe, expect, inject, it } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { graphql } from "../support/graphql.ts";

describe("health", () => {
  it("reports version, database kind and a live database", async () => {
    const { status, body } = await graphql(`{ health { status version databaseKind databaseLatencyMs } }`);
    expect(status).toBe(200);
    const health = body.data!.health;
    expect(health.status).toBe("OK");
    expect(health.version).toBe(packageJson.version);
    expect(health.databaseKind).toBe(inject("databaseUrl").startsWith("postgres") ? "POSTGRESQL" : "SQLITE");
    expect(health.databaseLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it("serves GraphiQL to browsers on GET /graphql", async () => {
    const response = await fetch(inject("graphqlUrl"), { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toContain("Superpose GraphiQL");
  });
});
