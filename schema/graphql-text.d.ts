// esbuild bundles .graphql files as text (scripts/bundle.mjs, loader ".graphql": "text").
declare module "*.graphql" {
  const text: string;
  export default text;
}
