/**
 * The end-to-end stack of the connector tests, everything real but the router: `wrangler dev`
 * (workerd with the real Durable Objects) on its own port against the test database of the global
 * setup, the RouterOS simulator, and the real connector program as a child process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newEncryptionKey, newJwtPrivateKey } from "../../scripts/local/keys.ts";
import { TEST } from "../../scripts/local/ports.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "node_modules", ".bin");
/** Node ≥ 22 from the `node` devDependency: wrangler and the connector need it; the test runner may be on 20. */
const NODE = join(BIN, "node");
export const PLATFORM_KEY = "e2e-platform-key-0123456789abcdef";

export interface DbVars {
  DATABASE_URL: string;
  DATABASE_SYSTEM_URL: string;
  DATABASE_WS_PROXY: string;
}

export interface Api {
  url: string;
  call<T = unknown>(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/** `wrangler dev` on 8790 + slot, with fresh keys and its own Durable Object storage. */
export async function startWorker(db: DbVars, log: (line: string) => void = () => {}): Promise<Api> {
  const port = 8790 + TEST.slot;
  const dir = mkdtempSync(join(tmpdir(), "rtrw-e2e-worker-"));
  const vars: Record<string, string> = {
    ENVIRONMENT: "test",
    LOG_LEVEL: "warn",
    ...db,
    PLATFORM_API_KEY: PLATFORM_KEY,
    JWT_PRIVATE_KEY: newJwtPrivateKey(),
    ENCRYPTION_KEY: newEncryptionKey(),
    BACKUP_ENCRYPTION_KEY: newEncryptionKey(),
    RATE_LIMIT_IP_PER_MINUTE: "1000000",
    RATE_LIMIT_USER_PER_MINUTE: "1000000",
    RATE_LIMIT_LOGIN_PER_MINUTE: "1000000",
  };
  const envFile = join(dir, ".env");
  writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}='${v}'`)
      .join("\n"),
  );
  const args = [
    join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js"),
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(9300 + TEST.slot),
    "--env-file",
    envFile,
    "--persist-to",
    join(dir, "state"),
    "--show-interactive-dev-session=false",
  ];
  const child = spawn(NODE, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, WRANGLER_SEND_METRICS: "false" },
  });
  child.stdout?.on("data", (d: Buffer) => log(`[wrangler] ${d.toString().trimEnd()}`));
  child.stderr?.on("data", (d: Buffer) => log(`[wrangler] ${d.toString().trimEnd()}`));
  const url = `http://127.0.0.1:${port}`;
  const call: Api["call"] = async (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.body !== undefined) headers.set("content-type", "application/json");
    const res = await fetch(`${url}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text && /json/.test(res.headers.get("content-type") ?? "") ? JSON.parse(text) : text) as never,
    };
  };
  const stop = async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("wrangler dev did not become healthy in 90 s");
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, call, stop };
}

export interface ConnectorProcess {
  child: ChildProcess;
  stateDir: string;
  logs: string[];
  /** SIGKILL: no goodbye, like a power cut. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The real connector program (`connector/bin/rtrwnet-connector.js`) with a state directory of its own. */
/** `bin`: another build of the program (the bench runs the packed one); by default the repository's sources. */
export function startConnector(
  server: string,
  token: string | undefined,
  stateDir?: string,
  bin = join(ROOT, "connector", "bin", "rtrwnet-connector.js"),
): ConnectorProcess {
  const dir = stateDir ?? mkdtempSync(join(tmpdir(), "rtrw-e2e-connector-"));
  const args = [bin, "--server", server, "--state-dir", dir];
  if (token) args.push("--token", token);
  const child = spawn(NODE, args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, RTRW_LOG_LEVEL: "debug" },
  });
  const logs: string[] = [];
  child.stderr?.on("data", (d: Buffer) => logs.push(...d.toString().trimEnd().split("\n")));
  return {
    child,
    stateDir: dir,
    logs,
    kill: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
    stop: () => stopProcess(child),
  };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited(child);
  clearTimeout(timer);
}

/** Polls until `check` returns a value (not undefined), or throws with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
