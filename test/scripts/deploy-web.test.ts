// `npm run deploy:web` uploads the built Studio (S3 itself is mocked: we cannot reach AWS here):
// every file with its type, hashed assets cached for a year, index.html last and revalidated.
import path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { deployStudio, studioFiles } from "../../scripts/deploy-web.ts";

const webRoot = path.resolve(import.meta.dirname, "../../dist/web"); // built by the global setup

describe("npm run deploy:web", () => {
  it("uploads every file of the build, assets first and index.html last, each with its type and caching", async () => {
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolves({});
    const uploaded = await deployStudio(new S3Client({ region: "eu-west-1" }), "studio-bucket", webRoot);
    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts.map((p) => p.Key)).toEqual(studioFiles(webRoot));
    expect(puts.at(-1)).toMatchObject({ Bucket: "studio-bucket", Key: "index.html", ContentType: "text/html; charset=utf-8", CacheControl: "no-cache" });
    const scripts = uploaded.filter((u) => u.key.endsWith(".js"));
    expect(scripts.length).toBeGreaterThanOrEqual(3); // the entry and its lazy chunks
    for (const script of scripts) expect(script).toMatchObject({ contentType: "text/javascript; charset=utf-8", cacheControl: "public, max-age=31536000, immutable" });
    expect(puts.some((p) => p.Key === "build-report.json")).toBe(false);
    s3.restore();
  });
});
