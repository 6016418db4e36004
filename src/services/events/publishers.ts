import type { DbRegistry } from "../../db/client";
import type { Bindings, Config } from "../../env";
import type { Logger } from "../../lib/logger";
import type { JobQueue } from "../../queues/producer";
import { withEmailNotifications } from "../email/publisher";
import { provisioningDepsFor, withProvisioning } from "../provisioning/publisher";
import { eventPublisher } from "./hub-publisher";
import type { EventPublisher } from "./publisher";

export interface Publishers {
  /** Everything committed events drive: realtime delivery, email rules and router provisioning. */
  all: EventPublisher;
  /** Realtime delivery alone (TenantHub + marking the outbox row published): the sweeper's. */
  realtime: EventPublisher;
}

/** The one composition of event delivery, shared by requests, queue consumers and crons. */
export function createPublishers(
  env: Bindings | undefined,
  config: Config,
  log: Logger,
  dbs: DbRegistry,
  queue: JobQueue | undefined,
): Publishers {
  const realtime = eventPublisher(env?.TENANT_HUB, log, () => dbs.app());
  const all = withProvisioning(
    withEmailNotifications(realtime, { db: () => dbs.system(), queue, log }),
    provisioningDepsFor(env, config, log, () => dbs.app()),
  );
  return { all, realtime };
}
