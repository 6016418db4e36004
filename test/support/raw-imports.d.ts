/** Vite's `?raw` suffix (the vitest pool bundles tests with Vite): the file's text. */
declare module "*?raw" {
  const text: string;
  // biome-ignore lint/style/noDefaultExport: Vite's `?raw` modules only have a default export.
  export default text;
}
