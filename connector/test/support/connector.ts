import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { Config } from "../../../src/protocol/index.ts";
import type { RouterOsSim } from "../../sim/index.ts";
import { type ConnectorOptions, type RunningConnector, startConnector } from "../../src/connector.ts";
import { silentLogger } from "../../src/log.ts";
import type { FakeCloud } from "./cloud.ts";
import { ADMIN, FAST } from "./sim.ts";

export const CONNECTOR_ID = "conn-1";
export const SECRET = "s3cr3t-0123456789abcdef";
export const CREDENTIAL = `${CONNECTOR_ID}.${SECRET}`;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rtrw-connector-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Fast reconnects and heartbeats for tests. */
export const FAST_SOCKET = {
  backoffBaseMs: 20,
  backoffCapMs: 200,
  connectTimeoutMs: 1_000,
  stableAfterMs: 100,
  heartbeatIntervalMs: 1_000,
  livenessTimeoutMs: 5_000,
  random: () => 0.5,
};

/** A connector talking to `cloud`, stopped after the test. Polling only by hand (`pollNow`). */
export async function runConnector(
  cloud: FakeCloud,
  options: Partial<ConnectorOptions> = {},
): Promise<RunningConnector> {
  const stateDir = options.stateDir ?? (await tempDir());
  const c = await startConnector({
    server: cloud.url,
    token: CREDENTIAL,
    log: silentLogger,
    session: FAST,
    pollIntervalMs: 3_600_000,
    pollOnStart: false,
    ...options,
    stateDir,
    socket: { ...FAST_SOCKET, ...options.socket },
  });
  cleanups.push(() => c.stop());
  return c;
}

/** The `config` message for routers served by simulators. */
export function configFor(sims: Record<string, RouterOsSim>, pollIntervalMs = 60_000): Config {
  return {
    type: "config",
    pollIntervalMs,
    routers: Object.entries(sims).map(([routerId, s]) => ({
      routerId,
      host: s.host,
      port: s.port,
      username: ADMIN.name,
      password: ADMIN.password,
    })),
  };
}
