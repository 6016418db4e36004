/**
 * What each simulated menu accepts, so the simulator rejects what RouterOS rejects: an unknown
 * parameter, a missing required one, a duplicate name, a reference to something that does not exist.
 */

/** A row as RouterOS prints it: every value is text; `.id` is `*<hex>`. */
export type SimRow = Record<string, string>;

export type Verb = "add" | "set" | "remove" | "print" | "enable" | "disable";

export interface TableSpec {
  path: string;
  /** Word used in RouterOS's messages ("secret with the same name already exists"). */
  what: string;
  verbs: readonly Verb[];
  /** Parameters `add`/`set` accept; anything else is `unknown parameter`. */
  writable: readonly string[];
  required: readonly string[];
  /** Printed for a new row when `add` leaves them out. */
  defaults: SimRow;
  /** yes/no/true/false on input, printed as `true`/`false` (RouterOS API style). */
  booleans: readonly string[];
  /** Each row has a unique `name`. */
  named: boolean;
}

const ROUTEROS_BOOL = ["disabled"];

export const TABLES: readonly TableSpec[] = [
  {
    path: "/ppp/secret",
    what: "secret",
    verbs: ["add", "set", "remove", "print", "enable", "disable"],
    writable: [
      "name",
      "password",
      "service",
      "profile",
      "caller-id",
      "local-address",
      "remote-address",
      "routes",
      "limit-bytes-in",
      "limit-bytes-out",
      "disabled",
      "comment",
    ],
    required: ["name"],
    defaults: { service: "any", profile: "default", "caller-id": "", password: "", disabled: "false" },
    booleans: ROUTEROS_BOOL,
    named: true,
  },
  {
    path: "/ppp/profile",
    what: "profile",
    verbs: ["add", "set", "remove", "print"],
    writable: [
      "name",
      "local-address",
      "remote-address",
      "dns-server",
      "wins-server",
      "rate-limit",
      "parent-queue",
      "insert-queue-before",
      "queue-type",
      "address-list",
      "bridge",
      "only-one",
      "change-tcp-mss",
      "use-encryption",
      "use-compression",
      "idle-timeout",
      "session-timeout",
      "comment",
    ],
    required: ["name"],
    defaults: { "only-one": "default", "change-tcp-mss": "default", "use-encryption": "default", default: "false" },
    booleans: [],
    named: true,
  },
  {
    path: "/ppp/active",
    what: "active connection",
    verbs: ["print", "remove"],
    writable: [],
    required: [],
    defaults: {},
    booleans: [],
    named: false,
  },
  {
    path: "/ip/pool",
    what: "pool",
    verbs: ["add", "set", "remove", "print"],
    writable: ["name", "ranges", "next-pool", "comment"],
    required: ["name", "ranges"],
    defaults: { "next-pool": "none" },
    booleans: [],
    named: true,
  },
  {
    path: "/queue/simple",
    what: "queue",
    verbs: ["add", "set", "remove", "print", "enable", "disable"],
    writable: [
      "name",
      "target",
      "parent",
      "max-limit",
      "limit-at",
      "priority",
      "queue",
      "burst-limit",
      "burst-threshold",
      "burst-time",
      "disabled",
      "comment",
    ],
    required: ["target"],
    defaults: {
      parent: "none",
      "max-limit": "0/0",
      "limit-at": "0/0",
      priority: "8/8",
      queue: "default-small/default-small",
      disabled: "false",
      dynamic: "false",
      bytes: "0/0",
      packets: "0/0",
      rate: "0/0",
      "packet-rate": "0/0",
    },
    booleans: ROUTEROS_BOOL,
    named: true,
  },
];

export function tableSpec(path: string): TableSpec | undefined {
  return TABLES.find((t) => t.path === path);
}
