import { defineConfig } from "drizzle-kit";

/**
 * Run from the repository root: `drizzle-kit generate --config drizzle/drizzle.config.ts`.
 * Paths are relative to the working directory, not to this file. Migrations are applied by our own
 * runner (`scripts/db.ts`, which also runs the hand-written `*.down.sql` files), not by
 * `drizzle-kit migrate`, so no credentials are needed here for `generate`.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
