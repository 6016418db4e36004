import { createDbRegistry, type DbRegistry } from "../db/client";
import { type Bindings, type Config, EnvSchema } from "../env";
import { createLogger, type Logger } from "../lib/logger";
import { gatewayClient } from "../services/connectors/gateway";
import { type Mailer, smtpMailer } from "../services/email/send";
import type { EventPublisher } from "../services/events/publisher";
import { createPublishers } from "../services/events/publishers";
import { type JobQueue, jobQueue } from "./producer";

/**
 * What background work (queue consumers, crons) runs with: the validated config, both database
 * handles, a logger, the job queue, the mailer and the event publisher (TenantHub + email rules).
 * Built once per invocation, closed at its end; tests build their own with fakes.
 */
export interface JobDeps {
  env: Bindings;
  config: Config;
  dbs: DbRegistry;
  log: Logger;
  queue: JobQueue;
  mailer: Mailer;
  publisher: EventPublisher;
  /** Realtime delivery alone: crons publish the events they wrote (email rules run separately). */
  realtime: EventPublisher;
}

/** Throws when the Worker's configuration is invalid (the invocation fails and is retried). */
export function createJobDeps(env: Bindings, base: Record<string, unknown>): JobDeps {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new Error(`invalid worker configuration: ${fields}`);
  }
  const config = parsed.data;
  const log = createLogger(base, config.LOG_LEVEL);
  const dbs = createDbRegistry(config, log);
  const queue = jobQueue(env);
  const publishers = createPublishers(env, config, log, dbs, queue);
  return {
    env,
    config,
    dbs,
    log,
    queue,
    mailer: smtpMailer({ clientName: config.BASE_DOMAIN, gateway: gatewayClient(env.CONNECTOR_GATEWAY) }),
    publisher: publishers.all,
    realtime: publishers.realtime,
  };
}
