import { formatDuration } from "../src/routeros/duration.ts";
import { type SimRow, TABLES, type TableSpec } from "./tables.ts";

/** One menu's rows, with RouterOS-style ids (`*1`, `*2`, … in hex) that are never reused. */
export class SimTable {
  readonly spec: TableSpec;
  rows: SimRow[] = [];
  #next = 1;

  constructor(spec: TableSpec) {
    this.spec = spec;
  }

  insert(props: SimRow, id?: string): SimRow {
    const row = { ".id": id ?? `*${(this.#next++).toString(16).toUpperCase()}`, ...props };
    this.rows.push(row);
    return row;
  }

  /** By `.id` (`*1A`) or, for named menus, by name, as RouterOS resolves `.id`/`numbers`. */
  find(ref: string): SimRow | undefined {
    return this.rows.find((r) => r[".id"] === ref) ?? (this.spec.named ? this.byName(ref) : undefined);
  }

  byName(name: string): SimRow | undefined {
    return this.rows.find((r) => r.name === name);
  }

  remove(row: SimRow): void {
    this.rows = this.rows.filter((r) => r !== row);
  }
}

export interface InjectSessionOptions {
  address?: string;
  callerId?: string;
  service?: string;
  uptime?: string;
}

/**
 * The simulated router: its menus, identity and resources, shared by every API connection. Tests
 * read and change it directly (inject a PPPoE session, add traffic, reboot).
 */
export class SimState {
  readonly tables = new Map<string, SimTable>(TABLES.map((t) => [t.path, new SimTable(t)]));
  identity = "MikroTik";
  version: string;
  boardName = "RB4011iGS+";
  cpuLoad = 3;
  totalMemory = 1_073_741_824;
  freeMemory = 900_000_000;
  #bootedAt = Date.now();
  #sessionSeq = 0;

  constructor(version: string) {
    this.version = version;
    this.reset();
  }

  /** Back to a freshly installed router: empty menus except RouterOS's two default PPP profiles. */
  reset(): void {
    for (const t of this.tables.values()) t.rows = [];
    this.profiles.insert({ name: "default", ...this.profiles.spec.defaults, default: "true" }, "*0");
    this.profiles.insert(
      { name: "default-encryption", ...this.profiles.spec.defaults, "use-encryption": "yes", default: "true" },
      "*FFFFFFFE",
    );
  }

  table(path: string): SimTable {
    const t = this.tables.get(path);
    if (!t) throw new Error(`no table ${path}`);
    return t;
  }
  get secrets(): SimTable {
    return this.table("/ppp/secret");
  }
  get profiles(): SimTable {
    return this.table("/ppp/profile");
  }
  get active(): SimTable {
    return this.table("/ppp/active");
  }
  get pools(): SimTable {
    return this.table("/ip/pool");
  }
  get queues(): SimTable {
    return this.table("/queue/simple");
  }

  /** `/system/resource/print`'s single row, computed now. */
  resource(): SimRow {
    return {
      uptime: formatDuration(Math.floor((Date.now() - this.#bootedAt) / 1000)),
      version: this.version,
      "build-time": "2025-02-24 10:00:00",
      "free-memory": String(this.freeMemory),
      "total-memory": String(this.totalMemory),
      cpu: "ARMv7",
      "cpu-count": "4",
      "cpu-frequency": "1400",
      "cpu-load": String(this.cpuLoad),
      "free-hdd-space": "400000000",
      "total-hdd-space": "536870912",
      "architecture-name": "arm",
      "board-name": this.boardName,
      platform: "MikroTik",
    };
  }

  /**
   * A PPPoE client connects: an `/ppp/active` row and, when its profile has a `rate-limit`, the
   * dynamic simple queue `<pppoe-NAME>` RouterOS creates for it.
   */
  injectSession(name: string, opts: InjectSessionOptions = {}): SimRow {
    const n = ++this.#sessionSeq;
    const address = opts.address ?? `10.10.${(n >> 8) & 0xff}.${n & 0xff}`;
    const row = this.active.insert({
      name,
      service: opts.service ?? "pppoe",
      "caller-id":
        opts.callerId ??
        `AA:BB:CC:00:${((n >> 8) & 0xff).toString(16).padStart(2, "0")}:${(n & 0xff).toString(16).padStart(2, "0")}`,
      address,
      uptime: opts.uptime ?? "0s",
      encoding: "",
      "session-id": `0x${(0x81000000 + n).toString(16).toUpperCase()}`,
      "limit-bytes-in": "0",
      "limit-bytes-out": "0",
      radius: "false",
    });
    const secret = this.secrets.byName(name);
    const profile = this.profiles.byName(secret?.profile ?? "default");
    const rateLimit = profile?.["rate-limit"];
    if (rateLimit) {
      const [maxLimit = "0/0"] = rateLimit.split(" ");
      this.queues.insert({
        ...this.queues.spec.defaults,
        name: `<pppoe-${name}>`,
        target: `<pppoe-${name}>`,
        "max-limit": maxLimit,
        dynamic: "true",
      });
    }
    return row;
  }

  /** The client hangs up (or is kicked): the session and its dynamic queue go. */
  endSession(row: SimRow): void {
    this.active.remove(row);
    const queue = this.queues.byName(`<pppoe-${row.name}>`);
    if (queue?.dynamic === "true") this.queues.remove(queue);
  }

  /** Traffic through a queue: `up` is what the target sent, `down` what it received (RouterOS order). */
  addTraffic(queueName: string, t: { up: bigint; down: bigint; upRate?: number; downRate?: number }): void {
    const q = this.queues.byName(queueName);
    if (!q) throw new Error(`no queue ${queueName}`);
    const [up, down] = splitPair(q.bytes);
    q.bytes = `${up + t.up}/${down + t.down}`;
    if (t.upRate !== undefined || t.downRate !== undefined) q.rate = `${t.upRate ?? 0}/${t.downRate ?? 0}`;
  }

  /** A reboot: counters restart at zero, sessions and their dynamic queues are gone. */
  reboot(): void {
    for (const row of [...this.active.rows]) this.endSession(row);
    for (const q of this.queues.rows) {
      q.bytes = "0/0";
      q.packets = "0/0";
      q.rate = "0/0";
    }
    this.#bootedAt = Date.now();
  }

  /** A deep copy of every menu, for comparing states. */
  snapshot(): Record<string, SimRow[]> {
    return Object.fromEntries([...this.tables].map(([path, t]) => [path, t.rows.map((r) => ({ ...r }))]));
  }
}

function splitPair(v: string | undefined): [bigint, bigint] {
  const [a = "0", b = "0"] = (v ?? "0/0").split("/");
  return [BigInt(a), BigInt(b)];
}
