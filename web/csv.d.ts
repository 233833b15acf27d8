// esbuild bundles example CSV files as text (scripts/build-web.mjs, loader ".csv": "text").
declare module "*.csv" {
  const text: string;
  export default text;
}
