// Adapts an API Gateway HTTP API (payload v2) event to a fetch Request and a fetch Response back
// to the Lambda result, refusing bodies over the documented limit before any parsing.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/** Handles one request; `sourceIp` is the caller's address as API Gateway saw it. */
export type FetchHandler = (request: Request, context: { sourceIp?: string }) => Promise<Response> | Response;

export async function handleHttpApiEvent(
  event: APIGatewayProxyEventV2,
  handle: FetchHandler,
  maxBodyBytes: number,
): Promise<APIGatewayProxyStructuredResultV2> {
  // API Gateway omits the body of a GET; serverless-offline sends null.
  const body = event.body == null ? undefined : Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
  if (body && body.byteLength > maxBodyBytes) return payloadTooLarge(body.byteLength, maxBodyBytes);

  const host = event.headers.host ?? event.requestContext.domainName ?? "localhost";
  const url = `https://${host}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ""}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers)) if (value !== undefined) headers.set(name, value);
  if (event.cookies?.length) headers.set("cookie", event.cookies.join("; "));

  const method = event.requestContext.http.method;
  const response = await handle(
    new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body }),
    { sourceIp: event.requestContext.http.sourceIp },
  );
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    const lower = name.toLowerCase(); // the fetch ponyfill keeps the case it was given
    if (lower !== "set-cookie") responseHeaders[lower] = value;
  });
  const cookies = response.headers.getSetCookie();
  return {
    statusCode: response.status,
    headers: responseHeaders,
    ...(cookies.length ? { cookies } : {}),
    body: await response.text(),
    isBase64Encoded: false,
  };
}

function payloadTooLarge(size: number, limit: number): APIGatewayProxyStructuredResultV2 {
  const message = `The request body is ${size} bytes; the limit is ${limit} bytes.`;
  return {
    statusCode: 413,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ errors: [{ message, extensions: { code: "PAYLOAD_TOO_LARGE" } }] }),
    isBase64Encoded: false,
  };
}
