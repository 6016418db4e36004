import type { OpName, Result } from "../../src/protocol";
import type { LaneState } from "./lanes";
import type { NewCommand, RecentResult, StoredCommand } from "./types";

/** Finished commands kept for `status()` and for dropping a late duplicate enqueue. */
const RECENT_RESULTS = 500;
const DEFAULT_DEADLINE_MS = 7 * 24 * 3600 * 1000;

type Row = Record<string, SqlStorageValue>;

/**
 * The durable command outbox in the gateway's SQLite storage: commands are written here before
 * they are sent and deleted only when their result is recorded, so a reconnect, an eviction or a
 * deploy never loses one. Synchronous SQLite calls: each method is atomic within the object.
 */
export class Outbox {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`create table if not exists commands (
      seq integer primary key autoincrement, id text not null unique, router_id text not null,
      op text not null, args text not null, idempotency_key text not null unique, deadline text not null,
      subject text, version text, kick_on_change integer not null default 0,
      attempts integer not null default 0, sent_at integer, created_at integer not null)`);
    sql.exec(`create table if not exists results (
      command_id text primary key, idempotency_key text not null, router_id text not null, op text not null,
      ok integer not null, error text, finished_at integer not null)`);
    sql.exec("create index if not exists results_key on results (idempotency_key)");
    sql.exec(`create table if not exists lanes (
      router_id text primary key, failures integer not null, retry_at integer not null, last_error text)`);
    sql.exec("create table if not exists subjects (subject text primary key, version text not null)");
    sql.exec("create table if not exists meta (key text primary key, value text not null)");
  }

  getMeta(key: string): string | null {
    const [row] = this.sql.exec<{ value: string }>("select value from meta where key = ?", key).toArray();
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec("insert or replace into meta (key, value) values (?, ?)", key, value);
  }

  /**
   * Appends commands in order. Drops a command whose idempotency key is already queued or recently
   * finished, or whose subject already waits with the same version (`duplicate`), and one planned
   * from an older version of its subject than one already accepted (`stale`: a newer change was
   * planned after it).
   */
  enqueue(commands: NewCommand[], now: number): { accepted: number; duplicates: number; stale: number } {
    const out = { accepted: 0, duplicates: 0, stale: 0 };
    const outstanding = new Set(
      this.sql
        .exec<{ k: string }>("select distinct subject || '@' || version as k from commands where subject is not null")
        .toArray()
        .map((r) => r.k),
    );
    for (const c of commands) {
      if (c.subject && c.version && this.isStale(c.subject, c.version)) {
        out.stale += 1;
        continue;
      }
      // The same change already waiting (the sweeper planning what an event already queued).
      if (this.hasKey(c.idempotencyKey) || (c.subject && outstanding.has(`${c.subject}@${c.version}`))) {
        out.duplicates += 1;
        continue;
      }
      if (c.subject && c.version) {
        this.sql.exec("insert or replace into subjects (subject, version) values (?, ?)", c.subject, c.version);
      }
      const { routerId, op, args, idempotencyKey, subject, version, kickOnChange } = c;
      this.sql.exec(
        `insert into commands (id, router_id, op, args, idempotency_key, deadline, subject, version, kick_on_change, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        crypto.randomUUID(),
        routerId,
        op,
        JSON.stringify(args),
        idempotencyKey,
        c.deadline ?? new Date(now + DEFAULT_DEADLINE_MS).toISOString(),
        subject ?? null,
        version ?? null,
        kickOnChange ? 1 : 0,
        now,
      );
      out.accepted += 1;
    }
    return out;
  }

  private isStale(subject: string, version: string): boolean {
    const [row] = this.sql
      .exec<{ version: string }>("select version from subjects where subject = ?", subject)
      .toArray();
    return row !== undefined && BigInt(row.version) > BigInt(version);
  }

  private hasKey(key: string): boolean {
    const q =
      "select 1 from commands where idempotency_key = ? union all select 1 from results where idempotency_key = ?";
    return this.sql.exec(q, key, key).toArray().length > 0;
  }

  /**
   * Puts a follow-up command in the place of a finished one (`finish` freed its `seq`), so it goes
   * next in that lane: a kick right after the secret change it depends on.
   */
  enqueueInPlaceOf(finished: StoredCommand, c: NewCommand, now: number): void {
    if (this.enqueue([c], now).accepted === 0) return;
    this.sql.exec("update commands set seq = ? where idempotency_key = ?", finished.seq, c.idempotencyKey);
  }

  all(): StoredCommand[] {
    return this.sql.exec<Row>("select * from commands order by seq").toArray().map(toCommand);
  }

  get(id: string): StoredCommand | undefined {
    const [row] = this.sql.exec<Row>("select * from commands where id = ?", id).toArray();
    return row ? toCommand(row) : undefined;
  }

  markSent(id: string, now: number): void {
    this.sql.exec("update commands set sent_at = ?, attempts = attempts + 1 where id = ?", now, id);
  }

  /** After a reconnect nothing is in flight any more: everything is sent again, in order. */
  clearInFlight(): void {
    this.sql.exec("update commands set sent_at = null where sent_at is not null");
  }

  /**
   * Forgets everything: commands (they hold PPPoE passwords), results, lanes, subject versions and
   * meta. For a connector whose tenant is deleted; the tables stay, so the object still works.
   */
  purge(): void {
    for (const table of ["commands", "results", "lanes", "subjects", "meta"]) this.sql.exec(`delete from ${table}`);
  }

  /** Back to waiting (a retryable failure): the lane's backoff decides when it goes again. */
  requeue(id: string): void {
    this.sql.exec("update commands set sent_at = null where id = ?", id);
  }

  /** Removes a finished command and remembers its result. */
  finish(cmd: StoredCommand, result: Pick<Result, "ok" | "error">, now: number): void {
    this.sql.exec("delete from commands where id = ?", cmd.id);
    const error = result.ok ? null : `${result.error?.code ?? "internal"}: ${result.error?.message ?? ""}`;
    this.sql.exec(
      "insert or replace into results (command_id, idempotency_key, router_id, op, ok, error, finished_at) values (?, ?, ?, ?, ?, ?, ?)",
      cmd.id,
      cmd.idempotencyKey,
      cmd.routerId,
      cmd.op,
      result.ok ? 1 : 0,
      error,
      now,
    );
    this.sql.exec(
      "delete from results where command_id in (select command_id from results order by finished_at desc limit -1 offset ?)",
      RECENT_RESULTS,
    );
  }

  /** Later commands of the same subject and version (they build on the one that failed). */
  dependents(cmd: StoredCommand): StoredCommand[] {
    if (!cmd.subject) return [];
    return this.all().filter((c) => c.seq > cmd.seq && c.subject === cmd.subject && c.version === cmd.version);
  }

  /** Whether the subject still has commands outstanding. */
  subjectPending(subject: string): boolean {
    return this.sql.exec("select 1 from commands where subject = ? limit 1", subject).toArray().length > 0;
  }

  lanes(): Map<string, LaneState> {
    const rows = this.sql.exec<Row>("select * from lanes").toArray();
    return new Map(
      rows.map((r) => [
        String(r.router_id),
        {
          routerId: String(r.router_id),
          failures: Number(r.failures),
          retryAt: Number(r.retry_at),
          lastError: r.last_error === null ? null : String(r.last_error),
        },
      ]),
    );
  }

  setLane(lane: LaneState): void {
    this.sql.exec(
      "insert or replace into lanes (router_id, failures, retry_at, last_error) values (?, ?, ?, ?)",
      lane.routerId,
      lane.failures,
      lane.retryAt,
      lane.lastError,
    );
  }

  resetLane(routerId: string): void {
    this.sql.exec("delete from lanes where router_id = ?", routerId);
  }

  recent(limit = 20): RecentResult[] {
    return this.sql
      .exec<Row>("select * from results order by finished_at desc limit ?", limit)
      .toArray()
      .map((r) => ({
        commandId: String(r.command_id),
        routerId: String(r.router_id),
        op: String(r.op),
        ok: r.ok === 1,
        error: r.error === null ? null : String(r.error),
        finishedAt: new Date(Number(r.finished_at)).toISOString(),
      }));
  }
}

function toCommand(r: Row): StoredCommand {
  return {
    seq: Number(r.seq),
    id: String(r.id),
    routerId: String(r.router_id),
    op: String(r.op) as OpName,
    args: JSON.parse(String(r.args)) as unknown,
    idempotencyKey: String(r.idempotency_key),
    deadline: String(r.deadline),
    subject: r.subject === null ? null : String(r.subject),
    version: r.version === null ? null : String(r.version),
    kickOnChange: r.kick_on_change === 1,
    attempts: Number(r.attempts),
    sentAt: r.sent_at === null ? null : Number(r.sent_at),
  };
}
