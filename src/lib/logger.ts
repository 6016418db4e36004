/** Structured JSON logs, one object a line; Workers Logs and `wrangler tail` index the fields. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function createLogger(base: Record<string, unknown> = {}, minLevel: LogLevel = "info"): Logger {
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...base, ...fields }, errorReplacer);
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields) => createLogger({ ...base, ...fields }, minLevel),
  };
}

function errorReplacer(_key: string, value: unknown) {
  if (value instanceof Error) return errorFields(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * What a log line says about an error. A database error says only where it happened: drizzle's
 * message and stack carry the query's bound parameters (rows, password hashes, ciphertext), and
 * Postgres' own message and detail quote values ("Key (email)=(…)", "invalid input syntax … "…"").
 * So: SQLSTATE, constraint, table, column, the statement with its placeholders, and stack frames.
 */
export function errorFields(err: Error): Record<string, unknown> {
  const db = databaseError(err);
  if (!db) return { name: err.name, message: err.message, stack: err.stack };
  const { query, pg } = db;
  const fields: Record<string, unknown> = {
    name: "DatabaseError",
    message: pg
      ? `database error ${pg.code}${pg.constraint ? ` (constraint ${pg.constraint})` : ""}`
      : `database query failed: ${safeCauseName(err)}`,
  };
  if (pg) {
    fields.sqlstate = pg.code;
    for (const k of ["constraint", "table", "column", "schema"] as const) if (pg[k]) fields[k] = pg[k];
  }
  if (query) fields.query = query;
  fields.stack = stackFrames(err.stack);
  return fields;
}

interface PgFields {
  code: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
}

/** A drizzle query error (has `query` and `params`) and/or a Postgres error (a SQLSTATE and a severity) in the cause chain. */
function databaseError(err: Error): { query?: string; pg?: PgFields } | undefined {
  let query: string | undefined;
  let pg: PgFields | undefined;
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === "object"; i++) {
    const e = cur as Record<string, unknown>;
    if (query === undefined && typeof e.query === "string" && "params" in e) query = e.query;
    if (!pg && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === "string") {
      pg = {
        code: e.code,
        constraint: str(e.constraint),
        table: str(e.table),
        column: str(e.column),
        schema: str(e.schema),
      };
    }
    cur = e.cause;
  }
  return query !== undefined || pg ? { query, pg } : undefined;
}

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** The name and code of a non-Postgres cause (a dropped connection), never a message that could quote values. */
function safeCauseName(err: Error): string {
  const cause = err.cause as { name?: unknown; code?: unknown } | undefined;
  if (!cause) return "unknown cause";
  return [str(cause.name), str(cause.code)].filter(Boolean).join(" ") || "unknown cause";
}

/** A stack without its first line(s): those repeat the message. */
function stackFrames(stack: string | undefined): string | undefined {
  return stack
    ?.split("\n")
    .filter((l) => /^\s+at /.test(l))
    .join("\n");
}
