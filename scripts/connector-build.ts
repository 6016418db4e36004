/**
 * `npm run connector:build [outfile]`: bundles the connector (its sources and the shared protocol
 * module of `src/protocol`) into one ES module, `connector/dist/rtrwnet-connector.js` by default.
 * Its npm dependencies stay external: they are the package's `dependencies`, installed with it.
 * The published package ships this file, not TypeScript: it needs no type stripping at start and
 * holds about 40 MiB less memory. `npm pack` in `connector/` runs it (prepack) and removes the
 * build again (postpack), so the repository always runs its sources.
 */
import { cpSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEFAULT_OUTFILE = `${ROOT}connector/dist/rtrwnet-connector.js`;

export async function buildConnector(outfile = DEFAULT_OUTFILE): Promise<void> {
  await build({
    entryPoints: [`${ROOT}connector/src/main.ts`],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    target: "node22",
    format: "esm",
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
  });
}

/**
 * The package as `npm pack` makes it (package.json, bin/, README.md and the bundle), laid out in
 * `dir`: no sources, so it can only run its build. Its npm dependencies resolve to this
 * repository's node_modules (a symlink), as `npm install` would provide them. For the package test
 * and the bench, which measure the connector as it ships. Returns the path of its bin.
 */
export async function stageConnectorPackage(dir: string): Promise<string> {
  for (const f of ["package.json", "README.md", "bin"])
    cpSync(join(ROOT, "connector", f), join(dir, f), { recursive: true });
  await buildConnector(join(dir, "dist", "rtrwnet-connector.js"));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return join(dir, "bin", "rtrwnet-connector.js");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConnector(process.argv[2]);
  console.log(`built ${process.argv[2] ?? DEFAULT_OUTFILE}`);
}
