import { REPLAY_POLICY, type ReplayPolicy, type ReplayState, trimThrough } from "./replay";

export interface StoredEvent {
  seq: number;
  entity_type: string;
  /** Set for `sendToUser` events: replayed to that user only. */
  user_id: string | null;
  message: string;
}

/**
 * The hub's replay buffer in its SQLite storage: one row per stored event (the exact text that was
 * sent), plus the sequence counter. Nothing here is per connection. Synchronous (SQLite in the
 * object), so an accept + replay or a broadcast never interleaves with another.
 */
export class ReplayStore {
  private latest: number;

  constructor(
    private readonly sql: SqlStorage,
    private readonly policy: ReplayPolicy = REPLAY_POLICY,
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS hub_events (
      seq INTEGER PRIMARY KEY,
      dedupe_key TEXT UNIQUE,
      entity_type TEXT NOT NULL,
      user_id TEXT,
      stored_at INTEGER NOT NULL,
      message TEXT NOT NULL
    )`);
    sql.exec("CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
    const row = sql.exec<{ value: number }>("SELECT value FROM hub_meta WHERE key = 'seq'").toArray()[0];
    this.latest = row?.value ?? 0;
  }

  get latestSeq(): number {
    return this.latest;
  }

  /** Whether an event with this dedupe key is still in the window (a redelivery from the outbox). */
  has(dedupeKey: string): boolean {
    return this.sql.exec("SELECT 1 FROM hub_events WHERE dedupe_key = ?", dedupeKey).toArray().length > 0;
  }

  /** Takes the next sequence number and stores the event under it; `render` builds the message text. */
  append(
    row: { dedupeKey: string | null; entityType: string; userId: string | null; now: number },
    render: (seq: number) => string,
  ): { seq: number; message: string } {
    const seq = this.latest + 1;
    const message = render(seq);
    this.sql.exec(
      "INSERT INTO hub_events (seq, dedupe_key, entity_type, user_id, stored_at, message) VALUES (?, ?, ?, ?, ?, ?)",
      seq,
      row.dedupeKey,
      row.entityType,
      row.userId,
      row.now,
      message,
    );
    this.sql.exec("INSERT OR REPLACE INTO hub_meta (key, value) VALUES ('seq', ?)", seq);
    this.latest = seq;
    return { seq, message };
  }

  state(): ReplayState {
    const row = this.sql.exec<{ oldest: number | null }>("SELECT min(seq) AS oldest FROM hub_events").toArray()[0];
    return { latestSeq: this.latest, oldestSeq: row?.oldest ?? null };
  }

  after(since: number): StoredEvent[] {
    return this.sql
      .exec<{ seq: number; entity_type: string; user_id: string | null; message: string }>(
        "SELECT seq, entity_type, user_id, message FROM hub_events WHERE seq > ? ORDER BY seq",
        since,
      )
      .toArray();
  }

  /** Drops what fell out of the window; returns when the oldest remaining row expires (or null). */
  trim(now: number): number | null {
    const cutoff = now - this.policy.maxAgeMs;
    const expired = this.sql
      .exec<{ s: number | null }>("SELECT max(seq) AS s FROM hub_events WHERE stored_at < ?", cutoff)
      .toArray()[0];
    const through = trimThrough(this.latest, expired?.s ?? null, this.policy);
    if (through > 0) this.sql.exec("DELETE FROM hub_events WHERE seq <= ?", through);
    const oldest = this.sql.exec<{ at: number | null }>("SELECT min(stored_at) AS at FROM hub_events").toArray()[0];
    return oldest?.at == null ? null : oldest.at + this.policy.maxAgeMs;
  }

  count(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM hub_events").one().n;
  }
}
