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
    // Test files wait on Postgres and workerd far more than on the CPU: more files than cores in flight.
    maxWorkers: 4,
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => {
            const db = inject("db");
            const smtp = inject("smtp");
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
                  // The platform's default SMTP is the local sink of the global setup; tests read
                  // what it received at SMTP_SINK_URL (a test-only binding, not part of EnvSchema).
                  SMTP_URL: smtp.url,
                  SMTP_FROM: "RT/RW Net Test <noreply@rtrwnet.test>",
                  SMTP_SINK_URL: smtp.webUrl,
                  // The whole suite shares one client address: limits high enough never to throttle it.
                  // test/routes/rate-limits/* exercise the real limits with apps built with low ones.
                  RATE_LIMIT_IP_PER_MINUTE: "1000000",
                  RATE_LIMIT_USER_PER_MINUTE: "1000000",
                  RATE_LIMIT_LOGIN_PER_MINUTE: "1000000",
                  SUSPICIOUS_LOGIN_ACCOUNTS: "1000000",
                  SUSPICIOUS_LOGIN_FAILURES: "1000000",
                  ACCOUNT_LOGIN_ATTEMPTS: "1000000",
                },
              },
            };
          }),
        ],
        test: {
          name: "worker",
          // One module graph per worker instead of per file: importing the Worker dominated the run.
          // Every test creates its own tenant, so files share no state that isolation would protect.
          isolate: false,
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
