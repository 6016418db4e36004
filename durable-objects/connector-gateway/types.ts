import type { Op, OpName, ResultError } from "../../src/protocol";

/**
 * A command as the Worker hands it to a connector's gateway. The gateway gives it an id, keeps it
 * in its outbox until a result arrives, and reports the outcome of provisioning commands (those with
 * a `subject`) back to Postgres.
 */
export type NewCommand = Op & {
  routerId: string;
  /** Same key twice (a redelivered event, a sweeper racing the publisher): the second is dropped. */
  idempotencyKey: string;
  /** ISO instant after which the connector must not start it; default: a week from now. */
  deadline?: string;
  /** The customer the command provisions (its provisioning state is reported). */
  subject?: string;
  /**
   * The customer's version when the command was planned (`updated_at` in microseconds). A batch
   * older than one already accepted for the subject is dropped, and a report applies only while the
   * row still has this version (a newer change is then on its way).
   */
  version?: string;
  /** `ensureSecret` only: when the result says the profile changed or the secret got disabled, kick the session. */
  kickOnChange?: boolean;
};

/** A command in the outbox. */
export interface StoredCommand {
  seq: number;
  id: string;
  routerId: string;
  op: OpName;
  args: unknown;
  idempotencyKey: string;
  deadline: string;
  subject: string | null;
  version: string | null;
  kickOnChange: boolean;
  attempts: number;
  /** Epoch ms of the last send; null while waiting to be sent. */
  sentAt: number | null;
}

export type RequestOutcome =
  | { kind: "ok"; data: unknown }
  | { kind: "error"; error: ResultError }
  | { kind: "offline" }
  | { kind: "timeout" };

export interface RouterLaneStatus {
  routerId: string;
  queued: number;
  failures: number;
  retryAt: string | null;
  lastError: string | null;
}

export interface RecentResult {
  commandId: string;
  routerId: string;
  op: string;
  ok: boolean;
  error: string | null;
  finishedAt: string;
}

export interface GatewayStatus {
  connected: boolean;
  connectedAt: string | null;
  lastSeen: string | null;
  queued: number;
  inFlight: number;
  routers: RouterLaneStatus[];
  recent: RecentResult[];
}
