#!/usr/bin/env node
// Bundles the Studio (web/) with esbuild into dist/web/: index.html, assets/<name>-<hash>.js|css
// (content-hashed, so they can be cached for a year) and lazy chunks (the charts load with the
// first chart). No CDN at run time: everything the page needs is in dist/web. Prints each file's
// size and gzipped size, and writes them to dist/web/build-report.json (README "Superpose Studio").
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist/web");

fs.rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "web/main.tsx" },
  outdir,
  entryNames: "assets/[name]-[hash]",
  chunkNames: "assets/[name]-[hash]",
  assetNames: "assets/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  // Evergreen browsers of the last two years (Chromium, Firefox, Safari 16+).
  target: ["es2022", "chrome110", "firefox115", "safari16"],
  jsx: "automatic",
  jsxImportSource: "preact",
  // The example files the app offers with one click (examples/*.csv) travel inside the bundle.
  loader: { ".csv": "text" },
  minify: true,
  sourcemap: "linked",
  metafile: true,
  legalComments: "linked",
  logLevel: "warning",
  define: { "process.env.NODE_ENV": '"production"' },
});

const outputs = result.metafile.outputs;
const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === "web/main.tsx");
const css = outputs[entry].cssBundle;
const href = (file) => `/${path.relative(outdir, path.join(root, file)).split(path.sep).join("/")}`;
const template = fs.readFileSync(path.join(root, "web/index.html"), "utf8");
const tags = [css ? `<link rel="stylesheet" href="${href(css)}">` : "", `<script type="module" src="${href(entry)}"></script>`].filter(Boolean).join("\n    ");
fs.writeFileSync(path.join(outdir, "index.html"), template.replace("<!-- assets -->", tags));

// Sizes: what the first load fetches (index.html, the entry, its CSS and static imports) and the rest.
const initial = new Set(["index.html"]);
const visit = (file) => {
  const relative = path.relative(outdir, path.join(root, file));
  if (initial.has(relative)) return;
  initial.add(relative);
  for (const { path: imported, kind } of outputs[file]?.imports ?? []) if (kind === "import-statement") visit(imported);
};
visit(entry);
if (css) visit(css);
const files = [];
for (const file of fs.readdirSync(outdir, { recursive: true })) {
  const full = path.join(outdir, file);
  if (fs.statSync(full).isDirectory() || file.endsWith(".map") || file.endsWith(".LEGAL.txt")) continue;
  const bytes = fs.readFileSync(full);
  files.push({ file: file.split(path.sep).join("/"), bytes: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length, initial: initial.has(file) });
}
files.sort((a, b) => b.gzip - a.gzip);
const sum = (list, key) => list.reduce((total, f) => total + f[key], 0);
const report = {
  initialGzipBytes: sum(files.filter((f) => f.initial), "gzip"),
  totalGzipBytes: sum(files, "gzip"),
  totalBytes: sum(files, "bytes"),
  files,
};
fs.writeFileSync(path.join(outdir, "build-report.json"), `${JSON.stringify(report, null, 2)}\n`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
if (!process.argv.includes("--quiet")) {
  for (const f of files) console.log(`${f.file.padEnd(44)} ${kb(f.bytes).padStart(10)} ${kb(f.gzip).padStart(10)} gzip${f.initial ? "  (first load)" : ""}`);
  console.log(`first load: ${kb(report.initialGzipBytes)} gzip; everything: ${kb(report.totalGzipBytes)} gzip`);
}
