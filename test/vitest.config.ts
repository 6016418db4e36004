import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/** Secrets of the test Worker; fixed values, test-only. */
export const TEST_PLATFORM_API_KEY = "test-platform-key-0123456789abcdef";

export default defineConfig({
  test: {
    globalSetup: ["./test/setup/global-setup.ts"],
    // Property tests run 100+ cases against a real database; a hung one still fails in two minutes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => {
            const db = inject("db");
            return {
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  ENVIRONMENT: "test",
                  DATABASE_URL: db.DATABASE_URL,
                  DATABASE_SYSTEM_URL: db.DATABASE_SYSTEM_URL,
                  DATABASE_WS_PROXY: db.DATABASE_WS_PROXY,
                  PLATFORM_API_KEY: TEST_PLATFORM_API_KEY,
                  LOG_LEVEL: "warn",
                },
              },
            };
          }),
        ],
        test: {
          name: "worker",
          include: ["test/{unit,routes,db,durable-objects,queues,cron}/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/node/**/*.test.ts", "connector/test/**/*.test.ts"],
        },
      },
    ],
  },
});
