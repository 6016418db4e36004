import type { Command } from "../../src/protocol";
import type { GatewayBackend } from "./backend";
import type { Outbox } from "./outbox";
import type { StoredCommand } from "./types";

/** A connector away this long is marked offline (a restart or a short network blip is not an outage). */
export const OFFLINE_GRACE_MS = 90_000;
/** While connected, `last_seen` is written this often (heartbeats themselves never wake the object). */
export const SEEN_EVERY_MS = 60_000;

/** What the gateway's helpers work with. */
export interface Presence {
  ctx: DurableObjectState;
  outbox: Outbox;
  backend: GatewayBackend;
  connectorId: string;
}

/** The wire form of an outbox command. */
export function commandMessage(cmd: StoredCommand): Command {
  return {
    type: "command",
    id: cmd.id,
    routerId: cmd.routerId,
    idempotencyKey: cmd.idempotencyKey,
    deadline: cmd.deadline,
    op: cmd.op,
    args: cmd.args,
  } as Command;
}
