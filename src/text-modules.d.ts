/** The Scalar API reference's browser bundle, imported as text (wrangler.toml [[rules]], test/vitest.config.ts). */
declare module "*/dist/browser/standalone.js" {
  const text: string;
  // biome-ignore lint/style/noDefaultExport: a Text module has only a default export.
  export default text;
}
