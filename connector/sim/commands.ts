import { isIP } from "node:net";
import { compileQuery, QueryError } from "./query.ts";
import type { SimState, SimTable } from "./state.ts";
import { type SimRow, tableSpec, type Verb } from "./tables.ts";

/** A reply: its sentences in order (without `.tag`, which the server adds). */
export type Reply = string[][];

export type SimMode = "6.43" | "7.18" | "legacy-challenge";

/** A parsed command sentence: `/path/verb`, `=attr=value` words and `?query` words. */
export interface ParsedCommand {
  command: string;
  attrs: Map<string, string>;
  queries: string[];
}

export function parseCommand(words: readonly string[]): ParsedCommand {
  const [command = "", ...rest] = words;
  const attrs = new Map<string, string>();
  const queries: string[] = [];
  for (const w of rest) {
    if (w.startsWith("?")) queries.push(w);
    else if (w.startsWith("=")) {
      const eq = w.indexOf("=", 1);
      if (eq === -1) attrs.set(w.slice(1), "");
      else attrs.set(w.slice(1, eq), w.slice(eq + 1));
    }
  }
  return { command, attrs, queries };
}

export const trap = (message: string, category?: number): Reply => [
  ["!trap", ...(category === undefined ? [] : [`=category=${category}`]), `=message=${message}`],
  ["!done"],
];
const done = (ret?: string): Reply => [["!done", ...(ret === undefined ? [] : [`=ret=${ret}`])]];

const PRINT_PARAMS = new Set([".proplist", "count-only", "detail", "stats", "without-paging", "terse", "brief"]);
const BOOL_INPUT: Record<string, string> = { yes: "true", no: "false", true: "true", false: "false" };
const SERVICES = new Set(["any", "async", "l2tp", "ovpn", "pppoe", "pptp", "sstp"]);
const RATE_RE = /^\d+[kKmMgG]?\/\d+[kKmMgG]?( \S+)*$/;

/** Runs one command against the state; never throws (a bad command is a `!trap`). */
export function execute(state: SimState, mode: SimMode, cmd: ParsedCommand): Reply {
  try {
    return run(state, mode, cmd);
  } catch (e) {
    if (e instanceof QueryError) return trap(e.message, 5);
    if (e instanceof TrapError) return trap(e.message, e.category);
    throw e;
  }
}

class TrapError extends Error {
  readonly category: number | undefined;
  constructor(message: string, category?: number) {
    super(message);
    this.category = category;
  }
}

function run(state: SimState, mode: SimMode, cmd: ParsedCommand): Reply {
  const slash = cmd.command.lastIndexOf("/");
  const path = cmd.command.slice(0, slash);
  const verb = cmd.command.slice(slash + 1);
  if (path === "/system/identity") return identity(state, verb, cmd, mode);
  if (path === "/system/resource" && verb === "print") return print([state.resource()], cmd, mode);
  const spec = tableSpec(path);
  if (!spec?.verbs.includes(verb as Verb)) return trap("no such command");
  const table = state.table(path);
  switch (verb as Verb) {
    case "print":
      return print(table.rows, cmd, mode);
    case "add":
      return add(state, table, cmd);
    case "set":
      return set(state, table, cmd.attrs);
    case "enable":
    case "disable":
      return set(state, table, new Map([...refsOnly(cmd.attrs), ["disabled", verb === "disable" ? "yes" : "no"]]));
    case "remove":
      return remove(state, table, cmd.attrs);
  }
}

function identity(state: SimState, verb: string, cmd: ParsedCommand, mode: SimMode): Reply {
  if (verb === "print") return print([{ name: state.identity }], cmd, mode);
  if (verb === "set") {
    for (const k of cmd.attrs.keys()) if (k !== "name") return trap("unknown parameter");
    state.identity = cmd.attrs.get("name") ?? state.identity;
    return done();
  }
  return trap("no such command");
}

function print(rows: readonly SimRow[], cmd: ParsedCommand, mode: SimMode): Reply {
  for (const k of cmd.attrs.keys()) if (!PRINT_PARAMS.has(k)) return trap("unknown parameter");
  const matches = rows.filter(compileQuery(cmd.queries));
  if (cmd.attrs.has("count-only")) return done(String(matches.length));
  const proplist = cmd.attrs.get(".proplist")?.split(",").filter(Boolean);
  const out: Reply = matches.map((row) => [
    "!re",
    ...Object.entries(row)
      .filter(([k]) => !proplist || proplist.includes(k))
      .map(([k, v]) => `=${k}=${v}`),
  ]);
  // RouterOS >= 7.18 says so explicitly when a print found nothing, then ends with !done as always.
  if (out.length === 0 && mode === "7.18") out.push(["!empty"]);
  out.push(["!done"]);
  return out;
}

function refsOnly(attrs: Map<string, string>): Map<string, string> {
  return new Map([...attrs].filter(([k]) => k === ".id" || k === "numbers"));
}

/** Rows named by `.id`/`numbers` (comma-separated ids or names); `no such item` when one is missing. */
function targets(table: SimTable, attrs: Map<string, string>): SimRow[] {
  const refs = attrs.get(".id") ?? attrs.get("numbers");
  if (refs === undefined) throw new TrapError("no such item", 0);
  return refs.split(",").map((ref) => {
    const row = table.find(ref);
    if (!row) throw new TrapError("no such item", 0);
    return row;
  });
}

function checkValues(state: SimState, table: SimTable, props: Map<string, string>, self?: SimRow): SimRow {
  const spec = table.spec;
  const out: SimRow = {};
  for (const [k, raw] of props) {
    if (!spec.writable.includes(k)) throw new TrapError("unknown parameter");
    let v = raw;
    if (spec.booleans.includes(k)) {
      const b = BOOL_INPUT[v];
      if (b === undefined) throw new TrapError(`value of ${k} should be yes or no`, 1);
      v = b;
    }
    out[k] = v;
  }
  if (out.name !== undefined) {
    if (out.name === "") throw new TrapError("name can not be empty", 1);
    const other = table.byName(out.name);
    if (other && other !== self) throw new TrapError(`failure: ${spec.what} with the same name already exists`);
  }
  validateReferences(state, spec.path, out);
  return out;
}

/** The references RouterOS checks (`input does not match any value of …`). */
function validateReferences(state: SimState, path: string, p: SimRow): void {
  const noMatch = (k: string) => new TrapError(`input does not match any value of ${k}`, 1);
  if (path === "/ppp/secret") {
    if (p.profile !== undefined && !state.profiles.byName(p.profile)) throw noMatch("profile");
    if (p.service !== undefined && !SERVICES.has(p.service)) throw noMatch("service");
  }
  if (path === "/ppp/profile") {
    const ra = p["remote-address"];
    if (ra !== undefined && ra !== "" && isIP(ra) === 0 && !state.pools.byName(ra)) throw noMatch("remote-address");
    const la = p["local-address"];
    if (la !== undefined && la !== "" && isIP(la) === 0 && !state.pools.byName(la)) throw noMatch("local-address");
    const pq = p["parent-queue"];
    if (pq !== undefined && pq !== "" && pq !== "none" && !state.queues.byName(pq)) throw noMatch("parent-queue");
    const rl = p["rate-limit"];
    if (rl !== undefined && rl !== "" && !RATE_RE.test(rl))
      throw new TrapError("invalid value for argument rate-limit", 1);
    for (const dns of p["dns-server"]?.split(",").filter(Boolean) ?? []) {
      if (isIP(dns) !== 4) throw new TrapError("invalid value for argument dns-server", 1);
    }
  }
}

function add(state: SimState, table: SimTable, cmd: ParsedCommand): Reply {
  const props = checkValues(state, table, cmd.attrs);
  for (const r of table.spec.required) {
    if (props[r] === undefined) throw new TrapError(`failure: ${r} not specified`);
  }
  // RouterOS prints `.id` and `name` first; keep that order for readable dumps.
  const row = table.insert({
    ...(props.name === undefined ? {} : { name: props.name }),
    ...table.spec.defaults,
    ...props,
  });
  if (table.spec.named && row.name === undefined) row.name = `${table.spec.what}${row[".id"]?.slice(1)}`;
  return done(row[".id"]);
}

function set(state: SimState, table: SimTable, attrs: Map<string, string>): Reply {
  const rows = targets(table, attrs);
  const changes = new Map([...attrs].filter(([k]) => k !== ".id" && k !== "numbers"));
  for (const row of rows) {
    if (row.dynamic === "true") throw new TrapError("failure: can not change dynamic");
    Object.assign(row, checkValues(state, table, changes, row));
  }
  return done();
}

function remove(state: SimState, table: SimTable, attrs: Map<string, string>): Reply {
  const rows = targets(table, attrs);
  for (const row of rows) {
    if (row.default === "true") throw new TrapError(`failure: can not remove default ${table.spec.what}`);
    if (row.dynamic === "true") throw new TrapError("failure: can not remove dynamic");
  }
  for (const row of rows) {
    if (table.spec.path === "/ppp/active") state.endSession(row);
    else table.remove(row);
  }
  return done();
}
