import { Client, neonConfig } from "@neondatabase/serverless";
import { describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";

/**
 * The local WebSocket proxy pools sessions for the local login roles (scripts/local/pg-pool.ts).
 * Each test uses its own application_name, which is part of the pool key, so the Worker tests
 * running alongside never share these backends.
 */
const db = inject("db");
neonConfig.webSocketConstructor = WebSocket;
neonConfig.wsProxy = (host, port) => `${db.DATABASE_WS_PROXY}?address=${host}:${port}`;
neonConfig.useSecureWebSocket = false;
neonConfig.pipelineTLS = false;
neonConfig.pipelineConnect = false;

async function session<T>(app: string, fn: (c: Client) => Promise<T>, url = db.DATABASE_URL): Promise<T> {
  const client = new Client({ connectionString: url, application_name: app });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const pid = async (c: Client) => (await c.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]?.pid;

describe("local proxy session pool", () => {
  it("hands a second client of the same login the first one's backend", async () => {
    const first = await session("pool-reuse", pid);
    const second = await session("pool-reuse", pid);
    expect(second).toBe(first);
    // The logged-in role is the client's, not a leftover of someone else's.
    const user = await session("pool-reuse", async (c) => (await c.query("select current_user as u")).rows[0].u);
    expect(user).toBe(new URL(db.DATABASE_URL).username);
  });

  it("refuses a wrong password, also when an idle backend for that login is waiting", async () => {
    await session("pool-auth", pid);
    const url = new URL(db.DATABASE_URL);
    url.password = "not-the-password";
    await expect(session("pool-auth", pid, url.toString())).rejects.toThrow(/password authentication failed/);
  });

  it("resets session state before the next client gets the backend", async () => {
    const first = await session("pool-reset", async (c) => {
      await c.query("set statement_timeout = '4321ms'");
      await c.query("select set_config('app.leak', 'yes', false)");
      await c.query("create temp table leak (x int)");
      await c.query("prepare leak_stmt as select 1");
      return pid(c);
    });
    const next = await session("pool-reset", async (c) => ({
      pid: await pid(c),
      state: (
        await c.query(`select current_setting('statement_timeout') as timeout,
          coalesce(current_setting('app.leak', true), '') as leak,
          to_regclass('pg_temp.leak') is null as no_temp,
          (select count(*)::int from pg_prepared_statements) as prepared`)
      ).rows[0],
    }));
    expect(next.pid).toBe(first);
    expect(next.state).toEqual({ timeout: "0", leak: "", no_temp: true, prepared: 0 });
  });

  it("does not pool a backend whose client left in the middle of a transaction", async () => {
    const inTx = await session("pool-tx", async (c) => {
      await c.query("begin");
      await c.query("create temp table half_done (x int)");
      return pid(c);
    });
    const next = await session("pool-tx", async (c) => ({
      pid: await pid(c),
      idle: (await c.query("select to_regclass('pg_temp.half_done') is null as clean")).rows[0].clean,
    }));
    expect(next.pid).not.toBe(inTx);
    expect(next.idle).toBe(true);
  });
});
