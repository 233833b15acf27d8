// The local edge (CloudFront's stand-in under npm start): the Studio's files with their types and
// caching, the API's paths passed through (headers, status, body), and nothing outside dist/web.
import http from "node:http";
import { describe, expect, inject, it } from "vitest";

const base = inject("studioUrl");

/** A raw GET, so a path like /../ reaches the server as written (fetch would normalise it). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: new URL(base).hostname, port: new URL(base).port, path }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body }));
    }).on("error", reject);
  });
}

describe("the local edge", () => {
  it("serves index.html at / (revalidated) and hashed assets for a year, with security headers", async () => {
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await page.text();
    expect(html).toContain("Content-Security-Policy");
    const script = /src="(\/assets\/main-[A-Z0-9]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(new URL(script, base));
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-encoding")).toBe("gzip"); // fetch asks for it, as browsers do
  });

  it("passes /graphql to the API with its headers and status (a 401 stays a 401)", async () => {
    const response = await fetch(new URL("/graphql", base), { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sp_nope" }, body: JSON.stringify({ query: "{ me { id } }" }) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
  });

  it("refuses what is not a file of the build: other paths 404, a climb out of dist/web 404, writes 405", async () => {
    expect((await fetch(new URL("/nothing-here.js", base))).status).toBe(404);
    expect((await rawGet("/../package.json")).status).toBe(404);
    expect((await rawGet("/%2e%2e/package.json")).status).toBe(404);
    expect((await fetch(base, { method: "POST", body: "x" })).status).toBe(405);
  });
});
