/**
 * `npm start`: the whole system locally, on embedded defaults. PostgreSQL 17 (embedded), the Neon
 * WebSocket proxy, migrations, `.dev.vars`, `wrangler dev` (local Durable Objects, Queues, crons via
 * --test-scheduled) and an idempotent demo seed. Ctrl-C stops everything it started; the data stays
 * under .local/ for the next start.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { type LocalDatabase, startLocalDatabase } from "./local/database.ts";
import { ensureDevVars } from "./local/dev-vars.ts";
import { DEV } from "./local/ports.ts";
import { isPortTaken } from "./local/postgres.ts";
import { DEMO, seedDemo } from "./local/seed.ts";
import { type SmtpSink, startSmtpSink } from "./local/smtp-sink.ts";

const ROOT = join(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? DEV.api);
const host = process.env.HOST ?? "127.0.0.1";
const apiUrl = `http://${host}:${port}`;

let db: LocalDatabase | undefined;
let smtp: SmtpSink | undefined;
let wrangler: ChildProcess | undefined;
let stopping = false;

function step(msg: string) {
  console.log(`\u25b6 ${msg}`);
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  step("stopping");
  if (wrangler && wrangler.exitCode === null) {
    wrangler.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (wrangler.exitCode === null) wrangler.kill("SIGKILL");
  }
  await smtp?.stop().catch(() => {});
  await db?.stop().catch((err) => console.error(`could not stop Postgres cleanly: ${err}`));
  process.exit(code);
}

async function fail(what: string, err: unknown): Promise<never> {
  console.error(`\u2716 ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  await stop(1);
  throw err;
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (wrangler?.exitCode !== null) throw new Error(`wrangler dev exited with code ${wrangler?.exitCode}`);
    try {
      const res = await fetch(`${apiUrl}/api/v1/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not become healthy in ${timeoutMs / 1000}s (last: ${last})`);
}

async function main() {
  if (await isPortTaken(port, host)) await fail(`port check`, new Error(`port ${port} is taken (set PORT=...)`));
  try {
    db = await startLocalDatabase({
      dataDir: join(ROOT, ".local", "dev-postgres"),
      pgPort: DEV.postgres,
      proxyPort: DEV.wsProxy,
      database: "rtrwnet",
      step,
    });
  } catch (err) {
    await fail("database start", err);
  }
  const database = db as LocalDatabase;
  if (database.migrated.length) step(`applied migrations: ${database.migrated.join(", ")}`);

  step(`starting the local mail sink (SMTP ${DEV.smtp}, web ${DEV.smtpWeb})`);
  try {
    smtp = await startSmtpSink({ smtpPort: DEV.smtp, webPort: DEV.smtpWeb });
  } catch (err) {
    await fail("mail sink start", err);
  }

  const vars = ensureDevVars(join(ROOT, ".dev.vars"), {
    // Every email of the local Worker goes to the sink above (tenants without their own SMTP settings).
    SMTP_URL: `smtp://127.0.0.1:${DEV.smtp}`,
    SMTP_FROM: "RT/RW Net (local) <noreply@rtrwnet.local>",
    ENVIRONMENT: "development",
    LOG_LEVEL: "info",
    ...database.workerVars,
  });

  step(`starting wrangler dev on ${apiUrl}`);
  wrangler = spawn(
    join(ROOT, "node_modules", ".bin", "wrangler"),
    ["dev", "--ip", host, "--port", String(port), "--test-scheduled", "--show-interactive-dev-session=false"],
    { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  wrangler.on("exit", (code) => {
    if (!stopping) {
      console.error(`\u2716 wrangler dev exited (code ${code})`);
      void stop(1);
    }
  });

  try {
    await waitForHealth(120_000);
  } catch (err) {
    await fail("API start", err);
  }

  step("seeding the demo tenant");
  try {
    await seedDemo(apiUrl, vars.PLATFORM_API_KEY as string);
  } catch (err) {
    await fail("demo seed", err);
  }

  console.log(`
  RT/RW Net SaaS is running.
    API        ${apiUrl}/api/v1        (health: ${apiUrl}/api/v1/health)
    Docs       ${apiUrl}/api/v1/docs
    OpenAPI    ${apiUrl}/api/v1/openapi.json
    Demo       tenant "${DEMO.slug}" (X-Tenant-ID: ${DEMO.slug}), admin ${DEMO.admin.email} / ${DEMO.admin.password}
    Platform   Authorization: Bearer ${vars.PLATFORM_API_KEY}   (from .dev.vars)
    Database   ${database.ownerUrl}
    Mail       http://127.0.0.1:${DEV.smtpWeb}/   (every email the Worker sends; JSON at /messages)
  Press Ctrl-C to stop.
`);
}

void main();
