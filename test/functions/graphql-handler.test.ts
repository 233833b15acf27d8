// The Lambda handler itself, invoked in-process with API Gateway HTTP API (v2) events the way
// AWS sends them: base64 bodies, GET with a query string, and the body-size limit.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { awayFromWindowEdge } from "../support/rate-windows.ts";

let handler: typeof import("../../functions/graphql.ts").handler;
const ANONYMOUS_LIMIT = 20;
beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.RATE_LIMIT_PER_IP = String(ANONYMOUS_LIMIT);
  process.env.LOG_LEVEL = "silent";
  ({ handler } = await import("../../functions/graphql.ts"));
});

function event(overrides: Partial<APIGatewayProxyEventV2> & { method?: string; sourceIp?: string }): APIGatewayProxyEventV2 {
  // An address of this file's own (TEST-NET-1): rate-limit counters are shared through the database.
  const { method = "POST", sourceIp = "192.0.2.1", ...rest } = overrides;
  return {
    version: "2.0",
    routeKey: `${method} /graphql`,
    rawPath: "/graphql",
    rawQueryString: "",
    headers: { host: "api.example.test", "content-type": "application/json", accept: "application/graphql-response+json" },
    isBase64Encoded: false,
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.test",
      domainPrefix: "api",
      http: { method, path: "/graphql", protocol: "HTTP/1.1", sourceIp, userAgent: "test" },
      requestId: "req-1",
      routeKey: `${method} /graphql`,
      stage: "$default",
      time: "24/Nov/2026:07:00:00 +0000",
      timeEpoch: 0,
    },
    ...rest,
  };
}

describe("functions/graphql handler", () => {
  it("answers a POST with a base64-encoded body", async () => {
    const body = Buffer.from(JSON.stringify({ query: "{ health { status } }" })).toString("base64");
    const result = await handler(event({ body, isBase64Encoded: true }));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.["content-type"]).toMatch(/application\/graphql-response\+json/);
    expect(JSON.parse(result.body!)).toEqual({ data: { health: { status: "OK" } } });
  });

  it("answers a GET query from the query string", async () => {
    const result = await handler(event({ method: "GET", rawQueryString: `query=${encodeURIComponent("{ health { databaseKind } }")}` }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!).data.health.databaseKind).toBe(testDatabaseUrl().startsWith("postgres") ? "POSTGRESQL" : "SQLITE");
  });

  it("refuses a body one byte over the limit with 413 before parsing it", async () => {
    const result = await handler(event({ body: "x".repeat(limits.http.maxBodyBytes + 1) }));
    expect(result.statusCode).toBe(413);
    expect(JSON.parse(result.body!).errors[0]).toEqual({
      message: `The request body is ${limits.http.maxBodyBytes + 1} bytes; the limit is ${limits.http.maxBodyBytes} bytes.`,
      extensions: { code: "PAYLOAD_TOO_LARGE" },
    });
  });

  it("measures the decoded size of a base64 body", async () => {
    const decoded = "x".repeat(limits.http.maxBodyBytes); // exactly at the limit: not refused as too large
    const result = await handler(event({ body: Buffer.from(decoded).toString("base64"), isBase64Encoded: true }));
    expect(result.statusCode).toBe(400); // it is parsed, and is not JSON
  });

  it(`rate-limits calls without a key by API Gateway's sourceIp (not a header a client could set): ${ANONYMOUS_LIMIT} a minute, then 429 with Retry-After`, async () => {
    const body = JSON.stringify({ query: "{ health { status } }" });
    const from = (sourceIp: string) => handler(event({ body, sourceIp, headers: { ...event({}).headers, "x-forwarded-for": "192.0.2.99" } }));
    await awayFromWindowEdge(60);
    const results = await Promise.all(Array.from({ length: ANONYMOUS_LIMIT + 5 }, () => from("192.0.2.7")));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(ANONYMOUS_LIMIT);
    const refused = results.filter((r) => r.statusCode === 429);
    expect(refused).toHaveLength(5);
    expect(Number(refused[0]!.headers!["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(refused[0]!.headers!["retry-after"])).toBeLessThanOrEqual(60);
    expect(JSON.parse(refused[0]!.body!).errors[0]).toMatchObject({ extensions: { code: "RATE_LIMITED" } });
    expect((await from("192.0.2.8")).statusCode).toBe(200); // another address has its own allowance
  });
});
