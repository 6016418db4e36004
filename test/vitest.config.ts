import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { newEncryptionKey, newJwtPrivateKey } from "../scripts/local/keys.ts";

/** Secrets of the test Worker: a fixed platform key (test/support/api.ts sends it), fresh keys per run. */
const TEST_PLATFORM_API_KEY = "test-platform-key-0123456789abcdef";
const JWT_PRIVATE_KEY = newJwtPrivateKey();
const ENCRYPTION_KEY = newEncryptionKey();
const BACKUP_ENCRYPTION_KEY = newEncryptionKey();

export default defineConfig({
  test: {
    globalSetup: ["./test/setup/global-setup.ts"],
    reporters: ["default", "./test/setup/summary-reporter.ts"],
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
                  JWT_PRIVATE_KEY,
                  ENCRYPTION_KEY,
                  BACKUP_ENCRYPTION_KEY,
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
