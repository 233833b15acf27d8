// AWS Lambda handler `exportDownload` (GET /exports/{id}?expires=…&signature=…): the file of a
// finished export, for whoever holds its signed URL until it expires; anything else is a 404 that
// says nothing more.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { readEnv } from "../config/index.ts";
import { folderExportStore, verifyDownload } from "../services/index.ts";

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const env = readEnv();
  const id = event.pathParameters?.id ?? "";
  const store = folderExportStore(env.exports.directory);
  try {
    verifyDownload(id, event.queryStringParameters?.expires, event.queryStringParameters?.signature, env.exports.signingSecret);
    if (store.size(id) === null) throw new Error("no file");
  } catch {
    return { statusCode: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "This export link is unknown or has expired; start a new export." };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of store.open(id)) chunks.push(chunk as Buffer);
  return {
    statusCode: 200,
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="superpose-export-${id}.jsonl"`, "cache-control": "no-store" },
    body: Buffer.concat(chunks).toString("utf8"),
  };
}
