// `npm run deploy:web`: uploads the built Studio (dist/web, npm run build:web) to its bucket,
// STUDIO_BUCKET (the stack's StudioBucketName output, `osls info --verbose`). Hashed assets first,
// cached for a year; index.html last and revalidated on every load, so a page never references
// an asset that is not there yet and a new version is seen at once (no CloudFront invalidation).
import fs from "node:fs";
import path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { cacheControl, contentType } from "./lib/local-edge.mjs";

export interface Uploaded {
  key: string;
  contentType: string;
  cacheControl: string;
}

/** The files to upload, in upload order: everything but the build report, index.html last. */
export function studioFiles(webRoot: string): string[] {
  const files = fs
    .readdirSync(webRoot, { recursive: true, encoding: "utf8" })
    .filter((file) => fs.statSync(path.join(webRoot, file)).isFile() && file !== "build-report.json")
    .map((file) => file.split(path.sep).join("/"));
  return [...files.filter((f) => f !== "index.html").sort(), ...files.filter((f) => f === "index.html")];
}

export async function deployStudio(s3: S3Client, bucket: string, webRoot: string): Promise<Uploaded[]> {
  const files = studioFiles(webRoot);
  if (!files.includes("index.html")) throw new Error(`${webRoot} has no index.html: run npm run build:web first.`);
  const uploaded: Uploaded[] = [];
  for (const key of files) {
    const headers = { contentType: contentType(key), cacheControl: cacheControl(key) };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: fs.readFileSync(path.join(webRoot, key)), ContentType: headers.contentType, CacheControl: headers.cacheControl }));
    uploaded.push({ key, ...headers });
  }
  return uploaded;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bucket = process.env.STUDIO_BUCKET;
  if (!bucket) {
    console.error("deploy:web: set STUDIO_BUCKET to the stack's StudioBucketName output (npx osls info --verbose --stage <stage>).");
    process.exit(1);
  }
  const uploaded = await deployStudio(new S3Client({}), bucket, path.resolve(import.meta.dirname, "../dist/web"));
  console.log(`deploy:web: ${uploaded.length} files to s3://${bucket}; open the stack's StudioUrl output.`);
}
