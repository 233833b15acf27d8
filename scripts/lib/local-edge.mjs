// The local stand-in for CloudFront: one origin that serves the Studio's static files (dist/web)
// and passes the API's paths (/graphql, /exports/…) to serverless-offline, as the distribution in
// serverless.yml does with S3 and the HTTP API. So the app, GraphiQL and the API share one URL
// locally and in the cloud, and the app needs no CORS.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";

/** Paths that go to the API (serverless.yml's CloudFront cache behaviours name the same). */
export const API_PATHS = [/^\/graphql(?:[/?]|$)/, /^\/exports\//];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** Hashed assets never change under their name: cache them for a year; index.html never. */
export function cacheControl(file) {
  return file.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
}

export function contentType(file) {
  return TYPES[path.extname(file)] ?? "application/octet-stream";
}

/**
 * Starts the edge on host:port. `api` is serverless-offline's HTTP origin (http://127.0.0.1:N).
 * Resolves with the listening server.
 */
export function startLocalEdge({ host, port, webRoot, api }) {
  const upstream = new URL(api);
  const server = http.createServer((request, response) => {
    const url = request.url ?? "/";
    if (API_PATHS.some((pattern) => pattern.test(url))) return forward(request, response, upstream);
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method not allowed");
      return;
    }
    serveStatic(url, request, response, webRoot);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

function serveStatic(url, request, response, webRoot) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, "http://edge").pathname);
  } catch {
    response.writeHead(400, { "content-type": "text/plain" }).end("Bad path");
    return;
  }
  const relative = pathname === "/" ? "index.html" : path.normalize(pathname.slice(1));
  const file = path.join(webRoot, relative);
  // Nothing outside dist/web (a path climbing out with .. or %2e%2e lands outside and is refused).
  if (!file.startsWith(webRoot + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    const missing = !fs.existsSync(path.join(webRoot, "index.html"));
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    response.end(missing ? "The Studio is not built: run npm run build:web (npm start does)." : `Not found: ${pathname}`);
    return;
  }
  // Text is sent gzipped when the browser takes it, as CloudFront does (Compress: true).
  const type = contentType(relative);
  const gzip = /^(text|application\/json|image\/svg)/.test(type) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  response.writeHead(200, {
    "content-type": type,
    "cache-control": cacheControl(relative.split(path.sep).join("/")),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    vary: "accept-encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  if (request.method === "HEAD") return response.end();
  const body = fs.createReadStream(file);
  if (gzip) body.pipe(zlib.createGzip()).pipe(response);
  else body.pipe(response);
}

function forward(request, response, upstream) {
  const proxied = http.request(
    { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  proxied.on("error", (error) => {
    if (response.headersSent) return response.destroy(error);
    response.writeHead(502, { "content-type": "application/json" });
    response.end(JSON.stringify({ errors: [{ message: `The API is not answering (${error.code ?? error.message}). Is serverless-offline still running?`, extensions: { code: "UNAVAILABLE" } }] }));
  });
  request.pipe(proxied);
}
